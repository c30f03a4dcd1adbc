import Basics
import Testing

/// `trimmingSpaces` takes off what `Character.isWhitespace` calls white space at both ends, whole
/// Characters at a time, whether it decides by its quick look at the ends or by walking them.
@Suite struct TrimmingTests {
    @Test(arguments: [
        ("  a b  ", "a b"), ("a", "a"), ("", ""), ("   ", ""), ("\ta\n", "a"), ("中文。", "中文。"),
        ("\u{3000}中文\u{3000}", "中文"), ("x\u{A0}", "x"), ("x \u{301}", "x"), (" \u{301}", ""),
        ("e\u{301}", "e\u{301}"), ("👍🏽", "👍🏽"), ("a\u{200D}", "a\u{200D}"), ("\r\n", ""), ("a\r\n", "a"),
        ("ok\u{2028}", "ok"), ("क्षि", "क्षि"), ("🇨🇳 ", "🇨🇳"),
        ("中文\u{3000}", "中文"), ("中\u{301}", "中\u{301}"), ("中\u{3000}\u{301}", "中"), ("\u{205F}中", "中"),
    ])
    func trimsWhiteSpaceAtBothEnds(text: String, trimmed: String) {
        #expect(text.trimmingSpaces() == trimmed)
        #expect(text[...].trimmingSpaces() == trimmed)
        // The same as walking Characters from both ends.
        var reference = Substring(text)
        while let first = reference.first, first.isWhitespace { reference = reference.dropFirst() }
        while let last = reference.last, last.isWhitespace { reference = reference.dropLast() }
        #expect(String(reference) == trimmed)
    }

    @Test func trailingSpacesAndTabsOnly() {
        #expect(" a \t ".trimmingTrailingSpaces() == " a")
        #expect("a\n".trimmingTrailingSpaces() == "a\n")
    }
}
