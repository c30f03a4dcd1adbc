import Basics
import CCmarkGFM
import Foundation

/// Walks a cmark tree once, building topics from headings and outline list items and picking
/// out cards, links and demo blocks on the way.
struct TreeBuilder {
    let noteID: String
    let file: String
    let source: SourceText

    private(set) var topics: [Topic] = []
    private var texts: [[String]] = []
    private var usedKeys: Set<String> = []
    /// For each key given to several topics, the suffix counter to try next (`addTopic`).
    private var nextCounter: [String: Int] = [:]
    private var headingStack: [(level: Int, index: Int)] = []
    /// Every top-level heading: processed line and level, for the extent of answers.
    private var headingLines: [(line: Int, level: Int)] = []
    private var headingQuestions: [PendingQuestion] = []
    private var cards: [Card] = []
    private var usedCardIDs: Set<String> = []
    private var links: [Link] = []
    private var demos: [(reference: DemoReference, processedLine: Int)] = []
    /// Processed lines that are cards of their own (`::` lines, cloze paragraphs): a question
    /// heading's answer leaves them out.
    private var lineCardLines: Set<Int> = []
    /// Keys written as `{#id}` anywhere in the note: a slug made from a title never takes one.
    private var reservedKeys: Set<String> = []
    private var warnings: [LintWarning]
    private var mergedTitle: String?
    /// The note is one of obsidian-spaced-repetition's (tagged `#flashcards`): its `Q::A`,
    /// `==cloze==` syntax counts.
    private let spacedRepetition: Bool
    /// A question list item with nothing under it: a code block right after it is its answer.
    private var unanswered: (topic: Int, title: TitleLine, line: Int)?

    private struct PendingQuestion {
        var topic: Int
        var line: Int
        var level: Int
        var prompt: String
        var explicitID: String?
    }

    init(noteID: String, file: String, source: SourceText, warnings: [LintWarning], spacedRepetition: Bool = false) {
        self.spacedRepetition = spacedRepetition
        self.noteID = noteID
        self.file = file
        self.source = source
        self.warnings = warnings
        topics.append(Topic(key: noteID, title: "", parent: nil, path: [], line: 1, kind: .note, text: ""))
        texts.append([])
        usedKeys.insert(noteID)
        for line in source.lines where line.hasBytes("{#") {
            if let id = ExplicitID.split(line).id { reservedKeys.insert("\(noteID)#\(id)") }
        }
    }

    // MARK: - Walking

    mutating func build(_ document: MarkdownNode, frontMatterTitle: String?) {
        let blocks = document.children
        let topHeadings = blocks.filter(\.isHeading)
        let firstHeadingIsSoleTitle =
            topHeadings.first?.headingLevel == 1 && topHeadings.filter { $0.headingLevel == 1 }.count == 1
        // The level of the last real heading: a bold line used as a heading sits one below it.
        var headingLevel = firstHeadingIsSoleTitle || topHeadings.isEmpty ? 1 : 0
        var skipThrough = -1
        for (position, block) in blocks.enumerated() {
            if position <= skipThrough { continue }
            if let end = disclosure(blocks, at: position) {
                skipThrough = end
                continue
            }
            if block.isHeading {
                if block.firstChild == nil { continue }  // `### ` alone
                let line = TitleLine(block)
                headingLines.append((block.startLine, block.headingLevel))
                headingLevel = block.headingLevel
                if firstHeadingIsSoleTitle && position == blocks.firstIndex(where: \.isHeading) {
                    settleUnanswered()
                    mergedTitle = line.title
                    headingStack = [(1, 0)]
                    scanInlines(block, topic: 0)
                    continue
                }
                openHeading(block, line: line)
            } else if Self.isBoldHeading(block) {
                let line = TitleLine(block)
                // `**一、TCP 概述**` alone on its line: a heading in all but syntax. Opening a note
                // that has no title of its own, it is the title.
                if topHeadings.isEmpty && frontMatterTitle == nil && mergedTitle == nil && topics.count == 1
                    && blocks[..<position].allSatisfy({ $0.type == CMARK_NODE_HTML_BLOCK })
                {
                    mergedTitle = line.title
                    continue
                }
                let level = min(headingLevel + 1, 6)
                headingLines.append((block.startLine, level))
                openHeading(block, line: line, level: level)
                if let index = headingStack.last?.index, !line.continuation.isEmpty { texts[index].append(line.continuation) }
            } else {
                attach(block, to: headingStack.last?.index ?? 0)
            }
        }
    }

