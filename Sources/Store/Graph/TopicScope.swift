import GRDB

/// A part of the topic tree, as `--topic KEY` names it: the topic and every topic below it.
/// `tcp` takes `tcp.handshake`, `tcp#why` and `tcp/握手` (a note in a folder), not `tcpip`.
/// The one rule for topics, cards, edges, search and the quiz.
public struct TopicScope: Sendable, Equatable {
    public var key: String

    public init(_ key: String) {
        self.key = key
    }

    /// What may follow the key in a key below it, each with the character after it.
    static let separators = [(".", "/"), ("#", "$"), ("/", "0")]

    /// Whether `topic` lies in this scope.
    public func contains(_ topic: String) -> Bool {
        topic == key || Self.separators.contains { topic.hasPrefix(key + $0.0) }
    }

    /// The same test as an SQL condition on the key in `column`, with its arguments.
    ///
    /// Each "starts with" is a range of keys, which an index on the column answers: the keys
    /// that start with `tcp.` are those from `tcp.` up to, not including, `tcp/` (the next byte),
    /// as SQLite compares text byte by byte.
    func condition(on column: String) -> (sql: String, arguments: StatementArguments) {
        var arguments: StatementArguments = [key]
        for (separator, next) in Self.separators { arguments += [key + separator, key + next] }
        let ranges = Self.separators.map { _ in " OR (\(column) >= ? AND \(column) < ?)" }.joined()
        return ("(\(column) = ?" + ranges + ")", arguments)
    }
}
