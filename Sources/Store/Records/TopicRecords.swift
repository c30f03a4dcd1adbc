import Basics
import Foundation
import GRDB
import Notes

/// A `topic` row: a node of the topic graph (the note itself, a heading, an outline item) with
/// its own text. `path` is stored as a JSON array of titles (`TopicPathJSON`).
///
/// The search index reads its text through the view `topic_search`: `searchTitle` is what it
/// indexes as the title (nil: the title; empty: a title that is only the file's name, indexed
/// among the aliases instead), `searchAliases` the aliases joined by ` ; `.
struct TopicRecord: Equatable, FetchableRecord, MutablePersistableRecord, ColumnListRecord {
    static let databaseTableName = "topic"

    enum Columns {
        static let id = Column("id")
        static let key = Column("key")
        static let noteID = Column("note_id")
    }

    var id: Int64?
    var key: String
    var language: Language
    var noteID: Int64
    var parentID: Int64?
    var title: String
    var path: [String]
    var kind: Topic.Kind
    var line: Int
    /// Document order within the note; the note's own page is 0.
    var position: Int
    var body: String
    var searchTitle: String?
    var searchAliases: String = ""

    static let columns = TableColumns(
        table: databaseTableName,
        [
            "id", "key", "lang", "note_id", "parent_id", "title", "path", "kind", "line", "position", "body", "search_title",
            "search_aliases",
        ])

    var values: [(any DatabaseValueConvertible)?] {
        [
            id, key, language.rawValue, noteID, parentID, title, TopicPathJSON.encode(path), kind.rawValue, line, position,
            body, searchTitle, searchAliases,
        ]
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension TopicRecord {
    init(row: Row) throws {
        id = row["id"]
        key = row["key"]
        language = row.language()
        noteID = row["note_id"]
        parentID = row["parent_id"]
        title = row["title"]
        path = row.topicPath(decoder: JSONDecoder())
        kind = row.topicKind()
        line = row["line"]
        position = row["position"]
        body = row["body"]
        searchTitle = row["search_title"]
        searchAliases = row["search_aliases"]
    }
}

/// An `alias` row: another name of a topic (a note's `aliases:`).
struct AliasRecord: Equatable, FetchableRecord, PersistableRecord, ColumnListRecord {
    static let databaseTableName = "alias"

    var topicID: Int64
    var alias: String

    static let columns = TableColumns(table: databaseTableName, ["topic_id", "alias"])

    var values: [(any DatabaseValueConvertible)?] { [topicID, alias] }
}

extension AliasRecord {
    init(row: Row) throws {
        topicID = row["topic_id"]
        alias = row["alias"]
    }
}

/// A `tag` row: a note's tag, on the note's own topic.
struct TagRecord: Equatable, FetchableRecord, PersistableRecord, ColumnListRecord {
    static let databaseTableName = "tag"

    var topicID: Int64
    var tag: String

    static let columns = TableColumns(table: databaseTableName, ["topic_id", "tag"])

    var values: [(any DatabaseValueConvertible)?] { [topicID, tag] }
}

extension TagRecord {
    init(row: Row) throws {
        topicID = row["topic_id"]
        tag = row["tag"]
    }
}

/// An `edge` row: a typed link from a topic. `target` is a topic key, or a `file:` path with
/// an optional `#fragment` for a link to another file, resolved when read.
struct EdgeRecord: Equatable, FetchableRecord, PersistableRecord, ColumnListRecord {
    static let databaseTableName = "edge"

    var fromTopic: Int64
    var kind: Link.Kind
    var target: String
    var line: Int

    static let columns = TableColumns(table: databaseTableName, ["from_topic", "kind", "target", "line"])

    var values: [(any DatabaseValueConvertible)?] { [fromTopic, kind.rawValue, target, line] }
}

extension EdgeRecord {
    init(row: Row) throws {
        fromTopic = row["from_topic"]
        kind = Link.Kind(rawValue: row["kind"]) ?? .link
        target = row["target"]
        line = row["line"]
    }
}

/// A topic's path as the JSON array `topic.path` stores, byte for byte what `JSONEncoder` writes
/// (slashes escaped too), without its cost: the encoder was a tenth of the writer's work for
/// the path alone. Read back with `Row.topicPath`.
enum TopicPathJSON {
    static func encode(_ path: [String]) -> String {
        var json: [UInt8] = [UInt8(ascii: "[")]
        for (index, title) in path.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "\""))
            for byte in title.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): json += [UInt8(ascii: "\\"), byte]
                case 0x08: json += Array("\\b".utf8)
                case 0x0C: json += Array("\\f".utf8)
                case 0x0A: json += Array("\\n".utf8)
                case 0x0D: json += Array("\\r".utf8)
                case 0x09: json += Array("\\t".utf8)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    json += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                default: json.append(byte)
                }
            }
            json.append(UInt8(ascii: "\""))
        }
        json.append(UInt8(ascii: "]"))
        return String(decoding: json, as: UTF8.self)
    }
}
