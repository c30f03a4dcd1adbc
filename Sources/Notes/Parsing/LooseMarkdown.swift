import Basics

/// Repairs for Markdown as people really write it, done on lines before cmark sees them.
///
/// Each repair keeps the original line numbers (through `SourceText.origin`) and leaves a lint
/// warning, so the note imports and the user learns what to tidy.
enum LooseMarkdown {
    /// What the repairs learned about the note on the way.
    struct Findings {
        /// Logseq page properties (`title:: TCP`, `alias:: ...`) from the top of the file.
        var pageProperties: [String: String] = [:]
        /// Original lines dropped as metadata (properties, drawers, attribute lists, TOC markers).
        var dropped: [Int] = []
    }

    /// - Parameter keepsColonLines: keep `key::value` lines as text (the spaced-repetition plugin's
    ///   single-line cards) instead of dropping them as Logseq properties.
    @discardableResult
    static func repair(
        _ source: inout SourceText, file: String, warnings: inout [LintWarning], keepsColonLines: Bool = false
    ) -> Findings {
        var findings = Findings()
        var lines: [String] = []
        var origin: [Int] = []
        lines.reserveCapacity(source.lines.count)
        origin.reserveCapacity(source.lines.count)
        var fence: (character: Character, length: Int)?
        var inList = false
        /// The column where the text of the last list item starts.
        var itemContentColumn = 0
        /// Still in the file's first block, where Logseq keeps page properties.
        var atTop = true
        var sawText = false
        var index = 0
        let input = source.lines

        func emit(_ line: String, _ from: Int) {
            lines.append(line)
            origin.append(source.origin[from])
        }

        while index < input.count {
            let line = input[index]
            let indent = line.indentation
            let body = line.drop(while: { $0 == " " || $0 == "\t" })

            if let open = fence {
                if let marker = Self.fenceMarker(body), marker.character == open.character,
                    marker.length >= open.length, body.dropFirst(marker.length).trimmingSpaces().isEmpty
                {
                    fence = nil
                }
                emit(line, index)
                index += 1
                continue
            }
            if indent < 4 || inList, let marker = Self.fenceMarker(body) {
                fence = marker
                atTop = false
                emit(line, index)
                index += 1
                continue
            }
            // A fence opened on a list item's own line (`- ```bash`, as Logseq writes code blocks).
            if Self.isListItem(body), let marker = Self.fenceMarker(Self.afterListMarker(body)) {
                fence = marker
                inList = true
                atTop = false
                itemContentColumn = indent + (body.count - Self.afterListMarker(body).count)
                emit(line, index)
                index += 1
                continue
            }

            if body.isEmpty {
                if atTop && sawText { atTop = false }
                emit(line, index)
                index += 1
                continue
            }

            // Metadata of other tools: dropped, so that it joins no title and makes no card.
            if LogseqSyntax.isDrawerStart(body),
                let end = input[(index + 1)..<min(input.count, index + 200)].firstIndex(where: {
                    LogseqSyntax.isDrawerEnd($0.drop(while: { $0 == " " || $0 == "\t" }))
                })
            {
                findings.dropped += (index...end).map { source.origin[$0] }
                index = end + 1
                continue
            }
            if !keepsColonLines, let property = LogseqSyntax.property(body) {
                if atTop && indent == 0 { findings.pageProperties[property.key] = property.value }
                sawText = true
                findings.dropped.append(source.origin[index])
                index += 1
                continue
            }
            atTop = false
            sawText = true
            if BlogSyntax.isAttributeLine(body) || BlogSyntax.isTableOfContentsMarker(body) {
                // kramdown's `* TOC` + `{:toc}`: the list item is the placeholder of a contents list.
                if body.trimmingTrailingSpaces() == "{:toc}", let last = lines.last, Self.isListItem(Substring(last)) {
                    findings.dropped.append(origin.removeLast())
                    lines.removeLast()
                }
                findings.dropped.append(source.origin[index])
                index += 1
                continue
            }

            let previousWasText = !(lines.last?.trimmingSpaces().isEmpty ?? true)
            let continuesItem = inList && previousWasText
            if indent == 0 {
                inList = Self.isListItem(body)
            } else if Self.isListItem(body) {
                inList = true
            }
            if Self.isListItem(body) {
                itemContentColumn = indent + (body.count - Self.afterListMarker(body).count)
            }

            if let hashes = Self.headingHashes(body) {
                var repaired = String(body)
                var changed = false
                let afterHashes = body.dropFirst(hashes)
                if let next = afterHashes.first, next != " ", next != "\t",
                    hashes >= 2 || !afterHashes.contains(" #")
                {
                    repaired = String(repeating: "#", count: hashes) + " " + afterHashes
                    warnings.append(
                        LintWarning(
                            file: file, line: source.origin[index],
                            message: "heading needs a space after '\(String(repeating: "#", count: hashes))'; read as a heading",
                            kind: .headingSpace))
                    changed = true
                }
                if indent > 0 && (inList || indent >= 4) && (changed || afterHashes.first == " " || afterHashes.first == "\t") {
                    warnings.append(
                        LintWarning(
                            file: file, line: source.origin[index], message: "heading indented inside a list; read as a heading",
                            kind: .headingInList, fix: "start the heading at the beginning of the line, or make it a list item"))
                    inList = false
                    changed = true
                    // A heading must not continue the paragraph above it.
                    if let last = lines.last, !last.trimmingSpaces().isEmpty {
                        emit("", index)
                    }
                } else if indent > 0 {
                    repaired = String(repeating: " ", count: min(indent, 3)) + repaired
                }
                if changed {
                    emit(repaired, index)
                    index += 1
                    continue
                }
            }

            if let close = Self.multiLineInlineCode(input, from: index) {
                // Right under a list item's text, the block belongs to the item: indent it there.
                let shift = continuesItem && indent < itemContentColumn ? itemContentColumn - indent : 0
                let pad = String(repeating: " ", count: shift)
                let prefix = String(repeating: " ", count: indent + shift)
                warnings.append(
                    LintWarning(
                        file: file, line: source.origin[index],
                        message: "inline code spans \(close - index + 1) lines; read as a code block",
                        kind: .inlineCodeBlock, fix: "fence it with ``` lines instead of single backticks"))
                if let last = lines.last, !last.trimmingSpaces().isEmpty { emit("", index) }
                if shift > 0 { inList = true }
                emit(prefix + "```", index)
                let opening = String(body.dropFirst()).trimmingTrailingSpaces()
                if !opening.isEmpty { emit(prefix + opening, index) }
                if close > index + 1 {
                    for middle in (index + 1)..<close { emit(pad + input[middle], middle) }
                }
                let closing = input[close].trimmingTrailingSpaces()
                let closingBody = String(closing.dropLast())
                if !closingBody.trimmingSpaces().isEmpty { emit(pad + closingBody, close) }
                emit(prefix + "```", close)
                index = close + 1
                continue
            }

            emit(line, index)
            index += 1
        }
        source.lines = lines
        source.origin = origin
        return findings
    }