    /// `<details><summary>What is NAT?</summary> … </details>`, as GitHub FAQs fold their
    /// answers: a topic titled by the summary, a card when it asks, the rest its answer.
    /// Returns the index of the last block it took.
    private mutating func disclosure(_ blocks: [MarkdownNode], at position: Int) -> Int? {
        let block = blocks[position]
        guard block.type == CMARK_NODE_HTML_BLOCK, let summary = HTMLText.summary(in: block.literal) else { return nil }
        let end =
            blocks[position...].firstIndex { inner in
                source.slice(inner.startLine, inner.endLine).contains { $0.hasBytes("</details>") }
            } ?? position
        settleUnanswered()
        let parent = headingStack.last?.index ?? 0
        let title = HTMLText.stripped(summary).trimmingSpaces()
        guard !title.isEmpty else { return end }
        let isQuestion = TitleLine.endsInQuestionMark(title)
        let line =
            block.startLine + block.literal.split(separator: "\n").prefix(while: { !String($0).hasBytes("<summary") }).count
        let index = addTopic(title: title, explicitID: nil, parent: parent, line: line, kind: .item)
        for inner in blocks[(position + 1)..<max(end, position + 1)] { attach(inner, to: index) }
        let lastLine = blocks[end].endLine
        let answer = dedented(source.slice(line + 1, lastLine).map(HTMLText.stripped)[...])
        if isQuestion {
            if AnswerText.hasSubstance(answer) {
                addCard(
                    kind: .basic, explicitID: nil, topic: index, prompt: title, answer: answer, line: line,
                    range: (line + 1)...max(line + 1, lastLine))
            } else {
                warnNoAnswer(line)
            }
        }
        return end
    }

    /// A paragraph whose first line is all bold (`**三、拥塞控制**`, `**Q: What is ARP?**`): the
    /// lines after it, if any, are its text.
    static func isBoldHeading(_ block: MarkdownNode) -> Bool {
        guard block.isParagraph else { return false }
        var firstLine: [MarkdownNode] = []
        for inline in block.children {
            if inline.type == CMARK_NODE_SOFTBREAK || inline.type == CMARK_NODE_LINEBREAK { break }
            firstLine.append(inline)
        }
        let inlines = firstLine.filter { !($0.type == CMARK_NODE_TEXT && $0.literal.trimmingSpaces().isEmpty) }
        guard let first = inlines.first, first.type == CMARK_NODE_STRONG else { return false }
        if inlines.count == 2 {
            guard inlines[1].type == CMARK_NODE_TEXT, [":", "："].contains(inlines[1].literal.trimmingSpaces()) else {
                return false
            }
        } else if inlines.count != 1 {
            return false
        }
        let text = first.plainText.trimmingSpaces()
        guard !text.isEmpty, TextWidth.fits(text, within: 60), let last = text.last else { return false }
        return !"。.!！;；,，".contains(last)
    }

    private mutating func openHeading(_ heading: MarkdownNode, line: TitleLine, level: Int? = nil) {
        settleUnanswered()
        let level = level ?? heading.headingLevel
        while let last = headingStack.last, last.level >= level { headingStack.removeLast() }
        let parent = headingStack.last?.index ?? 0
        let index = addTopic(line, parent: parent, line: heading.startLine, kind: .heading)
        headingStack.append((level, index))
        scanInlines(heading, topic: index)
        if line.isQuestion || line.isCardTagged {
            headingQuestions.append(
                PendingQuestion(
                    topic: index, line: heading.startLine, level: level, prompt: line.title, explicitID: line.explicitID))
        }
    }

    /// Puts a non-heading block's content under `topic`: text, links, cards and demos; lists
    /// become outline nodes where their items have nested content.
    private mutating func attach(_ block: MarkdownNode, to topic: Int) {
        if let question = unanswered {
            unanswered = nil
            if block.isCodeBlock && !Self.isDemoInfo(block.fenceInfo) {
                let answer = dedented(source.slice(block.startLine, block.endLine))
                addCard(
                    kind: .basic, explicitID: question.title.explicitID, topic: question.topic, prompt: question.title.title,
                    answer: answer, line: question.line, range: block.startLine...block.endLine)
                texts[question.topic].append(block.literal)
                return
            }
            warnNoAnswer(question.line, question.title)
        }
        if block.isList {
            attachList(block, to: topic)
            return
        }
        if block.isCodeBlock {
            let info = block.fenceInfo.trimmingSpaces()
            if Self.isDemoInfo(info) {
                let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().map(String.init)
                if let name = words.first {
                    let reference = DemoReference(
                        name: name, arguments: Array(words.dropFirst()), line: original(block.startLine),
                        topic: topics[topic].key)
                    demos.append((reference, block.startLine))
                } else {
                    warn(block.startLine, "demo block names no demo (```demo NAME args)", kind: .demo)
                }
                return
            }
            texts[topic].append(block.literal)
            return
        }
        if block.type == CMARK_NODE_BLOCK_QUOTE {
            for child in block.children { attach(child, to: topic) }
            return
        }
        if block.isHeading {
            // A heading nested in a list or quote: keep its words with the enclosing topic.
            texts[topic].append(block.plainText)
            scanInlines(block, topic: topic)
            return
        }
        if block.isParagraph && extractLineCards(block, topic: topic) {
            scanInlines(block, topic: topic)
            return
        }
        texts[topic].append(block.plainText)
        scanInlines(block, topic: topic)
    }

