import Basics

/// The conventions of the tools people keep notes in (Logseq, Obsidian and its
/// spaced-repetition plugin, kramdown blogs), recognised so that their notes read as meant.

/// Logseq's `key:: value` properties and `:LOGBOOK:` drawers: metadata, never text or cards.
enum LogseqSyntax {
    /// `collapsed:: true`, `id:: 64f…`, `card-last-interval:: 4`: a key of letters, digits and
    /// `-_.` written against `::`, then a space or the end of the line.
    static func property(_ body: Substring) -> (key: String, value: String)? {
        // By bytes: every line is asked, and a key is ASCII letters, digits, `-`, `_` and `.`.
        let bytes = body.utf8
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        func isKey(_ byte: UInt8) -> Bool {
            isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".")
        }
        guard let first = bytes.first, isLetter(first) else { return nil }
        var index = bytes.startIndex
        while index < bytes.endIndex, isKey(bytes[index]) { index = bytes.index(after: index) }
        // The key ends before a byte that is not ASCII or not a key's: a character boundary.
        let rest = body[index...]
        guard rest.hasPrefix("::") else { return nil }
        let value = rest.dropFirst(2)
        guard value.isEmpty || value.first == " " || value.first == "\t" else { return nil }
        return (String(body[..<index]).lowercased(), value.trimmingSpaces())
    }

    /// `:LOGBOOK:`, `:PROPERTIES:`: the first line of a drawer that runs to `:END:`.
    static func isDrawerStart(_ body: Substring) -> Bool {
        // Every line is asked: a byte decides for all but the few that start with `:`.
        guard body.utf8.first == UInt8(ascii: ":") else { return false }
        let line = body.trimmingTrailingSpaces()
        guard line.count >= 3, line.hasPrefix(":"), line.hasSuffix(":"), line != ":END:" else { return false }
        return line.dropFirst().dropLast().allSatisfy { ($0.isASCII && $0.isUppercase) || $0 == "_" || $0 == "-" }
    }

    static func isDrawerEnd(_ body: Substring) -> Bool {
        body.utf8.first == UInt8(ascii: ":") && body.trimmingTrailingSpaces().uppercased() == ":END:"
    }
}

/// kramdown's attribute lists (`{:height="10%"}`, `{: .note}`, `{:toc}`) and the table-of-contents
/// markers of several tools (`[TOC]`, `[[_TOC_]]`, `@[toc]`).
enum BlogSyntax {
    static func isAttributeLine(_ body: Substring) -> Bool {
        guard body.utf8.first == UInt8(ascii: "{") else { return false }
        let line = body.trimmingTrailingSpaces()
        return line.hasPrefix("{:") && line.hasSuffix("}")
    }

    static func isTableOfContentsMarker(_ body: Substring) -> Bool {
        // Every line is asked; a marker is short and starts with `[`, `@` or `$`, so most lines
        // are answered without lowercasing them.
        guard let first = body.utf8.first, first == UInt8(ascii: "[") || first == UInt8(ascii: "@") || first == UInt8(ascii: "$"),
            body.utf8.count <= 64
        else { return false }
        let line = body.trimmingTrailingSpaces().lowercased()
        return ["[toc]", "[[toc]]", "[[_toc_]]", "@[toc]", "${toc}", "[[toc_]]"].contains(line)
    }

    /// Removes every `{:...}` attribute list from a line of text.
    static func strippingAttributes(_ text: String) -> String {
        guard text.hasBytes("{:") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{:") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            output += rest[..<open.lowerBound]
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    /// `<!--SR:!2024-01-01,3,250-->`: the spaced-repetition plugin's schedule, not content.
    static func strippingSchedulingComments(_ text: String) -> String {
        guard text.hasBytes("<!--SR:") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<!--SR:") {
            guard let close = rest.range(of: "-->", range: open.upperBound..<rest.endIndex) else { break }
            output += rest[..<open.lowerBound]
            rest = rest[close.upperBound...]
        }
        return (output + rest).trimmingTrailingSpaces()
    }
}

/// `#tag` and `#[[multi word tag]]` in a line of text, as Logseq and Obsidian write them.
enum Hashtags {
    /// The tags that make a block a flashcard (Logseq's `#card`).
    static let cardTags: Set<String> = ["card", "flashcard"]

    /// Splits tags off a title: tags at the end are removed; a tag inside the text keeps its word
    /// (`学习 #TCP 握手` reads `学习 TCP 握手`). Returns the text, every tag and the tags that
    /// were at the end, lowercased.
    static func split(_ text: String) -> (text: String, tags: [String], trailing: [String]) {
        guard text.hasBytes("#") else { return (text, [], []) }
        var pieces: [(text: String, isTag: Bool)] = []
        var tags: [String] = []
        let characters = Array(text)
        var index = 0
        var plain = ""
        while index < characters.count {
            let character = characters[index]
            let startsWord = index == 0 || characters[index - 1].isWhitespace
            if character == "#", startsWord, index + 1 < characters.count {
                if characters[index + 1] == "[", index + 2 < characters.count, characters[index + 2] == "[",
                    let close = Self.closing(characters, from: index + 3)
                {
                    let name = String(characters[(index + 3)..<close])
                    pieces.append((plain, false))
                    plain = ""
                    pieces.append((name, true))
                    tags.append(name.lowercased())
                    index = close + 2
                    continue
                }
                var end = index + 1
                while end < characters.count, Self.isTagCharacter(characters[end]) { end += 1 }
                if end > index + 1, characters[index + 1].isLetter {
                    let name = String(characters[(index + 1)..<end])
                    pieces.append((plain, false))
                    plain = ""
                    pieces.append((name, true))
                    tags.append(name.lowercased())
                    index = end
                    continue
                }
            }
            plain.append(character)
            index += 1
        }
        pieces.append((plain, false))
        guard !tags.isEmpty else { return (text, [], []) }
        // Tags at the end (with only spaces between them) are labels, not words of the title.
        var trailing: [String] = []
        while let last = pieces.last, last.isTag || last.text.trimmingSpaces().isEmpty {
            if last.isTag { trailing.insert(last.text.lowercased(), at: 0) }
            pieces.removeLast()
        }
        return (pieces.map(\.text).joined().trimmingTrailingSpaces(), tags, trailing)
    }

