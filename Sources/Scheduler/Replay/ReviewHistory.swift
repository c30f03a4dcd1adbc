import Foundation

/// One row of a review history: a card, when it was reviewed and how it was rated.
public struct ReviewRecord: Sendable, Hashable, Codable {
    /// The line of the file the row starts on (the header is line 1).
    public let line: Int
    /// The card's id.
    public let cardID: Int64
    /// When the review happened, in milliseconds since the Unix epoch (UTC).
    public let reviewTime: Int64
    public let rating: Rating

    public init(line: Int, cardID: Int64, reviewTime: Int64, rating: Rating) {
        self.line = line
        self.cardID = cardID
        self.reviewTime = reviewTime
        self.rating = rating
    }
}

extension ReviewRecord {
    /// The indices of `records` card by card, each card's reviews in time order (rows with the
    /// same time in input order): the order replay and the optimizer walk a history in.
    /// - Complexity: O(n log n) for n records.
    static func chronologicalOrder(_ records: [ReviewRecord]) -> [Int] {
        records.indices.sorted {
            let a = records[$0]
            let b = records[$1]
            if a.cardID != b.cardID { return a.cardID < b.cardID }
            if a.reviewTime != b.reviewTime { return a.reviewTime < b.reviewTime }
            return $0 < $1
        }
    }
}

/// Why a review history file was refused; the message names the file and line.
public enum ReviewHistoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file has no header line.
    case empty(source: String)
    /// The header lacks a required column.
    case missingColumn(source: String, column: String)
    /// A row could not be read.
    case badRow(source: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .empty(let source):
            return "\(source): empty file; expected a header with card_id,review_time,review_rating"
        case .missingColumn(let source, let column):
            return "\(source):1: the header has no '\(column)' column "
                + "(expected at least card_id,review_time,review_rating)"
        case .badRow(let source, let line, let reason):
            return "\(source):\(line): \(reason)"
        }
    }
}

/// Review histories in the CSV format the FSRS optimizer tools read: a header naming at least
/// `card_id`, `review_time` (milliseconds since the Unix epoch, UTC) and `review_rating` (1 to 4),
/// in any order, other columns ignored; rows in any order.
public enum ReviewHistory {
    /// Reads the rows of a review history, in file order. Fields may be quoted as RFC 4180
    /// describes; lines may end in LF or CRLF; blank lines are skipped.
    ///
    /// - Parameter source: The file name used in error messages.
    /// - Throws: `ReviewHistoryError` for a missing header or column, or the first bad row
    ///   (a missing field, a card id or time that is not an integer, a rating outside 1 to 4).
    /// - Complexity: O(n) in the length of `text`.
    public static func parse(csv text: String, source: String) throws(ReviewHistoryError) -> [ReviewRecord] {
        var lines = CSVLines(text)
        guard let header = try lines.next(source: source) else { throw .empty(source: source) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ name: String) throws(ReviewHistoryError) -> Int {
            guard let index = names.firstIndex(of: name) else {
                throw .missingColumn(source: source, column: name)
            }
            return index
        }
        let cardColumn = try column("card_id")
        let timeColumn = try column("review_time")
        let ratingColumn = try column("review_rating")
        let needed = max(cardColumn, timeColumn, ratingColumn) + 1

        var records: [ReviewRecord] = []
        while let row = try lines.next(source: source) {
            if row.fields.count == 1, row.fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            func fail(_ reason: String) -> ReviewHistoryError {
                .badRow(source: source, line: row.line, reason: reason)
            }
            guard row.fields.count >= needed else {
                throw fail("expected at least \(needed) fields, found \(row.fields.count)")
            }
            let cardText = row.fields[cardColumn].trimmingCharacters(in: .whitespaces)
            let timeText = row.fields[timeColumn].trimmingCharacters(in: .whitespaces)
            let ratingText = row.fields[ratingColumn].trimmingCharacters(in: .whitespaces)
            guard let cardID = Int64(cardText) else {
                throw fail("card_id '\(cardText)' is not an integer")
            }
            guard let time = Int64(timeText) else {
                throw fail("review_time '\(timeText)' is not a whole number of milliseconds since 1970")
            }
            guard let value = Int(ratingText), let rating = Rating(rawValue: value) else {
                throw fail("review_rating '\(ratingText)' is not 1 (again), 2 (hard), 3 (good) or 4 (easy)")
            }
            records.append(ReviewRecord(line: row.line, cardID: cardID, reviewTime: time, rating: rating))
        }
        return records
    }
}

/// Splits CSV text into records of fields, keeping the line each record starts on.
struct CSVLines {
    struct Row {
        let line: Int
        let fields: [String]
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var line = 1

    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
    }

    /// The next record, or nil at the end of the text.
    mutating func next(source: String) throws(ReviewHistoryError) -> Row? {
        guard position < scalars.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var fieldStarted = false
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if quoted {
                if scalar == "\"" {
                    if position < scalars.count, scalars[position] == "\"" {
                        field.append("\"")
                        position += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where !fieldStarted:
                quoted = true
                fieldStarted = true
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                fieldStarted = false
            case "\n":
                line += 1
                fields.append(String(field))
                return Row(line: startLine, fields: fields)
            case "\r" where position < scalars.count && scalars[position] == "\n":
                break
            default:
                field.append(scalar)
                if scalar != " " { fieldStarted = true }
            }
        }
        if quoted {
            throw .badRow(source: source, line: startLine, reason: "a quoted field is not closed")
        }
        fields.append(String(field))
        return Row(line: startLine, fields: fields)
    }
}
