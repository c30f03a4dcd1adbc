/// Turns whatever a person typed into a safe FTS5 query.
///
/// Nothing typed reaches FTS5 as syntax: the text is cut into pieces of one script each (a
/// Latin word, a number, a run of CJK characters), every piece is quoted, and the program joins
/// them. So `"unbalanced`, a lone `-`, `AND`, `*` or SQL are just words.
struct SearchQuery: Equatable {
    /// Word pieces in the order typed, lowercased, each free of FTS5 syntax.
    let pieces: [String]

    init(_ text: String) {
        var pieces: [String] = []
        var current = ""
        var currentIsCJK = false
        func flush() {
            if !current.isEmpty, !pieces.contains(current) { pieces.append(current) }
            current = ""
        }
        for scalar in text.unicodeScalars {
            let isCJK = scalar.isCJK
            let isWord = isCJK || scalar.properties.isAlphabetic || (scalar.properties.numericType != nil)
            guard isWord else {
                flush()
                continue
            }
            if !current.isEmpty && isCJK != currentIsCJK { flush() }
            currentIsCJK = isCJK
            current.unicodeScalars.append(scalar)
        }
        flush()
        self.pieces = pieces.map { $0.lowercased() }
    }

    var isEmpty: Bool { pieces.isEmpty }

    /// Every piece must match: `"tcp" "拥塞控制"` (a CJK run is a phrase of its bigrams).
    var strict: String {
        pieces.map(Self.quoted).joined(separator: " ")
    }

    /// Any piece may match; long CJK runs also offer their bigrams, so a question typed in
    /// Chinese finds the sections that share most of its words.
    var loose: String {
        var terms: [String] = []
        for piece in pieces {
            terms.append(Self.quoted(piece))
            let characters = Array(piece)
            if characters.count > 2, characters.allSatisfy(\.isCJKCharacter) {
                for index in 0..<(characters.count - 1) {
                    let bigram = Self.quoted(String(characters[index...index + 1]))
                    if !terms.contains(bigram) { terms.append(bigram) }
                }
            }
        }
        return terms.joined(separator: " OR ")
    }

    private static func quoted(_ piece: String) -> String {
        let characters = Array(piece)
        // A lone CJK character is indexed only inside bigrams: match those that start with it.
        if characters.count == 1, characters[0].isCJKCharacter { return "\"\(piece)\"*" }
        // Pieces hold letters, digits and CJK only; doubling quotes keeps that promise cheap.
        return "\"" + String(piece.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
    }
}

extension Character {
    fileprivate var isCJKCharacter: Bool { unicodeScalars.first?.isCJK ?? false }
}