    private static func closing(_ characters: [Character], from start: Int) -> Int? {
        var index = start
        while index + 1 < characters.count {
            if characters[index] == "]" && characters[index + 1] == "]" { return index }
            index += 1
        }
        return nil
    }

    private static func isTagCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "-_/.".contains(character)
    }
}

/// Titles that read as questions without saying so with a question mark.
enum QuestionWords {
    private static let chineseMarkers = [
        "为什么", "为何", "如何", "怎么", "怎样", "什么", "哪些", "哪个", "是否", "能否", "是不是", "有没有",
    ]
    private static let questionWords: Set<String> = ["why", "how", "what", "when", "which", "who", "where"]
    private static let auxiliaries: Set<String> = [
        "is", "are", "was", "were", "does", "do", "did", "can", "could", "should", "would", "will", "must", "has", "have",
    ]

    static func looksLikeQuestion(_ title: String) -> Bool {
        if title.hasSuffix("?") || title.hasSuffix("？") { return false }
        if title.hasSuffix("吗") || title.hasSuffix("呢") { return true }
        // A short title that opens with a question word, or asks why anywhere (`TLS 为什么能挡住它`);
        // `如何` in the middle of an explanation is no question.
        if TextWidth.fits(title, within: 40) {
            if title.hasBytes("为什么") || title.hasBytes("为何") { return true }
            let opening = title.drop(while: {
                $0.isNumber || $0.isPunctuation || $0.isWhitespace || ($0.isASCII && $0.isLetter)
            })
            if chineseMarkers.contains(where: { opening.hasPrefix($0) }) { return true }
        }
        // English asks with an inverted auxiliary: "why does …", "is UDP …", not "How it works".
        // The first two words decide; the rest only has to be there.
        let words = title.split(maxSplits: 2, whereSeparator: { $0 == " " })
        guard words.count >= 3, words[2].contains(where: { $0 != " " }) else { return false }
        let first = words[0].lowercased()
        if auxiliaries.contains(first) { return true }
        return questionWords.contains(first) && auxiliaries.contains(words[1].lowercased())
    }
}

/// Whether an answer says anything: an empty bullet, a lone `?` or `TODO` does not.
enum AnswerText {
    private static let placeholders: Set<String> = ["todo", "tbd", "略", "待补充", "待续", "待完善", "待定", "无"]

    /// Letters past which no placeholder is that long: the reading can stop.
    private static let longestPlaceholder = placeholders.map(\.count).max()!

    static func hasSubstance(_ markdown: String) -> Bool {
        var words = ""
        // Line by line as needed: the answer can be a whole section, and the first few letters decide.
        var rest = markdown[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<end]
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
            var body = line.drop(while: { $0 == " " || $0 == "\t" })
            while let first = body.first, "-*+>".contains(first) || first.isNumber {
                body = body.dropFirst().drop(while: { $0 == " " || $0 == "." || $0 == ")" })
            }
            for character in body where character.isLetter || character.isNumber {
                words.append(character)
                if words.count > longestPlaceholder { return true }
            }
        }
        return !words.isEmpty && !placeholders.contains(words.lowercased())
    }
}

/// The obsidian-spaced-repetition plugin's card syntax, used in notes tagged `#flashcards`.
enum SpacedRepetitionSyntax {
    /// A note is one of the plugin's when a tag names its decks: `flashcards`, `flashcards/tcp`.
    static func isTagged(tags: [String], body: String) -> Bool {
        if tags.contains(where: { Self.isDeckTag($0) }) { return true }
        guard body.hasBytes("#flashcards") else { return false }
        return body.split(separator: "\n").contains { line in
            Hashtags.split(String(line)).tags.contains(where: Self.isDeckTag)
        }
    }

    private static func isDeckTag(_ tag: String) -> Bool {
        let lower = tag.lowercased().drop(while: { $0 == "#" })
        return lower == "flashcards" || lower.hasPrefix("flashcards/")
    }

    /// `==a== and ==b==` as Anki cloze: `{{c1::a}} and {{c2::b}}`; nil when there is no highlight.
    static func clozeFromHighlights(_ text: String) -> String? {
        guard text.hasBytes("==") else { return nil }
        var output = ""
        var rest = Substring(text)
        var number = 0
        while let open = rest.range(of: "==") {
            let before = rest[..<open.lowerBound]
            let insideCode = (output + before).filter { $0 == "`" }.count % 2 == 1
            guard !insideCode, let close = rest.range(of: "==", range: open.upperBound..<rest.endIndex),
                close.lowerBound > open.upperBound,
                !rest[open.upperBound..<close.lowerBound].contains("\n")
            else {
                output += rest[..<open.upperBound]
                rest = rest[open.upperBound...]
                continue
            }
            number += 1
            output += before + "{{c\(number)::" + rest[open.upperBound..<close.lowerBound] + "}}"
            rest = rest[close.upperBound...]
        }
        return number > 0 ? output + rest : nil
    }
}