    private mutating func attachList(_ list: MarkdownNode, to topic: Int) {
        // A list of in-page links is a table of contents: navigation, not a topic of its own.
        // Its links still connect the notes (a sidebar of `[TCP](tcp.md)` entries).
        if TableOfContents.isContents(list) {
            scanLinks(inContents: list, topic: topic)
            return
        }
        // Heading bullets with nothing nested (Logseq's `- ## 特性`) head the bullets after them.
        var sections: [(level: Int, index: Int)] = []
        for item in list.children where item.isItem {
            settleUnanswered()
            let parent = sections.last?.index ?? topic
            let parts = item.children
            guard let head = parts.first, head.isParagraph || head.isHeading, !isLineCardParagraph(head) else {
                for part in parts { attach(part, to: parent) }
                continue
            }
            let rest = parts.dropFirst()
            let line = TitleLine(head)
            let asks = (line.isQuestion && !(rest.isEmpty && TableOfContents.isLinkOnly(head))) || line.isCardTagged
            if head.isHeading && rest.isEmpty {
                let level = head.headingLevel
                while let last = sections.last, last.level >= level { sections.removeLast() }
                let index = addTopic(line, parent: sections.last?.index ?? topic, line: item.startLine, kind: .item)
                scanInlines(head, topic: index)
                sections.append((level, index))
                if asks { unanswered = (index, line, head.startLine) }
                continue
            }
            let continues = line.continuationLine != nil
            guard !rest.isEmpty || (continues && (asks || line.readsAsTitle)) else {
                for part in parts { attach(part, to: parent) }
                // Nothing under the question yet: a code block right after the list may answer it.
                if asks { unanswered = (parent, line, head.startLine) }
                continue
            }
            let index = addTopic(line, parent: parent, line: item.startLine, kind: .item)
            scanInlines(head, topic: index)
            if !line.continuation.isEmpty { texts[index].append(line.continuation) }
            if asks {
                let start = line.continuationLine ?? rest.first!.startLine
                let answer = dedented(source.slice(start, item.endLine))
                if AnswerText.hasSubstance(answer) {
                    addCard(
                        kind: .basic, explicitID: line.explicitID, topic: index, prompt: line.title, answer: answer,
                        line: item.startLine, range: start...max(start, item.endLine))
                } else {
                    warnNoAnswer(head.startLine, line)
                }
            }
            for part in rest { attach(part, to: index) }
        }
    }

    private mutating func scanLinks(inContents list: MarkdownNode, topic: Int) {
        for item in list.children where item.isItem {
            for part in item.children {
                if part.isList {
                    scanLinks(inContents: part, topic: topic)
                } else if part.isParagraph {
                    scanInlines(part, topic: topic)
                }
            }
        }
    }

    /// A paragraph that is a card by its own syntax (`?` between question and answer).
    private func isLineCardParagraph(_ block: MarkdownNode) -> Bool {
        guard block.isParagraph, block.endLine > block.startLine else { return false }
        return source.slice(block.startLine + 1, block.endLine).contains {
            let line = $0.trimmingSpaces()
            return line == "?" || line == "??"
        }
    }

    /// A question whose answer did not come: no card, and a warning with its line.
    private mutating func settleUnanswered() {
        guard let question = unanswered else { return }
        unanswered = nil
        warnNoAnswer(question.line, question.title)
    }

    private mutating func warnNoAnswer(_ processedLine: Int, _ title: TitleLine? = nil) {
        warnings.append(
            LintWarning(
                file: file, line: original(processedLine), message: "question has no answer below it", kind: .noAnswer,
                fix: "write the answer under it (nested items or the next lines), or drop the question mark"))
    }

    static func isDemoInfo(_ info: String) -> Bool {
        let info = info.trimmingSpaces()
        return info == "demo" || info.hasPrefix("demo ")
    }

