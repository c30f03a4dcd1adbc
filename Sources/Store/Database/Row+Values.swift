import Basics
import Foundation
import GRDB
import Notes

/// The typed values the store keeps as text, read back in one place. A value netprep did not
/// write (a hand-edited or older row) reads as the most ordinary case rather than failing.
extension Row {
    func language(_ column: String = "lang") -> Language { Language(rawValue: self[column]) ?? .en }

    func cardKind(_ column: String = "kind") -> Card.Kind { Card.Kind(rawValue: self[column]) ?? .basic }

    func topicKind(_ column: String = "kind") -> Topic.Kind { Topic.Kind(rawValue: self[column]) ?? .item }

    /// A reviewed card's state; nil for none (a new card, in a `LEFT JOIN`).
    func cardState(_ column: String = "state") -> CardState? {
        (self[column] as String?).map { CardState(rawValue: $0) ?? .learning }
    }

    /// A topic's path, titles from its note down (stored as a JSON array); empty if unreadable.
    /// One decoder can serve a whole query.
    func topicPath(_ column: String = "path", decoder: JSONDecoder) -> [String] {
        guard let json: String = self[column] else { return [] }
        return (try? decoder.decode([String].self, from: Data(json.utf8))) ?? []
    }

    /// A card's demo (`name arg arg`); nil for none.
    func demoCall(_ column: String = "demo") -> DemoCall? { (self[column] as String?).flatMap(DemoCall.init(text:)) }
}
