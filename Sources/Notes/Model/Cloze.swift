/// Cloze deletions as Anki writes them: `{{c1::hidden text}}`, `{{c2::text::hint}}`.
///
/// The one reader of the syntax: the parser finds cloze cards with it, the quiz and the
/// exports draw them with it.
public enum Cloze {
    /// One deletion: its number, the hidden text and the hint, if any.
    public struct Deletion: Sendable, Equatable {
        public var number: Int
        public var answer: String
        public var hint: String?
    }

    /// Whether `text` holds at least one well-formed deletion.
    public static func hasDeletion(_ text: String) -> Bool {
        var found = false
        _ = render(text) { deletion in
            found = true
            return deletion.answer
        }
        return found
    }

    /// The cloze numbers used in `text` (`{{c2::...}}` -> 2), ascending.
    public static func numbers(in text: String) -> [Int] {
        var numbers: Set<Int> = []
        _ = render(text) { deletion in
            numbers.insert(deletion.number)
            return ""
        }
        return numbers.sorted()
    }

    /// The text with every deletion filled in (hints dropped).
    public static func reveal(_ text: String) -> String {
        render(text) { $0.answer }
    }

    /// The text with each deletion replaced by what `draw` makes of it; anything that only looks
    /// like a deletion (`{{cx::`, no closing `}}`) stays as written.
    /// - Complexity: O(n) in the length of `text`.
    public static func render(_ text: String, _ draw: (Deletion) -> String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{c") {
            let after = rest[open.upperBound...]
            let digits = after.prefix(while: { $0.isASCII && $0.isNumber })
            guard let number = Int(digits), after.dropFirst(digits.count).hasPrefix("::"),
                let close = after.range(of: "}}")
            else {
                output += rest[..<open.upperBound]
                rest = after
                continue
            }
            output += rest[..<open.lowerBound]
            let inner = after[after.index(after.startIndex, offsetBy: digits.count + 2)..<close.lowerBound]
            let parts = inner.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
            output += draw(Deletion(number: number, answer: String(parts[0]), hint: parts.count > 1 ? String(parts[1]) : nil))
            rest = after[close.upperBound...]
        }
        return output + rest
    }
}