    // MARK: - Cards

    /// `question :: answer` lines, cloze paragraphs, and the spaced-repetition plugin's cards
    /// (`?` alone on a line between question and answer, `:::` both ways). Returns whether the
    /// paragraph was a card.
    private mutating func extractLineCards(_ paragraph: MarkdownNode, topic: Int) -> Bool {
        let lines = source.slice(paragraph.startLine, paragraph.endLine).map {
            BlogSyntax.strippingSchedulingComments(Self.stripBlockMarkers($0))
        }
        let lineRange = paragraph.startLine...max(paragraph.startLine, paragraph.endLine)
        if let split = lines.firstIndex(where: { $0.trimmingSpaces() == "?" || $0.trimmingSpaces() == "??" }), split > 0 {
            let prompt = lines[..<split].joined(separator: "\n").trimmingSpaces()
            let (answer, explicitID) = ExplicitID.split(lines[(split + 1)...].joined(separator: "\n").trimmingSpaces())
            texts[topic].append(prompt + "\n" + answer)
            lineCardLines.formUnion(lineRange)
            guard AnswerText.hasSubstance(answer) else {
                warnNoAnswer(paragraph.startLine)
                return true
            }
            addCard(
                kind: .basic, explicitID: explicitID, topic: topic, prompt: prompt, answer: answer, line: paragraph.startLine,
                range: nil)
            if lines[split].trimmingSpaces() == "??" {
                addCard(
                    kind: .basic, explicitID: explicitID.map { $0 + "-reverse" }, topic: topic, prompt: answer, answer: prompt,
                    line: paragraph.startLine, range: nil)
            }
            return true
        }
        let raw = lines.joined(separator: "\n")
        var cloze: String?
        if raw.hasBytes("{{c"), Cloze.hasDeletion(raw) {
            cloze = raw
        } else if spacedRepetition, let highlighted = SpacedRepetitionSyntax.clozeFromHighlights(raw) {
            cloze = highlighted
        }
        if let cloze {
            let (text, explicitID) = ExplicitID.split(cloze.trimmingSpaces())
            texts[topic].append(Cloze.reveal(text))
            lineCardLines.formUnion(lineRange)
            addCard(
                kind: .cloze, explicitID: explicitID, topic: topic, prompt: text, answer: Cloze.reveal(text),
                line: paragraph.startLine, range: nil)
            return true
        }
        guard raw.hasBytes("::") else { return false }
        let separators = lines.map { Self.cardSeparator(in: $0, unspaced: spacedRepetition) }
        guard separators.contains(where: { $0 != nil }) else { return false }
        var found = false
        for (offset, line) in lines.enumerated() {
            guard let separator = separators[offset] else {
                texts[topic].append(line)
                continue
            }
            let question = String(line[..<separator.range.lowerBound]).trimmingSpaces()
            let (answer, explicitID) = ExplicitID.split(String(line[separator.range.upperBound...]).trimmingSpaces())
            guard !question.isEmpty, !answer.isEmpty else {
                texts[topic].append(line)
                continue
            }
            texts[topic].append(question + " " + answer)
            lineCardLines.insert(paragraph.startLine + offset)
            addCard(
                kind: .basic, explicitID: explicitID, topic: topic, prompt: question, answer: answer,
                line: paragraph.startLine + offset, range: nil)
            if separator.bothWays {
                addCard(
                    kind: .basic, explicitID: explicitID.map { $0 + "-reverse" }, topic: topic, prompt: answer, answer: question,
                    line: paragraph.startLine + offset, range: nil)
            }
            found = true
        }
        return found
    }

    /// The separator of a card line, outside inline code: ` :: ` (spaced), or `:::` (a card both
    /// ways), or with `unspaced` (spaced-repetition notes) `Q::A`.
    static func cardSeparator(in line: String, unspaced: Bool = false) -> (range: Range<String.Index>, bothWays: Bool)? {
        var searchStart = line.startIndex
        while let found = line.range(of: "::", range: searchStart..<line.endIndex) {
            searchStart = found.upperBound
            let before = line[..<found.lowerBound]
            if before.last == ":" { continue }
            var range = found
            let bothWays = line[found.upperBound...].first == ":"
            if bothWays { range = found.lowerBound..<line.index(after: found.upperBound) }
            let after = line[range.upperBound...]
            if after.first == ":" { continue }
            let insideCode = before.filter { $0 == "`" }.count % 2 == 1
            if insideCode { continue }
            let spacedBefore = before.last == " " || before.last == "\t"
            let spacedAfter = after.first.map { $0 == " " || $0 == "\t" } ?? false
            let hasSides = !before.trimmingSpaces().isEmpty && !after.trimmingSpaces().isEmpty
            if spacedBefore && spacedAfter { return (range, bothWays) }
            if hasSides && (bothWays || unspaced) { return (range, bothWays) }
        }
        return nil
    }

