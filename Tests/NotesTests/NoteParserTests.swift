import Foundation
import Testing

@testable import Notes

private func parse(_ text: String, file: String = "notes/test.md", id: String = "test") -> Note {
    NoteParser().parse(text: text, file: file, defaultID: id)
}

private func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return Array(try Data(contentsOf: url))
}

@Suite struct TopicTreeTests {
    @Test func headingsNestByLevelAndSoleH1IsTheNote() {
        let note = parse(
            """
            # TCP

            intro text

            ## Handshake

            ### SYN

            syn text

            ## Teardown
            """)
        #expect(note.title == "TCP")
        #expect(note.topics.map(\.title) == ["TCP", "Handshake", "SYN", "Teardown"])
        #expect(note.topics.map(\.parent) == [nil, 0, 1, 0])
        #expect(note.topics[2].path == ["TCP", "Handshake", "SYN"])
        #expect(note.topics[2].line == 7)
        #expect(note.topics[2].text == "syn text")
        #expect(note.topics[0].text == "intro text")
    }

    @Test func severalH1sAreChildrenOfTheNote() {
        let note = parse("# A\n\n# B\n\n## C\n", file: "x/my-note.md")
        #expect(note.title == "my-note")
        #expect(note.topics.map(\.title) == ["my-note", "A", "B", "C"])
        #expect(note.topics.map(\.parent) == [nil, 0, 0, 2])
    }

    @Test func outlineItemsWithNestedContentAreNodes() {
        let note = parse(
            """
            # Outline

            - TCP
              - Handshake
                - SYN
                - SYN+ACK
              - leaf only
            - UDP
            """)
        #expect(note.topics.map(\.title) == ["Outline", "TCP", "Handshake"])
        #expect(note.topics.map(\.kind) == [.note, .item, .item])
        #expect(note.topics[2].path == ["Outline", "TCP", "Handshake"])
        #expect(note.topics[2].text.contains("SYN+ACK"))
        #expect(note.topics[1].text.contains("leaf only"))
        #expect(note.topics[0].text.contains("UDP"))
        #expect(note.topics[2].line == 4)
    }

    @Test func titlesLoseInlineMarkdownAndExplicitIDsBecomeKeys() {
        let note = parse("# T\n\n## The `SYN` **flag** {#syn}\n\nx\n\n## Same\n\n## Same\n", id: "tcp.flags")
        #expect(note.topics[1].title == "The SYN flag")
        #expect(note.topics[1].key == "tcp.flags#syn")
        #expect(note.topics[2].key == "tcp.flags#same")
        #expect(note.topics[3].key == "tcp.flags#same-2")
    }
}

@Suite struct CardTests {
    @Test func questionHeadingTakesItsSectionAsAnswer() throws {
        let note = parse(
            """
            # TCP

            ## Why three segments? {#why-three}

            Both sides must confirm the other's ISN.

            ```demo tcp.handshake --loss 0.2
            ```

            ### Detail

            more

            ## Next

            not in the answer
            """, id: "tcp.handshake")
        let card = try #require(note.cards.first)
        #expect(note.cards.count == 1)
        #expect(card.id == "tcp.handshake#why-three")
        #expect(card.hasExplicitID)
        #expect(card.prompt == "Why three segments?")
        #expect(card.answer == "Both sides must confirm the other's ISN.\n\n### Detail\n\nmore")
        #expect(
            card.demo
                == DemoReference(name: "tcp.handshake", arguments: ["--loss", "0.2"], line: 7, topic: "tcp.handshake#why-three"))
        #expect(card.line == 3)
        #expect(card.topic == "tcp.handshake#why-three")
    }

    @Test func trailingLinksAndFullWidthQuestionMarks() {
        let note = parse("# N\n\n## 什么是 MSS？ [RFC](https://rfc-editor.org)\n\n最大报文段长度\n\n## See [[tcp.mss]]?\n\nyes\n")
        // A link at the end of a title is a reference: not part of the question. A wiki link
        // reads as its text.
        #expect(note.cards.map(\.prompt) == ["什么是 MSS？", "See tcp.mss?"])
        #expect(note.cards.first?.answer == "最大报文段长度")
    }

    @Test func listItemQuestionsAndLineCardsAndClozes() {
        let note = parse(
            """
            # N

            - What does ACK acknowledge?
              - The next byte expected.
            - Default HTTP port :: 80 {#http-port}
            - `a :: b` is code, not a card

            TCP header is {{c1::20}} bytes without options. {#hdr}

            std::vector is not a card either.
            """, id: "n")
        #expect(note.cards.map(\.kind) == [.basic, .basic, .cloze])
        #expect(note.cards[0].prompt == "What does ACK acknowledge?")
        #expect(note.cards[0].answer == "- The next byte expected.")
        #expect(note.cards[1].id == "n#http-port")
        #expect(note.cards[1].prompt == "Default HTTP port")
        #expect(note.cards[1].answer == "80")
        #expect(note.cards[2].id == "n#hdr")
        #expect(note.cards[2].prompt == "TCP header is {{c1::20}} bytes without options.")
        #expect(note.cards[2].answer == "TCP header is 20 bytes without options.")
    }

    @Test func derivedIDsSurviveEditsElsewhereInTheFile() {
        let before = parse("# N\n\n## What is RTT?\n\nround trip\n\n## What is MSS?\n\nsize\n")
        let after = parse(
            "# N\n\nNew intro paragraph.\n\n## What is a segment?\n\nunit\n\n## What is RTT?\n\nround-trip time\n\n## What is MSS?\n\nsize\n"
        )
        let rtt = before.cards.first { $0.prompt == "What is RTT?" }?.id
        #expect(rtt != nil)
        #expect(after.cards.first { $0.prompt == "What is RTT?" }?.id == rtt)
        #expect(Set(before.cards.map(\.id)).isSubset(of: Set(after.cards.map(\.id))))
    }

    @Test func lineCardsUnderAQuestionHeadingAreNotPartOfItsAnswer() {
        let note = parse(
            "# N\n\n## Why? {#why}\n\nBecause.\n\nPort :: 80 {#port}\n\n## Transport\n\nx\n\n## Q2? {#transport}\n\ny\n", id: "n")
        #expect(note.cards.map(\.id) == ["n#why", "n#port", "n#transport"])
        #expect(note.cards[0].answer == "Because.")
        #expect(note.warnings.isEmpty)
        #expect(note.topics.map(\.key) == ["n", "n#why", "n#transport-2", "n#transport"])
    }

    @Test func questionWithoutAnswerWarns() {
        let note = parse("# N\n\n## Empty?\n\n## Next\n")
        #expect(note.cards.isEmpty)
        #expect(note.warnings.map(\.message) == ["question has no answer below it"])
        #expect(note.warnings.first?.line == 3)
    }
}

