import Basics

/// Turns whatever a person typed into a safe FTS5 query.
///
/// Nothing typed reaches FTS5 as syntax: the text is cut into pieces of one script each (a
/// Latin word, a number, a run of CJK characters), every piece is quoted, and the program joins
/// them. So `"unbalanced`, a lone `-`, `AND`, `*` or SQL are just words.
struct SearchQuery: Equatable {
    /// Word pieces in the order typed, lowercased, each free of FTS5 syntax.
    let pieces: [String]
    /// What must match: a piece, or pieces typed joined by `_` `-` `/` `.` (`TIME_WAIT`,
    /// `keep-alive`, `HTTP/1.1`), which must stand together in that order.
    let terms: [[String]]

    init(_ text: String) {
        var terms: [[String]] = []
        var term: [String] = []
        var current = ""
        var currentIsCJK = false
        func flush() {
            if !current.isEmpty { term.append(current.lowercased()) }
            current = ""
        }
        func endTerm() {
            flush()
            if !term.isEmpty, !terms.contains(term) { terms.append(term) }
            term = []
        }
        for scalar in text.unicodeScalars {
            let isCJK = scalar.isCJK
            let isWord = isCJK || scalar.properties.isAlphabetic || (scalar.properties.numericType != nil)
            guard isWord else {
                if "_-/.".unicodeScalars.contains(scalar) && !current.isEmpty { flush() } else { endTerm() }
                continue
            }
            if !current.isEmpty && isCJK != currentIsCJK { endTerm() }
            currentIsCJK = isCJK
            current.unicodeScalars.append(scalar)
        }
        endTerm()
        self.terms = terms
        var pieces: [String] = []
        for piece in terms.joined() where !pieces.contains(piece) { pieces.append(piece) }
        self.pieces = pieces
    }

    var isEmpty: Bool { pieces.isEmpty }

    /// Every term must match: `"tcp" "拥塞控制"` (a CJK run is a phrase of its bigrams), `"time wait"`.
    var strict: String {
        terms.map(Self.quoted).joined(separator: " ")
    }

    /// Any term may match; long CJK runs also offer their bigrams, so a question typed in
    /// Chinese finds the sections that share most of its words.
    var loose: String {
        var words: [String] = []
        for term in terms {
            words.append(Self.quoted(term))
            guard term.count == 1, let piece = term.first else { continue }
            let characters = Array(piece)
            if characters.count > 2, characters.allSatisfy(\.isCJKCharacter) {
                for index in 0..<(characters.count - 1) {
                    let bigram = Self.quoted(String(characters[index...index + 1]))
                    if !words.contains(bigram) { words.append(bigram) }
                }
            }
        }
        return words.joined(separator: " OR ")
    }

    private static func quoted(_ term: [String]) -> String {
        // Pieces hold letters, digits and CJK only: no quote to escape.
        term.count == 1 ? quoted(term[0]) : "\"" + term.joined(separator: " ") + "\""
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