    /// A list marker or quote marker at the start of a card line is not part of the card.
    static func stripBlockMarkers(_ line: String) -> String {
        var rest = Substring(line).drop(while: { $0 == " " || $0 == "\t" })
        while rest.first == ">" { rest = rest.dropFirst().drop(while: { $0 == " " }) }
        if LooseMarkdown.isListItem(rest) {
            if let first = rest.first, "-*+".contains(first) {
                rest = rest.dropFirst()
            } else {
                rest = rest.drop(while: { $0.isNumber }).dropFirst()
            }
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            if rest.hasPrefix("[ ] ") || rest.hasPrefix("[x] ") || rest.hasPrefix("[X] ") { rest = rest.dropFirst(4) }
        }
        return String(rest)
    }

    private mutating func addCard(
        kind: Card.Kind, explicitID: String?, topic: Int, prompt: String, answer: String, line: Int,
        range: ClosedRange<Int>?
    ) {
        var id: String
        if let explicitID {
            id = "\(noteID)#\(explicitID)"
            if usedCardIDs.contains(id) {
                warn(line, "card id '\(explicitID)' is used twice in this note; the second gets a derived id", kind: .duplicateID)
                id = derivedCardID(prompt)
            }
        } else {
            id = derivedCardID(prompt)
        }
        usedCardIDs.insert(id)
        var demo: DemoReference?
        if let range {
            demo = demos.first { range.contains($0.processedLine) }?.reference
        }
        cards.append(
            Card(
                id: id, hasExplicitID: explicitID != nil && id.hasSuffix("#\(explicitID!)"), kind: kind,
                topic: topics[topic].key, prompt: prompt, answer: answer, line: original(line), demo: demo))
    }

    /// An id from the note and the question, so that edits elsewhere in the file keep it.
    private func derivedCardID(_ prompt: String) -> String {
        let normalized = prompt.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let base = "\(noteID)#q-\(StableHash.hex(normalized).prefix(10))"
        var id = base
        var counter = 2
        while usedCardIDs.contains(id) {
            id = "\(base)-\(counter)"
            counter += 1
        }
        return id
    }

    // MARK: - Inline content

    /// Links and wiki links inside a block (not inside nested lists, which are
    /// walked on their own).
    private mutating func scanInlines(_ block: MarkdownNode, topic: Int) {
        var pending: [(String, Int)] = []
        var text = ""
        func visit(_ node: MarkdownNode, line: Int) {
            if node.isList { return }
            let type = node.type
            let nodeLine = node.startLine > 0 ? node.startLine : line
            if type == CMARK_NODE_LINK {
                pending.append((node.url, nodeLine))
            } else if type == CMARK_NODE_TEXT {
                text += node.literal
            }
            var child = node.firstChild
            while let next = child {
                visit(next, line: nodeLine)
                child = next.next
            }
        }
        visit(block, line: block.startLine)
        for (url, line) in pending { addLink(url: url, topic: topic, line: line) }
        if text.hasBytes("[[") {
            for target in WikiLink.targets(in: text) {
                links.append(
                    Link(from: topics[topic].key, target: target, isPath: false, kind: .link, line: original(block.startLine)))
            }
        }
    }

    private mutating func addLink(url: String, topic: Int, line: Int) {
        guard !url.isEmpty else { return }
        let from = topics[topic].key
        if url.hasPrefix("#") {
            links.append(Link(from: from, target: noteID + url, isPath: false, kind: .link, line: original(line)))
            return
        }
        if let colon = url.firstIndex(of: ":"), url[..<colon].allSatisfy({ $0.isLetter || $0 == "+" }) {
            return  // http:, mailto: and other external links are not edges of the graph.
        }
        let decoded = url.removingPercentEncoding ?? url
        let path = decoded.split(separator: "#", maxSplits: 1).first.map(String.init) ?? decoded
        if path.hasSuffix(".md") || path.hasSuffix(".markdown") || path.contains("/") {
            links.append(Link(from: from, target: decoded, isPath: true, kind: .link, line: original(line)))
        } else {
            links.append(Link(from: from, target: decoded, isPath: false, kind: .link, line: original(line)))
        }
    }

    // MARK: - Helpers

