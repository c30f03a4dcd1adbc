import Foundation

import CCmarkGFM

/// Walks a cmark tree once, building topics from headings and outline list items and picking
/// out cards, links and demo blocks on the way.
struct TreeBuilder {
    let noteID: String
    let file: String
    let source: SourceText

    private(set) var topics: [Topic] = []
    private var texts: [[String]] = []
    private var usedKeys: Set<String> = []
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

    private struct PendingQuestion {
        var topic: Int
        var line: Int
        var level: Int
        var prompt: String
        var explicitID: String?
    }

    init(noteID: String, file: String, source: SourceText, warnings: [LintWarning]) {
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
        for (position, block) in blocks.enumerated() {
            if block.isHeading {
                headingLines.append((block.startLine, block.headingLevel))
                if firstHeadingIsSoleTitle && position == blocks.firstIndex(where: \.isHeading) {
                    let (title, _, _) = headingTitle(block)
                    mergedTitle = title
                    headingStack = [(1, 0)]
                    scanInlines(block, topic: 0)
                    continue
                }
                openHeading(block)
            } else {
                attach(block, to: headingStack.last?.index ?? 0)
            }
        }
    }

    private mutating func openHeading(_ heading: MarkdownNode) {
        let level = heading.headingLevel
        while let last = headingStack.last, last.level >= level { headingStack.removeLast() }
        let parent = headingStack.last?.index ?? 0
        let (title, explicitID, isQuestion) = headingTitle(heading)
        if heading.children.count == 1, heading.firstChild?.type == CMARK_NODE_LINK {
            warn(heading.startLine, "heading is a link; its text is the title")
        }
        let index = addTopic(title: title, explicitID: explicitID, parent: parent, line: heading.startLine, kind: .heading)
        headingStack.append((level, index))
        scanInlines(heading, topic: index)
        if isQuestion {
            headingQuestions.append(
                PendingQuestion(topic: index, line: heading.startLine, level: level, prompt: title, explicitID: explicitID))
        }
    }

