import Basics
import Foundation
import Scheduler
import Store
import Testing

@testable import Quiz

@Suite struct MarkdownForTheTerminal {
    let plain = TerminalMarkdown(color: false, width: 40)

    @Test func blocksRenderPlainWithoutColor() {
        let markdown = """
            # Title

            Some **bold** and *italic* text with `code` and a [link](http://x) that wraps past forty columns.

            - one
              - nested
            1. first

            ```
            let x = 1
            ```

            | Flag | Meaning |
            |------|---------|
            | SYN | open |
            | FIN | close `x` |

            > quoted
            """
        #expect(
            plain.render(markdown) == [
                "Title",
                "",
                "Some bold and italic text with `code`",
                "and a link that wraps past forty",
                "columns.",
                "",
                "• one",
                "  • nested",
                "1. first",
                "",
                "    let x = 1",
                "",
                "Flag │ Meaning",
                "─────┼──────────",
                "SYN  │ open",
                "FIN  │ close `x`",
                "",
                "│ quoted",
            ])
    }

    @Test func colorUsesEscapesOnlyWhenAskedFor() {
        let colored = TerminalMarkdown(color: true, width: 40).render("**bold** `c`")
        #expect(colored == ["\u{1B}[1mbold\u{1B}[22m \u{1B}[36mc\u{1B}[39m"])
        #expect(!plain.render("**bold** `c`").joined().contains("\u{1B}"))
    }

    @Test func chineseWrapsByColumnsWithoutSpaces() {
        let lines = TerminalMarkdown(color: false, width: 20).render("三次握手用来同步双方的初始序列号并确认对方能收发")
        #expect(lines.allSatisfy { TerminalText.width(of: $0) <= 20 })
        #expect(lines.joined() == "三次握手用来同步双方的初始序列号并确认对方能收发")
    }

    @Test func mixedChineseAndLatinKeepTheirSpacingAsWritten() {
        let wide = TerminalMarkdown(color: false, width: 60)
        #expect(wide.render("顺序是 SYN、SYN+ACK、ACK，共三次") == ["顺序是 SYN、SYN+ACK、ACK，共三次"])
        #expect(wide.render("- 发送 SYN") == ["• 发送 SYN"])
        #expect(wide.render("TCP拥塞控制 and 慢启动") == ["TCP拥塞控制 and 慢启动"])
        // Wrapping still breaks between wide characters and never widens a line past its width.
        let narrow = TerminalText.wrap("慢启动阶段 cwnd 每个 RTT 翻倍，直到达到 ssthresh 后进入拥塞避免", width: 12)
        #expect(narrow.allSatisfy { TerminalText.width(of: $0) <= 12 })
        #expect(
            narrow.joined(separator: " ").replacingOccurrences(of: " ", with: "")
                == "慢启动阶段cwnd每个RTT翻倍，直到达到ssthresh后进入拥塞避免")
        #expect(TerminalText.wrap("粗体\u{1B}[1m字\u{1B}[22m", width: 20) == ["粗体\u{1B}[1m字\u{1B}[22m"])
        // A full-width comma, stop or enumeration mark never starts a line: the character before it comes along.
        #expect(TerminalText.wrap("一二三四五，六七", width: 10) == ["一二三四", "五，六七"])
        #expect(TerminalText.wrap("依次为 1、2、4、8", width: 10) == ["依次为 1、", "2、4、8"])
        #expect(TerminalText.wrap("一二三四 1、2、4、8", width: 10) == ["一二三四", "1、2、4、8"])
        let text = "收到三个重复 ACK 时，ssthresh 减半；发生超时则 cwnd = 1。第 1 轮到第 20 轮依次为 1、2、4、8"
        for width in 10...40 {
            let lines = TerminalText.wrap(text, width: width)
            #expect(lines.allSatisfy { TerminalText.width(of: $0) <= width }, "\(lines)")
            #expect(!lines.contains { TerminalText.neverStartsALine.contains($0.first ?? " ") }, "\(lines)")
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
    }

    /// CommonMark's delimiter rules were made for spaced scripts; Chinese writers put `**`
    /// against full-width punctuation, and mean bold.
    @Test func chineseEmphasisNextToPunctuationIsStyled() {
        let wide = TerminalMarkdown(color: false, width: 60)
        #expect(wide.render("**常见误区：**“UDP 更快”。") == ["常见误区：“UDP 更快”。"])
        #expect(wide.render("**注意：**这里") == ["注意：这里"])
        #expect(wide.render("这是**「重点」**内容") == ["这是「重点」内容"])
        #expect(wide.render("`a**：b`") == ["`a**：b`"])
        let colored = TerminalMarkdown(color: true, width: 60).render("**注意：**这里")
        #expect(colored == ["\u{1B}[1m注意：\u{1B}[22m这里"])
        // A line break next to styled text: decided by the letters on each side, not the styling.
        let styled = TerminalMarkdown(color: true, width: 60)
        #expect(styled.render("**中文**\n第二行") == ["\u{1B}[1m中文\u{1B}[22m第二行"])
        #expect(styled.render("**bold**\nnext *one*\n二") == ["\u{1B}[1mbold\u{1B}[22m next \u{1B}[3mone\u{1B}[23m 二"])
    }

    /// What a line-by-line reader got wrong: a wrapped line that starts with a number and a
    /// full stop is not a list, and a list item's later paragraphs stay under it.
    @Test func blocksAreReadAsCommonMarkReadsThem() {
        let plain = TerminalMarkdown(color: false, width: 80)
        #expect(
            plain.render("Source Quench (type\n4. asked a sender to slow down") == [
                "Source Quench (type 4. asked a sender to slow down"
            ])
        #expect(plain.render("- one\n\n  more about one\n- two") == ["• one", "", "  more about one", "", "• two"])
        #expect(plain.render("3. three\n4. four") == ["3. three", "4. four"])
        #expect(plain.render("- [x] done\n- [ ] open") == ["• ☑ done", "• ☐ open"])
        #expect(plain.render("中文第一行\n第二行 and\nEnglish") == ["中文第一行第二行 and English"])
        #expect(plain.render("每个占 60 秒），\n`connect` 失败") == ["每个占 60 秒），`connect` 失败"])
        #expect(plain.render("用 SYN\n（同步）") == ["用 SYN（同步）"])
        #expect(plain.render("line one  \nline two") == ["line one", "line two"])
        #expect(plain.render("<https://example.com> and ![a diagram](x.png)") == ["https://example.com and [image: a diagram]"])
    }

    @Test func clozesAreHiddenInThePrompt() {
        #expect(TerminalMarkdown.hidingClozes("TCP uses {{c1::three}} steps {{c2::SYN::flag}}") == "TCP uses [...] steps [flag]")
    }
}