    /// A topic for a heading or an outline item; a title that reads as a question without its
    /// mark gets a hint (it is not guessed into a card).
    private mutating func addTopic(_ line: TitleLine, parent: Int, line number: Int, kind: Topic.Kind) -> Int {
        if !line.isQuestion && !line.isCardTagged && QuestionWords.looksLikeQuestion(line.title) {
            let mark = line.title.unicodeScalars.contains(where: \.isCJK) ? "？" : "?"
            warnings.append(
                LintWarning(
                    file: file, line: original(number), message: "'\(line.title)' reads as a question but is not a card",
                    kind: .questionMark, fix: "end it with \(mark) to make it a card"))
        }
        return addTopic(title: line.title, explicitID: line.explicitID, parent: parent, line: number, kind: kind)
    }

    private mutating func addTopic(title: String, explicitID: String?, parent: Int, line: Int, kind: Topic.Kind) -> Int {
        var key = "\(noteID)#\(explicitID ?? Slug.make(title))"
        if usedKeys.contains(key) || (explicitID == nil && reservedKeys.contains(key)) {
            if explicitID != nil { warn(line, "id '\(explicitID!)' is used twice in this note", kind: .duplicateID) }
            // Resumed where the last title like it stopped: a note of many equal titles (a
            // journal's "TODO" items) takes linear time, not quadratic. The keys only grow, so
            // every counter below the resumed one is still taken.
            var counter = nextCounter[key] ?? 2
            while usedKeys.contains("\(key)-\(counter)") || reservedKeys.contains("\(key)-\(counter)") { counter += 1 }
            nextCounter[key] = counter + 1
            key = "\(key)-\(counter)"
        }
        usedKeys.insert(key)
        topics.append(Topic(key: key, title: title, parent: parent, path: [], line: original(line), kind: kind, text: ""))
        texts.append([])
        return topics.count - 1
    }

    private func original(_ processedLine: Int) -> Int { source.originalLine(processedLine) }

    private mutating func warn(_ processedLine: Int, _ message: String, kind: LintWarning.Kind = .other) {
        warnings.append(LintWarning(file: file, line: original(processedLine), message: message, kind: kind))
    }

    private func dedented(_ lines: ArraySlice<String>) -> String {
        // Empty bullets (`-` alone, as outliners leave them) say nothing.
        var trimmed = lines.filter { line in
            let body = line.trimmingSpaces()
            return !(body == "-" || body == "*" || body == "+")
        }
        while let first = trimmed.first, first.trimmingSpaces().isEmpty { trimmed.removeFirst() }
        while let last = trimmed.last, last.trimmingSpaces().isEmpty { trimmed.removeLast() }
        let indent = trimmed.filter { !$0.trimmingSpaces().isEmpty }.map(\.indentation).min() ?? 0
        return trimmed.map { line in
            var rest = Substring(line)
            var removed = 0
            while removed < indent, let first = rest.first, first == " " || first == "\t" {
                removed += first == "\t" ? 4 : 1
                rest = rest.dropFirst()
            }
            return String(rest)
        }.joined(separator: "\n")
    }

    // MARK: - Finishing

    mutating func finish(frontMatter: FrontMatter, body: String) -> Note {
        settleUnanswered()
        for question in headingQuestions {
            let end =
                headingLines.first { $0.line > question.line && $0.level <= question.level }?.line ?? (source.lines.count + 1)
            let answerLines = source.slice(question.line + 1, end - 1).enumerated().filter {
                !lineCardLines.contains(question.line + 1 + $0.offset)
            }.map(\.element)
            let answer = dedented(answerLines[...])
            guard AnswerText.hasSubstance(answer) else {
                warnNoAnswer(question.line)
                continue
            }
            addCard(
                kind: .basic, explicitID: question.explicitID, topic: question.topic, prompt: question.prompt,
                answer: Self.strippingDemoBlocks(answer), line: question.line,
                range: (question.line + 1)...max(question.line + 1, end - 1))
        }
        cards.sort { $0.line < $1.line }
        for name in frontMatter.generate {
            cards.append(
                Card(
                    id: "\(noteID)#gen-\(name)", hasExplicitID: true, kind: .generated, topic: noteID, prompt: name,
                    answer: "", line: 1, demo: nil))
        }

        let fileName = (file.split(separator: "/").last.map(String.init) ?? file)
        var baseName = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        // Logseq names a namespaced page `tcp___handshake.md` (or `tcp%2Fhandshake.md`): `tcp/handshake`.
        baseName = (baseName.removingPercentEncoding ?? baseName).replacingOccurrences(of: "___", with: "/")
        topics[0].title = frontMatter.title ?? mergedTitle ?? baseName
        for index in topics.indices {
            topics[index].text = NoteText.clean(texts[index].joined(separator: "\n"))
            if let parent = topics[index].parent {
                topics[index].path = topics[parent].path + [topics[index].title]
            } else {
                topics[index].path = [topics[index].title]
            }
        }
        for target in frontMatter.prereq {
            links.append(Link(from: noteID, target: target, isPath: false, kind: .prereq, line: 1))
        }
        for target in frontMatter.related {
            links.append(Link(from: noteID, target: target, isPath: false, kind: .related, line: 1))
        }
        let language = frontMatter.language ?? LanguageGuess.guess(file: file, text: body)
        return Note(
            file: file, id: noteID, title: topics[0].title, language: language, aliases: frontMatter.aliases,
            tags: frontMatter.tags, prerequisites: frontMatter.prereq, related: frontMatter.related,
            demoNames: frontMatter.demos, generators: frontMatter.generate, topics: topics, cards: cards, links: links,
            demos: demos.map(\.reference), warnings: warnings.sorted { $0.line < $1.line }, body: body,
            titleFromFileName: frontMatter.title == nil && mergedTitle == nil)
    }

