import Basics
import Foundation
import Testing

@testable import Notes

/// People's own notes, as other tools and habits write them (`Fixtures/outlines`): each file's
/// tree of titles and its cards, as a reader would expect them.
private func outline(_ name: String) throws -> Note {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/outlines/\(name)", withExtension: nil))
    return try NoteParser().parse(bytes: Array(try Data(contentsOf: url)), file: name, defaultID: "n")
}

private func titles(_ note: Note) -> [String] { note.topics.map(\.title) }

private func topic(_ note: Note, _ title: String) throws -> Topic {
    try #require(note.topics.first { $0.title == title }, "no topic '\(title)' in \(titles(note))")
}

@Suite struct ContinuationLineTests {
    @Test func aTitleIsTheFirstLineAndTheRestIsItsBody() throws {
        let note = try outline("continuation-zh.md")
        #expect(titles(note) == ["HTTP 面试要点", "HTTP/1.1 持久连接", "管线化", "HTTP/2 多路复用"])
        // Lazy continuation (no indent), deeper indentation, and indentation as the item's text.
        #expect(try topic(note, "HTTP/1.1 持久连接").text.contains("同一个 TCP 连接上可以依次发送多个请求"))
        #expect(try topic(note, "HTTP/1.1 持久连接").text.contains("Connection: close"))
        #expect(try topic(note, "管线化").text.contains("所以仍有队头阻塞"))
        #expect(try topic(note, "HTTP/2 多路复用").text.contains("帧交错发送"))
        #expect(try topic(note, "HTTP/2 多路复用").text.contains("头部压缩 HPACK"))
        #expect(try topic(note, "HTTP/2 多路复用").line == 9)
        // A wrapped sentence is prose of its parent, not a topic.
        #expect(note.topics[0].text.contains("它不是标题，只是正文"))
        #expect(note.cards.isEmpty)
        #expect(note.warnings.isEmpty)
    }

    @Test func wrappedEnglishProseStaysProseAndQuestionsWithoutMarksAreOnlyHinted() throws {
        let note = try outline("cheatsheet-en.md")
        #expect(titles(note) == ["Networking cheat sheet", "why does TCP need TIME_WAIT", "Is UDP connectionless"])
        #expect(note.topics[0].text.contains("grows by one MSS per RTT"))
        #expect(note.cards.map(\.prompt) == ["Ports"])
        let hints = note.warnings.filter(\.isHint)
        #expect(hints.map(\.line) == [5, 7])
        #expect(hints.allSatisfy { $0.fix == "end it with ? to make it a card" })
        let problems = note.warnings.filter { !$0.isHint }
        #expect(problems.map(\.line) == [10])
        #expect(problems.map(\.kind) == [.noAnswer])
    }
}

@Suite struct QuestionTests {
    @Test func questionsAreCardsWhereverTheirAnswerIs() throws {
        let note = try outline("questions-zh.md")
        let cards = Dictionary(uniqueKeysWithValues: note.cards.map { ($0.prompt, $0) })
        #expect(note.cards.map(\.prompt) == ["UDP 为什么不可靠？", "UDP 首部多大？", "什么时候用 UDP？"])
        // Quoted in a multi-line backtick span at the item's own indentation.
        let unreliable = try #require(cards["UDP 为什么不可靠？"])
        #expect(unreliable.answer.contains("没有确认、重传和排序"))
        #expect(unreliable.answer.contains("需要可靠性的应用只能在上层自己做"))
        #expect(unreliable.line == 3)
        #expect(unreliable.topic == "n#udp-为什么不可靠")
        // On the next line.
        #expect(cards["UDP 首部多大？"]?.answer == "8 字节：源端口、目的端口、长度、校验和。")
        // A code block right under the item.
        #expect(cards["什么时候用 UDP？"]?.answer.contains("DNS 查询、音视频通话、游戏状态同步") == true)
        // Unanswered (nothing, or an empty bullet): no card, a warning with the line.
        let unanswered = note.warnings.filter { $0.kind == .noAnswer }
        #expect(unanswered.map(\.line) == [14, 15])
        // Reads as a question but has no mark: a topic and a hint, not a guessed card.
        #expect(try topic(note, "为什么 DNS 用 UDP").text.contains("一问一答"))
        #expect(note.warnings.filter(\.isHint).map(\.fix) == ["end it with ？ to make it a card"])
    }