@Suite struct Screen {
    let item = QuizItem(
        entry: QueueEntry(cardID: "tcp.handshake#why", kind: .new),
        card: CardText(
            id: "tcp.handshake#why", kind: .basic, topic: "tcp.handshake#why", demo: "tcp.handshake",
            language: .en, prompt: "Why three steps?", answer: (1...40).map { "- point \($0)" }.joined(separator: "\n"),
            topicPath: ["TCP", "Three-way handshake"]),
        question: nil, shownAt: noon)
    let progress = QuizProgress(position: 2, total: 12, due: 3, new: 8, learning: 1)

    @Test func fitsEightyByTwentyFourAndScrollsLongAnswers() {
        let screen = QuizScreen(width: 80, height: 24, color: false)
        let intervals: [Rating: TimeInterval] = [.again: 60, .hard: 360, .good: 600, .easy: 8 * 86400]
        let (lines, maxScroll) = screen.render(item: item, progress: progress, phase: .answer(intervals: intervals))
        #expect(lines.count == 24)
        #expect(lines.allSatisfy { TerminalText.width(of: $0) <= 80 })
        #expect(lines[0].hasPrefix("TCP › Three-way handshake") && lines[0].hasSuffix("2/12"))
        #expect(lines[1].hasPrefix("due 3 · new 8 · learning 1"))
        #expect(lines[23] == "1 again 1m  2 hard 6m  3 good 10m  4 easy 8d  u undo  d demo  q quit")
        #expect(maxScroll > 0 && lines[21].contains("↓ more"))
        let (scrolled, _) = screen.render(
            item: item, progress: progress, phase: .answer(intervals: intervals), scroll: maxScroll)
        #expect(scrolled.contains(" • point 40"))
    }

    @Test func questionShowsNoAnswer() {
        let (lines, _) = QuizScreen(width: 80, height: 24, color: false).render(
            item: item, progress: progress, phase: .question)
        #expect(lines.contains(" Why three steps?"))
        #expect(!lines.contains { $0.contains("point 1") })
        #expect(lines[23] == "space show answer  s skip  u undo  d demo  q quit")
    }

    /// Wrapping walks scalars when each is a Character on its own; it must cut exactly where
    /// the walk over Characters does, for every kind of text and width.
    @Test func wrappingByScalarsCutsWhereCharactersDo() {
        // Text walked by scalars, then pieces that make it walk by Characters.
        let simple = [
            "TCP", "handshake,", "三次握手", "，", "。", "、", "「引用」", "——", "“quoted”", "…", "SYN+ACK", "\u{1B}[1m",
            "\u{1B}[22m", "\t", "\n", " ", "  ", "café", "ｆｕｌｌ", "〜", "2MSL",
            "http://example.com/a/very/long/path/that/never/breaks/anywhere/at/all",
        ]
        let joining = ["e\u{301}", "한국어", "👍🏽", "🇨🇳", "a\r\nb", "x\u{200D}y"]
        var generator = SplitMix64(seed: 7)
        var walkedByScalars = 0
        for round in 0..<400 {
            let pieces = round % 2 == 0 ? simple : simple + joining
            let count = Int(generator.next() % 24) + 1
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            if text.unicodeScalars.allSatisfy(TextWidth.isCharacterOnItsOwn) { walkedByScalars += 1 }
            for width in [10, 17, 40, 80] {
                for indent in ["", "  "] {
                    #expect(
                        TerminalText.wrap(text, width: width, indent: indent)
                            == TerminalText.wrap(units: text, of: text, width: width, indent: indent), "\(text) at \(width)")
                }
            }
        }
        #expect(walkedByScalars >= 200)
    }
}