    /// The demo block is shown as a key in the quiz, not as code in the answer.
    static func strippingDemoBlocks(_ markdown: String) -> String {
        guard markdown.hasBytes("demo") else { return markdown }
        var output: [Substring] = []
        var skipping: String?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let body = line.drop(while: { $0 == " " })
            if let fence = skipping {
                if body.hasPrefix(fence) && body.trimmingSpaces().allSatisfy({ String($0) == String(fence.first!) }) {
                    skipping = nil
                }
                continue
            }
            if let marker = LooseMarkdown.fenceMarker(body) {
                let info = body.dropFirst(marker.length).trimmingSpaces()
                if info == "demo" || info.hasPrefix("demo ") {
                    skipping = String(repeating: marker.character, count: marker.length)
                    continue
                }
            }
            if line.trimmingSpaces().isEmpty, let last = output.last, last.trimmingSpaces().isEmpty { continue }
            output.append(line)
        }
        while let last = output.last, last.trimmingSpaces().isEmpty { output.removeLast() }
        return output.joined(separator: "\n")
    }
}

/// A list whose every item is only a link into the same page (`[Slow start](#slow-start)`) or
/// to another file of the notes (`[TCP 篇](/network/tcp.md)`), nested or not: a table of contents
/// or a sidebar. Navigation, not a topic.
enum TableOfContents {
    static func isContents(_ list: MarkdownNode) -> Bool {
        var links = 0
        func isNavigation(_ url: String) -> Bool {
            guard !url.isEmpty else { return false }
            if url.hasPrefix("#") { return true }
            // A relative link to another note; web pages (http:, mailto:) are references, not navigation.
            if let colon = url.firstIndex(of: ":"), url[..<colon].allSatisfy({ $0.isLetter }) { return false }
            let path = url.split(separator: "#", maxSplits: 1).first.map(String.init) ?? url
            return path.hasSuffix(".md") || path.hasSuffix(".markdown") || path.hasSuffix("/") || path.hasSuffix(".html")
        }
        func isContentsList(_ list: MarkdownNode) -> Bool {
            for item in list.children where item.isItem {
                let parts = item.children
                guard let head = parts.first, head.isParagraph else { return false }
                // Entries pasted too deep continue the paragraph: `[B](#b)` then `* [B1](#b1)`.
                let inlines = head.children.filter {
                    let isMarker = $0.type == CMARK_NODE_TEXT && $0.literal.allSatisfy { " *-+.)".contains($0) || $0.isNumber }
                    return !isMarker && $0.type != CMARK_NODE_SOFTBREAK && $0.type != CMARK_NODE_LINEBREAK
                }
                guard !inlines.isEmpty, inlines.allSatisfy({ $0.type == CMARK_NODE_LINK && isNavigation($0.url) }) else {
                    return false
                }
                links += inlines.count
                for part in parts.dropFirst() {
                    // Deeper entries indented past a list's reach read as code: still entries.
                    if part.isCodeBlock && isListOfLinks(part.literal) { continue }
                    guard part.isList, isContentsList(part) else { return false }
                }
            }
            return true
        }
        return isContentsList(list) && links >= 2
    }

    /// Lines like `* [Title](#anchor)` (a contents list pasted too deep).
    private static func isListOfLinks(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { line in
            let body = line.drop(while: { $0 == " " || $0 == "\t" })
            guard LooseMarkdown.isListItem(body) else { return body.isEmpty }
            let rest = LooseMarkdown.afterListMarker(body)
            return rest.hasPrefix("[") && rest.hasSuffix(")") && rest.contains("](")
        }
    }