    @Test func aQuestionWithAnAsideInBracketsIsStillAQuestion() {
        #expect(TitleLine.endsInQuestionMark("（高频）UDP 和 TCP 的区别？（常考）"))
        #expect(TitleLine.endsInQuestionMark("Why three segments? (classic)"))
        #expect(!TitleLine.endsInQuestionMark("TCP (RFC 9293)"))
    }

    @Test func questionLabelsAreDroppedFromPrompts() {
        let text = """
            # N

            - Q: What is a SYN flood?
              - Half-open connections fill the backlog.
            - 问：什么是 SYN 洪泛？
              - 半连接占满队列。
            - 问题: 为什么要三次握手？
              - 双方确认初始序号。
            - Quick: what is RTT?
              - A round trip.
            """
        let note = NoteParser().parse(text: text, file: "q.md", defaultID: "q")
        #expect(note.cards.map(\.prompt) == ["What is a SYN flood?", "什么是 SYN 洪泛？", "为什么要三次握手？", "Quick: what is RTT?"])
    }

    @Test func linkHeadingsAreTitlesAndQuestions() throws {
        let note = try outline("link-headings-zh.md")
        #expect(titles(note) == ["安全与加密", "HTTPS 为什么安全？", "HSTS", "分组密码DES", "摘要算法SHA256", "用TLS1.3握手"])
        let card = try #require(note.cards.first)
        #expect(note.cards.count == 1)
        #expect(card.prompt == "HTTPS 为什么安全？")
        #expect(card.answer.contains("服务器证书证明身份"))
        #expect(note.warnings.isEmpty)
    }
}

@Suite struct ImageAndLinkLineTests {
    @Test func imagesAttributesAndReferenceLinksLeaveTitlesAlone() throws {
        let note = try outline("images-links-en.md")
        #expect(titles(note) == ["TCP teardown", "Four-way handshake", "TIME_WAIT", "What does TIME_WAIT protect against?"])
        #expect(try topic(note, "Four-way handshake").text.contains("state diagram"))
        #expect(try !topic(note, "Four-way handshake").text.contains("height"))
        #expect(try topic(note, "TIME_WAIT").text.contains("RFC 9293, section 3.6"))
        #expect(note.cards.map(\.prompt) == ["What does TIME_WAIT protect against?"])
        #expect(note.cards.first?.answer == "- Delayed duplicates of the old connection, and a lost final ACK.")
        // Remote images are normal in notes: no warning.
        #expect(note.warnings.isEmpty)
    }
}

@Suite struct LogseqTests {
    @Test func propertiesDrawersHeadingBulletsAndCodeInBullets() throws {
        let note = try outline("logseq-tcp.md")
        #expect(note.title == "TCP 协议")
        #expect(note.aliases == ["传输控制协议"])
        #expect(note.tags == ["网络", "面试"])
        #expect(titles(note) == ["TCP 协议", "特性", "TCP 和 UDP 的区别", "三次握手的过程", "查看连接状态", "拥塞控制"])
        #expect(note.topics.map(\.line) == [1, 5, 9, 13, 20, 26])
        // Properties and drawers are metadata: in no title, no text, no card.
        for topic in note.topics {
            #expect(!topic.text.contains("::"), "\(topic.title): \(topic.text)")
            #expect(!topic.text.contains("LOGBOOK") && !topic.text.contains("CLOCK"), "\(topic.title)")
        }
        #expect(try topic(note, "特性").text.contains("面向连接"))
        #expect(try topic(note, "三次握手的过程").text.contains("SYN+ACK"))
        // A `#` line inside a code block in a bullet is code, not a heading.
        #expect(try topic(note, "查看连接状态").text.contains("# 查看所有 TCP 连接"))
        #expect(try topic(note, "查看连接状态").text.contains("ss -tan"))
        // A heading bullet with nothing nested heads the bullets after it.
        #expect(try topic(note, "拥塞控制").text.contains("慢启动"))
        #expect(try topic(note, "拥塞控制").text.contains("拥塞避免"))
        // `#card`: the block is the question, its children the answer.
        #expect(note.cards.map(\.prompt) == ["TCP 和 UDP 的区别"])
        #expect(note.cards.first?.answer == "- TCP 面向连接、可靠；UDP 无连接、尽力而为")
        #expect(note.warnings.isEmpty, "\(note.warnings)")
    }

