import Foundation
import Testing

@testable import Anki
@testable import Export

@Test func scriptsEventHandlersAndJavascriptURLsAreRemoved() {
    let html = MarkdownHTML.render(
        """
        Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> [a](javascript:alert(3)) [b](JaVaScRiPt:alert(4)) [c](java&#9;script:alert(5))

        <div onclick="alert(5)">block</div>

        ![c](data:text/html;base64,PHNjcmlwdD4=)
        """)
    for bad in ["<script", "onerror", "onclick", "javascript", "JaVa", "data:", "<div"] {
        #expect(!html.contains(bad), "\(bad) survived in \(html)")
    }
    #expect(html.contains("<a href=\"\">a</a> <a href=\"\">b</a> <a href=\"\">c</a>"))
}

@Test func bareFormattingTagsAndSafeLinksSurvive() {
    let html = MarkdownHTML.render(
        "H<sub>2</sub>O, <kbd>Ctrl</kbd><br/> [RFC](https://www.rfc-editor.org/rfc/rfc793) [x](../tcp/states.md#listen)")
    #expect(
        html
            == "<p>H<sub>2</sub>O, <kbd>Ctrl</kbd><br/> <a href=\"https://www.rfc-editor.org/rfc/rfc793\">RFC</a> <a href=\"../tcp/states.md#listen\">x</a></p>"
    )
    #expect(!MarkdownHTML.render("<sub onclick=\"x\">2</sub>").contains("onclick"))
}

@Test func tablesCodeBlocksAndStrikethroughRenderAsGFM() {
    let html = MarkdownHTML.render("| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n```c\nint x = 1 < 2;\n```")
    #expect(html.contains("<table>"))
    #expect(html.contains("<td><del>2</del></td>"))
    #expect(html.contains("<pre><code class=\"language-c\">int x = 1 &lt; 2;\n</code></pre>"))
}

@Test func plainTextDropsTagsAndDecodesEntities() {
    #expect(MarkdownHTML.plainText("<p>a &lt;b&gt;\n<code>c &amp; d</code></p>") == "a <b> c & d")
}

/// cmark-gfm keeps its extensions' special characters in one table for the process, changed
/// by every parse: parses on several threads at once (as an import runs them) must still see
/// every strikethrough and table cell.
@Test func parsesOnManyThreadsAtOnceAllSeeTheExtensions() {
    let markdown = "| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n~~gone~~ and ~~also~~\n"
    let expected = MarkdownHTML.render(markdown)
    #expect(expected.contains("<td><del>2</del></td>") && expected.contains("<del>gone</del>"))
    let results = ResultBox(count: 4000)
    DispatchQueue.concurrentPerform(iterations: 4000) { index in
        results.set(index, MarkdownHTML.render(markdown) == expected)
    }
    #expect(results.failures == 0, "\(results.failures) of 4000 parses lost a strikethrough or a cell")
}

final class ResultBox: @unchecked Sendable {
    private var values: [Bool]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: true, count: count) }
    func set(_ index: Int, _ value: Bool) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
    var failures: Int { values.filter { !$0 }.count }
}

@Test func chineseEmphasisNextToFullWidthPunctuationIsEmphasis() {
    // CommonMark alone leaves the asterisks of both as text.
    #expect(MarkdownHTML.render("**注意：**这里") == "<p><strong>注意：</strong>这里</p>")
    #expect(MarkdownHTML.render("这是**「引号」**里") == "<p>这是<strong>「引号」</strong>里</p>")
    #expect(MarkdownHTML.render("~~旧说法：~~新") == "<p><del>旧说法：</del>新</p>")
    // Nothing of the separator is left, in text or in code.
    #expect(!MarkdownHTML.render("`**注意：**这里` and **注意：**这里").unicodeScalars.contains("\u{200B}"))
    #expect(MarkdownHTML.render("`a**：**b`") == "<p><code>a**：**b</code></p>")
}

@Test func aLineBreakBetweenChineseCharactersIsNoSpace() {
    #expect(MarkdownHTML.render("服务端确认\n的也是 x+1") == "<p>服务端确认的也是 x+1</p>")
    // Next to full-width punctuation: none either; between Latin words a space stays.
    #expect(MarkdownHTML.render("客户端，\nthen the server") == "<p>客户端，then the server</p>")
    #expect(MarkdownHTML.render("the client\nthen the server") == "<p>the client\nthen the server</p>")
    #expect(MarkdownHTML.render("中文 `code`\n中文") == "<p>中文 <code>code</code>\n中文</p>")
    #expect(MarkdownHTML.render("**注意**\n这里") == "<p><strong>注意</strong>这里</p>")
}