    /// An item that is nothing but a link: a reference to something written elsewhere, not a
    /// question to answer here, even when its text ends in a question mark.
    static func isLinkOnly(_ block: MarkdownNode) -> Bool {
        guard block.isParagraph || block.isHeading else { return false }
        let inlines = block.children.filter {
            !($0.type == CMARK_NODE_TEXT && $0.literal.trimmingSpaces().isEmpty) && $0.type != CMARK_NODE_SOFTBREAK
        }
        return inlines.count == 1 && inlines[0].type == CMARK_NODE_LINK
    }
}

/// A topic's own text for the index: without kramdown attributes, Obsidian callout markers
/// (`[!note]-`) and embeds (`![[diagram.png]]`).
enum NoteText {
    static func clean(_ text: String) -> String {
        guard text.hasBytes("{:") || text.hasBytes("[!") || text.hasBytes("![[") else { return text }
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = BlogSyntax.strippingAttributes(String(line))
            let body = line.drop(while: { $0 == " " })
            if body.hasPrefix("[!"), let close = body.firstIndex(of: "]") {
                line = String(body[body.index(after: close)...].drop(while: { $0 == "-" || $0 == "+" || $0 == " " }))
            }
            while let open = line.range(of: "![["), let close = line.range(of: "]]", range: open.upperBound..<line.endIndex) {
                line.removeSubrange(open.lowerBound..<close.upperBound)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

/// The little HTML that Markdown notes use for layout (`<details>`, `<b>`, `<br>`).
enum HTMLText {
    private static let layoutTags: Set<String> = [
        "details", "summary", "b", "br", "p", "strong", "i", "em", "div", "span", "font", "u", "center", "hr",
    ]

    /// The text of `<summary>…</summary>`, when the block has one.
    static func summary(in html: String) -> String? {
        guard let open = html.range(of: "<summary"), let start = html[open.upperBound...].firstIndex(of: ">") else { return nil }
        let rest = html[html.index(after: start)...]
        guard let close = rest.range(of: "</summary>") else { return nil }
        return String(rest[..<close.lowerBound])
    }

    /// The line without layout tags (`<br>`, `</b></details>`); other text untouched.
    static func stripped(_ line: String) -> String {
        guard line.contains("<") else { return line }
        var output = ""
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "<") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else {
                rest = rest[open...]
                break
            }
            let name = rest[rest.index(after: open)..<close].drop(while: { $0 == "/" })
                .prefix(while: { $0.isLetter }).lowercased()
            if !layoutTags.contains(name) { output += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }
}

/// `[[target]]`, `[[target|shown text]]`, `[[target#section]]`.
enum WikiLink {
    static func targets(in text: String) -> [String] {
        var result: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "[[") {
            guard let close = rest.range(of: "]]", range: open.upperBound..<rest.endIndex) else { break }
            let inner = rest[open.upperBound..<close.lowerBound]
            let target = inner.split(separator: "|", maxSplits: 1).first.map { $0.trimmingSpaces() } ?? ""
            if !target.isEmpty && !target.contains("[") { result.append(target) }
            rest = rest[close.upperBound...]
        }
        return result
    }

    static func strippingTrailing(_ text: String) -> String {
        var trimmed = text.trimmingTrailingSpaces()
        while trimmed.hasSuffix("]]"), let open = trimmed.range(of: "[[", options: .backwards) {
            trimmed = String(trimmed[..<open.lowerBound]).trimmingTrailingSpaces()
        }
        return trimmed
    }
}

enum LanguageGuess {
    /// Front matter decides first; then a `zh` or `en` folder in the path; then the text: a
    /// note is Chinese when its Han characters are at least a fifth of its Latin letters.
    static func guess(file: String, text: String) -> Language {
        let components = file.split(separator: "/").map { $0.lowercased() }
        if components.contains(where: { $0 == "zh" || $0 == "zh-cn" || $0 == "cn" }) { return .zh }
        if components.contains("en") { return .en }
        var cjk = 0
        var latin = 0
        // By bytes: a whole note's scalars, decoded one by one, were a fortieth of parsing.
        // Every CJK scalar takes three bytes or four.
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { latin += 1 }
                    index += 1
                    continue
                }
                let (scalar, width) = UTF8Scalar.decode(bytes, at: index)
                if scalar.isCJK { cjk += 1 }
                index += width
            }
        }
        return cjk * 5 >= latin && cjk > 0 ? .zh : .en
    }
}