    @Test func propertyLinesAreNeverCards() {
        let note = NoteParser().parse(
            text: "- What is RTT?\n  collapsed:: true\n  - round-trip time\n- id:: 1234\n", file: "p.md", defaultID: "p")
        #expect(note.cards.map(\.prompt) == ["What is RTT?"])
        #expect(note.cards.first?.answer == "- round-trip time")
        #expect(LogseqSyntax.property("collapsed:: true")?.key == "collapsed")
        #expect(LogseqSyntax.property("logseq.order-list-type:: number")?.value == "number")
        #expect(LogseqSyntax.property("std::vector") == nil)
        #expect(LogseqSyntax.property("Default port :: 80") == nil)
    }
}

@Suite struct SpacedRepetitionCardTests {
    @Test func obsidianSpacedRepetitionCards() throws {
        let note = try outline("obsidian-sr.md")
        let cards = note.cards.map { "\($0.kind.rawValue): \($0.prompt) => \($0.answer)" }
        #expect(
            cards == [
                "basic: What is the size of a UDP header? => 8 bytes: source port, destination port, length and checksum.",
                "basic: TCP => Transmission Control Protocol",
                "basic: Transmission Control Protocol => TCP",
                "basic: Port 443 => HTTPS",
                "cloze: The TCP {{c1::three-way handshake}} opens a connection and {{c2::FIN}} closes it. => The TCP three-way handshake opens a connection and FIN closes it.",
                "basic: Which layer does IP work at? => The network layer",
                "basic: The network layer => Which layer does IP work at?",
            ])
        #expect(Set(note.cards.map(\.id)).count == note.cards.count)
        #expect(note.warnings.isEmpty)
    }

    @Test func highlightsAndUnspacedSeparatorsCountOnlyInTaggedNotes() {
        let plain = NoteParser().parse(text: "# N\n\nThe ==SYN== flag.\n\nTCP::Transmission\n", file: "x.md", defaultID: "x")
        #expect(plain.cards.isEmpty)
        let tagged = NoteParser().parse(
            text: "#flashcards\n\nThe ==SYN== flag.\n\nTCP::Transmission\n", file: "x.md", defaultID: "x")
        #expect(tagged.cards.map(\.kind) == [.cloze, .basic])
        #expect(tagged.topics.count == 1, "a tag line is not a heading")
        // The question-mark line and `:::` are unambiguous in any note.
        let any = NoteParser().parse(
            text: "What is MSS?\n?\nThe largest segment payload.\n\nRTT ::: round-trip time\n", file: "y.md", defaultID: "y")
        #expect(any.cards.map(\.prompt) == ["What is MSS?", "RTT", "round-trip time"])
    }
}

@Suite struct TableOfContentsTests {
    @Test func aListOfInPageLinksIsNavigationNotATopic() throws {
        let note = try outline("toc-post-en.md")
        #expect(note.title == "Understanding TCP congestion control")
        #expect(
            titles(note) == [
                "Understanding TCP congestion control", "Slow start", "Congestion avoidance", "AIMD", "Fast recovery",
            ])
        #expect(note.topics.filter { $0.title == "Slow start" }.count == 1)
        #expect(!note.topics[0].text.contains("Slow start"))
        #expect(!note.topics[0].text.contains("TOC"))
        #expect(note.topics[0].text.contains("keeps a sender from flooding"))
        // Its entries still link to the sections they name.
        #expect(note.links.map(\.target).contains("n#slow-start"))
    }
}