    /// The text of a list item's line after its marker (and a task box).
    static func afterListMarker(_ body: Substring) -> Substring {
        var rest = body
        if let first = rest.first, "-*+".contains(first) {
            rest = rest.dropFirst()
        } else {
            rest = rest.drop(while: { $0.isASCII && $0.isNumber }).dropFirst()
        }
        return rest.drop(while: { $0 == " " || $0 == "\t" })
    }

    /// The number of `#` that start an ATX heading, if the line is one (with or without a space).
    static func headingHashes(_ body: Substring) -> Int? {
        var count = 0
        for character in body {
            guard character == "#" else { break }
            count += 1
        }
        guard (1...6).contains(count) else { return nil }
        let rest = body.dropFirst(count)
        guard let next = rest.first else { return nil }
        if next == " " || next == "\t" { return rest.trimmingSpaces().isEmpty ? nil : count }
        // `#include`, `#!/bin/sh` and `#1234` are not headings.
        if count == 1 && (rest.hasPrefix("include") || rest.hasPrefix("!") || rest.hasPrefix("define")) { return nil }
        if next.isNumber && count == 1 { return nil }
        // `#flashcards`, `#card`: a tag line of Obsidian or Logseq, not a heading.
        if count == 1 {
            let word = rest.prefix(while: { !$0.isWhitespace }).lowercased()
            if word == "flashcards" || word.hasPrefix("flashcards/") || Hashtags.cardTags.contains(word) { return nil }
        }
        return next.isLetter || next.isNumber || next == "[" || next == "*" || next == "`" ? count : nil
    }

    static func fenceMarker(_ body: Substring) -> (character: Character, length: Int)? {
        guard let first = body.first, first == "`" || first == "~" else { return nil }
        let length = body.prefix(while: { $0 == first }).count
        guard length >= 3 else { return nil }
        if first == "`" && body.dropFirst(length).contains("`") { return nil }
        return (first, length)
    }

    static func isListItem(_ body: Substring) -> Bool {
        // By bytes: every line is asked, and the markers are ASCII.
        let bytes = body.utf8
        func endsMarker(_ index: Substring.UTF8View.Index) -> Bool {
            index == bytes.endIndex || bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
        }
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            return endsMarker(bytes.index(after: bytes.startIndex))
        }
        var index = bytes.startIndex
        var digits = 0
        while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            digits += 1
            index = bytes.index(after: index)
        }
        guard digits > 0, digits <= 9, index < bytes.endIndex,
            bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")")
        else { return false }
        return endsMarker(bytes.index(after: index))
    }

    /// A line that opens inline code with a single backtick and leaves it open, closed by a
    /// single backtick at the end of a later line: code pasted between backticks as a block.
    /// Returns the closing line's index.
    static func multiLineInlineCode(_ lines: [String], from start: Int) -> Int? {
        let body = lines[start].drop(while: { $0 == " " || $0 == "\t" })
        guard body.first == "`", body.dropFirst().first != "`" else { return nil }
        guard body.filter({ $0 == "`" }).count % 2 == 1 else { return nil }
        let limit = min(lines.count, start + 200)
        var index = start + 1
        while index < limit {
            let line = lines[index].trimmingTrailingSpaces()
            let ticks = line.filter { $0 == "`" }.count
            if ticks > 0 {
                guard ticks % 2 == 1, line.hasSuffix("`"), !line.hasSuffix("``") else { return nil }
                // Two lines are ordinary inline code with a line break; a block spans more.
                let spansBlock = index - start >= 2 || body.count == 1
                return spansBlock ? index : nil
            }
            if line.hasPrefix("#") || (line.hasPrefix("```")) { return nil }
            index += 1
        }
        return nil
    }
}