@Suite struct LinkTests {
    @Test func markdownWikiAndFrontMatterLinksBecomeEdges() {
        let note = parse(
            """
            ---
            id: tcp.teardown
            prereq: [tcp.handshake]
            related: tcp.time-wait, tcp.states
            ---
            # Teardown

            See [the handshake](../tcp/handshake.md), [[udp.basics|UDP]], [states](tcp.states),
            [below](#why) and [RFC](https://www.rfc-editor.org/rfc/rfc9293).
            """)
        let edges = note.links.map { "\($0.kind.rawValue):\($0.target):\($0.isPath)" }
        #expect(
            edges == [
                "link:../tcp/handshake.md:true", "link:tcp.states:false", "link:tcp.teardown#why:false",
                "link:udp.basics:false", "prereq:tcp.handshake:false", "related:tcp.time-wait:false",
                "related:tcp.states:false",
            ])
        #expect(note.links.first?.line == 8)
    }
}

@Suite struct LooseMarkdownTests {
    @Test func looseChineseNoteImportsWithWarningsAtTheRightLines() throws {
        let note = try NoteParser().parse(bytes: fixture("loose-zh.md"), file: "loose-zh.md", defaultID: "loose")
        #expect(note.language == .zh)
        let titles = note.topics.map(\.title)
        #expect(titles.contains("网络编程基础"))
        #expect(titles.contains("http"))
        #expect(titles.contains("三次握手"))
        #expect(titles.contains("TCP 详解"))
        let warnings = note.warnings.map { "\($0.line): \($0.message)" }
        #expect(
            warnings == [
                "1: heading needs a space after '##'; read as a heading",
                "8: heading indented inside a list; read as a heading",
                "11: heading needs a space after '####'; read as a heading",
                "12: inline code spans 4 lines; read as a code block",
            ])
        let socketCard = try #require(note.cards.first)
        #expect(socketCard.prompt == "socket 是什么？")
        #expect(socketCard.answer.contains("程序和连接之间的句柄"))
        let handshake = try #require(note.topics.first { $0.title == "三次握手" })
        #expect(handshake.line == 8)
        #expect(handshake.text.contains("三次握手的过程"))
        let http = try #require(note.topics.first { $0.title == "http" })
        #expect(http.text.contains("Host: example.com"))
        #expect(http.line == 11)
    }

    @Test func crlfBOMAndTabsAreRead() throws {
        let note = try NoteParser().parse(bytes: fixture("crlf.md"), file: "crlf.md", defaultID: "x")
        #expect(note.id == "t.crlf")
        #expect(note.title == "CRLF note")
        #expect(note.cards.map(\.prompt) == ["What is MSS?"])
        #expect(note.cards.first?.answer.hasPrefix("The largest TCP payload.") == true)
        #expect(!note.body.contains("\r"))
        #expect(note.cards.first?.line == 7)
    }

    @Test func unspacedHashesInCodeAndCommentsStayAsTheyAre() {
        let note = parse("# N\n\n```c\n#include <stdio.h>\n##x\n```\n\n#1234 is an issue\n")
        #expect(note.warnings.isEmpty)
        #expect(note.topics.count == 1)
    }

    @Test func invalidUTF8AndBinaryAreRefusedWithTheLine() {
        #expect(throws: NoteError.invalidUTF8(file: "bad.md", line: 2)) {
            try NoteParser().parse(
                bytes: Array("# ok\nbad \u{00}".utf8).map { $0 == 0 ? 0xFF : $0 }, file: "bad.md", defaultID: "b")
        }
        #expect(throws: NoteError.binary(file: "img.md")) {
            try NoteParser().parse(bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01], file: "img.md", defaultID: "b")
        }
    }

    @Test func brokenFrontMatterIsAWarningNotAFailure() {
        let note = parse("---\nid: [unclosed\ntitle: x\n---\n# Real title\n\ntext\n")
        #expect(note.title == "Real title")
        #expect(note.warnings.first?.message == "front matter is not valid YAML; ignored")
        #expect(note.topics[0].text == "text")
    }
}