/// Over generated outlines, in Chinese and English, with every kind of continuation: every title
/// is a single line of the source, and every card's prompt is a title that ends in a question mark
/// or carries a card tag.
@Suite struct OutlinePropertyTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let words = [
        "TCP 三次握手", "HTTP/1.1 持久连接", "拥塞控制", "UDP 为什么不可靠？", "What is MSS?", "Slow start", "TIME_WAIT",
        "**HTTPS** 为什么安全？", "[DNS](https://example.com) 解析", "分组密码DES", "Why does TCP need TIME_WAIT?",
        "什么是 RTT？ [参考](https://example.com/rtt)", "TCP 和 UDP 的区别 #card", "Nagle 算法：", "四次挥手",
    ]
    static let bodies = [
        "同一个 TCP 连接上可以依次发送多个请求。", "the window grows by one MSS per RTT", "![图](https://example.com/a.png)",
        "[RFC 9293](https://www.rfc-editor.org/rfc/rfc9293)", "collapsed:: true", "{:height=\"10%\"}", "`ss -tan`",
    ]

    static func outline(seed: UInt64) -> String {
        var random = Generator(state: seed)
        var lines: [String] = []
        var depth = 0
        for _ in 0..<(8 + random.next(20)) {
            depth = max(0, min(depth + random.next(3) - 1, 3))
            let indent = String(repeating: "  ", count: depth)
            switch random.next(8) {
            case 0: lines.append("\n" + String(repeating: "#", count: 1 + random.next(3)) + " " + random.pick(words) + "\n")
            case 1:
                lines.append(indent + "- " + random.pick(words))
                lines.append(indent + random.pick(bodies))  // lazy or at the item's own column
            case 2:
                lines.append(indent + "- " + random.pick(words))
                lines.append(indent + "    " + random.pick(bodies))  // deeper
            case 3:
                lines.append(indent + "- " + random.pick(words))
                lines.append(indent + "  " + random.pick(bodies))
                lines.append(indent + "  - " + random.pick(bodies))
            default: lines.append(indent + "- " + random.pick(words))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: 1...200)
    func titlesAreSingleSourceLinesAndPromptsAreQuestionsOrTagged(seed: Int) {
        let text = Self.outline(seed: UInt64(seed))
        let note = NoteParser().parse(text: text, file: "g.md", defaultID: "g")
        let sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for topic in note.topics.dropFirst() {
            #expect(!topic.title.contains("\n"), "seed \(seed): \(topic.title)")
            let line = sourceLines[topic.line - 1]
            // Every word of the title is on the topic's own line of the source.
            for word in topic.title.split(separator: " ") where !word.isEmpty {
                #expect(line.contains(word), "seed \(seed): '\(topic.title)' is not all on line \(topic.line): \(line)")
            }
        }
        let titlesByKey = Dictionary(note.topics.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for card in note.cards where card.kind == .basic {
            let line = sourceLines[card.line - 1]
            let tagged = line.contains("#card")
            #expect(card.prompt.hasSuffix("?") || card.prompt.hasSuffix("？") || tagged, "seed \(seed): \(card.prompt)")
            #expect(!card.prompt.contains("\n"))
            for word in card.prompt.split(separator: " ") {
                #expect(line.contains(word), "seed \(seed): prompt '\(card.prompt)' is not on line \(card.line)")
            }
            if let topic = titlesByKey[card.topic], topic.line == card.line { #expect(topic.title == card.prompt) }
            #expect(AnswerText.hasSubstance(card.answer), "seed \(seed): \(card.prompt) => '\(card.answer)'")
        }
    }
}

/// Styles met in public notes: bold lines as headings, `<details>` FAQs, README sidebars.
@Suite struct PublicNoteStyleTests {
    @Test func boldLinesAreHeadingsAndQALabelsAreNotPartOfTheQuestion() throws {
        let note = try outline("bold-headings-zh.md")
        #expect(note.title == "TCP 编程笔记")
        #expect(titles(note) == ["TCP 编程笔记", "一、TCP 通信概述", "二、服务端要点", "listen 的 backlog 指什么？"])
        #expect(try topic(note, "一、TCP 通信概述").text.contains("三次握手成功后才能收发数据"))
        #expect(try topic(note, "二、服务端要点").text.contains("全连接队列取出"))
        #expect(note.cards.map(\.prompt) == ["listen 的 backlog 指什么？"])
        #expect(note.cards.first?.answer == "A: 全连接队列（已完成握手、等待 accept 的连接）的上限。")
        #expect(note.warnings.isEmpty)
    }

    @Test func detailsBlocksAreQuestionsWithTheirFoldedAnswers() throws {
        let note = try outline("faq-details-en.md")
        #expect(
            titles(note) == [
                "Networking FAQ", "What is NAT?", "Name the layers of the TCP/IP model", "How does the TLS handshake work?",
            ])
        let card = try #require(note.cards.first)
        #expect(note.cards.count == 1)
        #expect(card.prompt == "What is NAT?")
        #expect(card.answer.hasPrefix("Network address translation rewrites private source addresses"))
        #expect(!card.answer.contains("<"))
        #expect(try topic(note, "Name the layers of the TCP/IP model").text.contains("Link, internet, transport"))
        #expect(note.warnings.map(\.line) == [19])
        #expect(note.warnings.map(\.kind) == [.noAnswer])
    }

    @Test func sidebarsTagsAndLabelsStayOutOfTitles() throws {
        let note = try outline("readme-nav-zh.md")
        // The contents list (entries pasted too deep included) is no topic.
        #expect(!titles(note).contains("第一章 基础"))
        #expect(!titles(note).contains("2.1 TCP"))
        #expect(titles(note) == ["网络图解", "适合谁？", "目录", "TCP 篇", "DNS 与 解析", "Site-to-Site VPN"])
        #expect(note.links.contains { $0.target == "tcp/handshake.md" && $0.isPath })
        // A link that ends in a question mark points at an answer elsewhere: no warning.
        #expect(!note.warnings.contains { $0.line == 21 })
        #expect(note.warnings.filter { $0.kind == .noAnswer }.map(\.line) == [15, 16])
        // A long line that starts with a label: the label is the title, the rest its text.
        #expect(try topic(note, "Site-to-Site VPN").text.contains("两个局域网之间通过公网建立加密隧道"))
        // Callout markers and embeds are not text.
        #expect(!note.topics.contains { $0.text.contains("[!note]") || $0.text.contains("![[") })
        #expect(note.topics[0].text.contains("小结") || note.topics.contains { $0.text.contains("小结") })
    }
}

@Suite struct LanguageGuessTests {
    @Test(arguments: [
        ("TCP 三次握手的过程", Language.zh), ("The TCP three-way handshake", .en), ("", .en),
        // Han at a fifth of the Latin letters and more is Chinese; below, English.
        ("abcde 中", .zh), ("abcdef 中", .en), ("café naïve 😀 ĉ", .en), ("𠀀𠀁 abc", .zh), ("カタカナ", .zh),
        ("한국어", .zh), ("ÀÉÎ ÕÜ", .en),
    ])
    func guessesByScriptWithoutAFolderOrFrontMatter(text: String, language: Language) {
        #expect(LanguageGuess.guess(file: "notes/x.md", text: text) == language)
    }

    @Test func aLanguageFolderDecidesFirst() {
        #expect(LanguageGuess.guess(file: "notes/zh/x.md", text: "English only") == .zh)
        #expect(LanguageGuess.guess(file: "notes/en/x.md", text: "只有中文") == .en)
    }
}