    /// Puts a non-heading block's content under `topic`: text, links, cards and demos; lists
    /// become outline nodes where their items have nested content.
    private mutating func attach(_ block: MarkdownNode, to topic: Int) {
        if block.isList {
            attachList(block, to: topic)
            return
        }
        if block.isCodeBlock {
            let info = block.fenceInfo.trimmingSpaces()
            if info == "demo" || info.hasPrefix("demo ") {
                let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().map(String.init)
                if let name = words.first {
                    let reference = DemoReference(
                        name: name, arguments: Array(words.dropFirst()), line: original(block.startLine),
                        topic: topics[topic].key)
                    demos.append((reference, block.startLine))
                } else {
                    warn(block.startLine, "demo block names no demo (```demo NAME args)")
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
        for item in list.children where item.isItem {
            let parts = item.children
            guard let head = parts.first else { continue }
            let rest = parts.dropFirst()
            let nested = rest.contains { $0.isList } || (rest.count >= 1 && (head.isParagraph || head.isHeading))
            guard nested, head.isParagraph || head.isHeading else {
                for part in parts { attach(part, to: topic) }
                continue
            }
            let (title, explicitID, isQuestion) = questionTitle(head)
            let index = addTopic(title: title, explicitID: explicitID, parent: topic, line: item.startLine, kind: .item)
            scanInlines(head, topic: index)
            if isQuestion, let first = rest.first {
                let answer = dedented(source.slice(first.startLine, item.endLine))
                addCard(
                    kind: .basic, explicitID: explicitID, topic: index, prompt: title, answer: answer,
                    line: item.startLine, range: first.startLine...max(first.startLine, item.endLine))
            }
            for part in rest { attach(part, to: index) }
        }
    }

    // MARK: - Cards

    /// `question :: answer` lines and cloze paragraphs. Returns whether the paragraph was a card.
    private mutating func extractLineCards(_ paragraph: MarkdownNode, topic: Int) -> Bool {
        let lines = source.slice(paragraph.startLine, paragraph.endLine).map { Self.stripBlockMarkers($0) }
        let raw = lines.joined(separator: "\n")
        if raw.hasBytes("{{c"), ClozeText.hasDeletion(raw) {
            let (text, explicitID) = ExplicitID.split(raw.trimmingSpaces())
            texts[topic].append(ClozeText.reveal(text))
            lineCardLines.formUnion(paragraph.startLine...max(paragraph.startLine, paragraph.endLine))
            addCard(
                kind: .cloze, explicitID: explicitID, topic: topic, prompt: text, answer: ClozeText.reveal(text),
                line: paragraph.startLine, range: nil)
            return true
        }
        guard raw.hasBytes(" :: ") || raw.hasBytes("\t::") else { return false }
        var found = false
        for (offset, line) in lines.enumerated() {
            guard let separator = Self.cardSeparator(in: line) else {
                texts[topic].append(line)
                continue
            }
            let question = String(line[..<separator.lowerBound]).trimmingSpaces()
            let (answer, explicitID) = ExplicitID.split(String(line[separator.upperBound...]).trimmingSpaces())
            guard !question.isEmpty, !answer.isEmpty else {
                texts[topic].append(line)
                continue
            }
            texts[topic].append(question + " " + answer)
            lineCardLines.insert(paragraph.startLine + offset)
            addCard(
                kind: .basic, explicitID: explicitID, topic: topic, prompt: question, answer: answer,
                line: paragraph.startLine + offset, range: nil)
            found = true
        }
        return found
    }

    /// The ` :: ` of a card line, outside inline code.
    static func cardSeparator(in line: String) -> Range<String.Index>? {
        var searchStart = line.startIndex
        while let range = line.range(of: "::", range: searchStart..<line.endIndex) {
            let before = line[..<range.lowerBound]
            let spacedBefore = before.last == " " || before.last == "\t"
            let spacedAfter = line[range.upperBound...].first.map { $0 == " " || $0 == "\t" } ?? false
            let insideCode = before.filter { $0 == "`" }.count % 2 == 1
            if spacedBefore && spacedAfter && !insideCode { return range }
            searchStart = range.upperBound
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
                warn(line, "card id '\(explicitID)' is used twice in this note; the second gets a derived id")
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

    /// Links, wiki links and remote images inside a block (not inside nested lists, which are
    /// walked on their own).
    private mutating func scanInlines(_ block: MarkdownNode, topic: Int) {
        var pending: [(String, Int)] = []
        var images: [(String, Int)] = []
        var text = ""
        func visit(_ node: MarkdownNode, line: Int) {
            if node.isList { return }
            let type = node.type
            let nodeLine = node.startLine > 0 ? node.startLine : line
            if type == CMARK_NODE_LINK {
                pending.append((node.url, nodeLine))
            } else if type == CMARK_NODE_IMAGE {
                images.append((node.url, nodeLine))
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
        for (url, line) in images where url.hasPrefix("http://") || url.hasPrefix("https://") {
            warn(line, "remote image not fetched: \(url)")
        }
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

    /// A heading's title, its explicit id, and whether it asks a question.
    private func headingTitle(_ heading: MarkdownNode) -> (String, String?, Bool) {
        questionTitle(heading)
    }

    /// The plain title of a heading or list item head, with `{#id}` removed; a question ends in
    /// `?` or `？` once trailing links, wiki links and spaces are set aside.
    private func questionTitle(_ node: MarkdownNode) -> (String, String?, Bool) {
        let (title, explicitID) = ExplicitID.split(node.plainText.trimmingSpaces())
        var inlines = node.children
        while let last = inlines.last,
            last.type == CMARK_NODE_LINK || (last.type == CMARK_NODE_TEXT && last.literal.trimmingSpaces().isEmpty)
                || (last.type == CMARK_NODE_TEXT && ExplicitID.split(last.literal).text.trimmingSpaces().isEmpty)
        {
            inlines.removeLast()
        }
        var questionText = inlines.map(\.plainText).joined()
        questionText = ExplicitID.split(questionText).text
        questionText = WikiLink.strippingTrailing(questionText).trimmingSpaces()
        let isQuestion = questionText.hasSuffix("?") || questionText.hasSuffix("？")
        return (title.isEmpty ? "(untitled)" : title, explicitID, isQuestion)
    }

    private mutating func addTopic(title: String, explicitID: String?, parent: Int, line: Int, kind: Topic.Kind) -> Int {
        var key = "\(noteID)#\(explicitID ?? Slug.make(title))"
        if usedKeys.contains(key) || (explicitID == nil && reservedKeys.contains(key)) {
            if explicitID != nil { warn(line, "id '\(explicitID!)' is used twice in this note") }
            var counter = 2
            while usedKeys.contains("\(key)-\(counter)") || reservedKeys.contains("\(key)-\(counter)") { counter += 1 }
            key = "\(key)-\(counter)"
        }
        usedKeys.insert(key)
        topics.append(Topic(key: key, title: title, parent: parent, path: [], line: original(line), kind: kind, text: ""))
        texts.append([])
        return topics.count - 1
    }

    private func original(_ processedLine: Int) -> Int { source.originalLine(processedLine) }

    private mutating func warn(_ processedLine: Int, _ message: String) {
        warnings.append(LintWarning(file: file, line: original(processedLine), message: message))
    }

    private func dedented(_ lines: ArraySlice<String>) -> String {
        var trimmed = Array(lines)
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
        for question in headingQuestions {
            let end = headingLines.first { $0.line > question.line && $0.level <= question.level }?.line ?? (source.lines.count + 1)
            let answerLines = source.slice(question.line + 1, end - 1).enumerated().filter {
                !lineCardLines.contains(question.line + 1 + $0.offset)
            }.map(\.element)
            let answer = dedented(answerLines[...])
            guard !answer.isEmpty else {
                warn(question.line, "question has no answer below it")
                continue
            }
            addCard(
                kind: .basic, explicitID: question.explicitID, topic: question.topic, prompt: question.prompt,
                answer: Self.strippingDemoBlocks(answer), line: question.line, range: (question.line + 1)...max(question.line + 1, end - 1))
        }
        cards.sort { $0.line < $1.line }
        for name in frontMatter.generate {
            cards.append(
                Card(
                    id: "\(noteID)#gen-\(name)", hasExplicitID: true, kind: .generated, topic: noteID, prompt: name,
                    answer: "", line: 1, demo: nil))
        }

        let fileName = (file.split(separator: "/").last.map(String.init) ?? file)
        let baseName = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        topics[0].title = frontMatter.title ?? mergedTitle ?? baseName
        for index in topics.indices {
            topics[index].text = texts[index].joined(separator: "\n")
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
            demos: demos.map(\.reference), warnings: warnings.sorted { $0.line < $1.line }, body: body)
    }

    /// The demo block is shown as a key in the quiz, not as code in the answer.
    static func strippingDemoBlocks(_ markdown: String) -> String {
        guard markdown.hasBytes("demo") else { return markdown }
        var output: [Substring] = []
        var skipping: String?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let body = line.drop(while: { $0 == " " })
            if let fence = skipping {
                if body.hasPrefix(fence) && body.trimmingSpaces().allSatisfy({ String($0) == String(fence.first!) }) { skipping = nil }
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

/// Cloze deletions `{{c1::text}}` and `{{c1::text::hint}}`, as Anki writes them.
enum ClozeText {
    static func hasDeletion(_ text: String) -> Bool {
        var rest = Substring(text)
        while let open = rest.range(of: "{{c") {
            let after = rest[open.upperBound...]
            let digits = after.prefix(while: { $0.isASCII && $0.isNumber })
            if !digits.isEmpty, after.dropFirst(digits.count).hasPrefix("::"),
                after.range(of: "}}") != nil
            {
                return true
            }
            rest = after
        }
        return false
    }

    /// The text with every deletion filled in (hints dropped).
    static func reveal(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{c") {
            let after = rest[open.upperBound...]
            let digits = after.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, after.dropFirst(digits.count).hasPrefix("::"),
                let close = after.range(of: "}}")
            else {
                output += rest[..<open.upperBound]
                rest = after
                continue
            }
            output += rest[..<open.lowerBound]
            let inner = after[after.index(after.startIndex, offsetBy: digits.count + 2)..<close.lowerBound]
            output += inner.components(separatedBy: "::").first ?? ""
            rest = after[close.upperBound...]
        }
        return output + rest
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
        for scalar in text.unicodeScalars {
            if scalar.isCJK {
                cjk += 1
            } else if (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) {
                latin += 1
            }
        }
        return cjk * 5 >= latin && cjk > 0 ? .zh : .en
    }
}
