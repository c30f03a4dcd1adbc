import Basics
import Crypto
import Foundation
import GRDB
import Notes
import Testing

@testable import Store

/// The records of the note, topic and card tables: what an import writes through them, read
/// back through them, and the card's own rule for a second reading of its note.
@Suite struct RecordsTests {
    private static let note = """
        ---
        id: tcp.handshake
        title: TCP three-way handshake
        aliases: [三次握手, SYN handshake]
        tags: [tcp, transport]
        ---
        # TCP three-way handshake

        ## Why three segments? {#why-three}

        Both sides must confirm that the other received its ISN.

        ## Sequence numbers

        SYN seq=x; SYN+ACK seq=y ack=x+1. See [teardown](teardown.md) and [[tcp.state-machine]].

        ```demo
        tcp.handshake --loss 0.2
        ```
        """

    private func imported() throws -> (database: AppDatabase, file: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("handshake.md").path
        try Data(Self.note.utf8).write(to: URL(fileURLWithPath: file))
        let database = try AppDatabase.inMemory()
        _ = try Importer(database: database).importPaths([folder.path], origin: .user)
        return (database, file, folder)
    }

    @Test func anImportWritesEachTableThroughItsRecord() throws {
        let (database, file, folder) = try imported()
        defer { try? FileManager.default.removeItem(at: folder) }
        try database.writer.read { db in
            let notes = try NoteRecord.fetchAll(db)
            #expect(notes.count == 1)
            let note = try #require(notes.first)
            #expect(note.key == "tcp.handshake" && note.language == .en && note.origin == .user)
            #expect(note.file == file && note.root == folder.path && note.title == "TCP three-way handshake")
            #expect(note.hash == SHA256.hash(data: Data(Self.note.utf8)).map { String(format: "%02x", $0) }.joined())
            #expect(note.size == Int64(Self.note.utf8.count) && note.parser == NoteParser.version)
            #expect(note.body.contains("Both sides must confirm"))

            let topics = try TopicRecord.order(TopicRecord.Columns.id).fetchAll(db)
            #expect(topics.map(\.key) == ["tcp.handshake", "tcp.handshake#why-three", "tcp.handshake#sequence-numbers"])
            #expect(topics.map(\.kind) == [.note, .heading, .heading])
            #expect(topics.map(\.position) == [0, 1, 2])
            #expect(topics.allSatisfy { $0.noteID == note.id && $0.language == .en })
            #expect(topics[0].parentID == nil && topics[1].parentID == topics[0].id && topics[2].parentID == topics[0].id)
            #expect(topics[2].path == ["TCP three-way handshake", "Sequence numbers"])
            #expect(topics[0].searchAliases == "三次握手 ; SYN handshake" && topics[0].searchTitle == nil)
            #expect(topics[1].searchAliases == "")

            let aliases = try AliasRecord.fetchAll(db)
            #expect(
                aliases == [
                    AliasRecord(topicID: topics[0].id!, alias: "三次握手"),
                    AliasRecord(topicID: topics[0].id!, alias: "SYN handshake"),
                ])
            #expect(try TagRecord.fetchAll(db).map(\.tag) == ["tcp", "transport"])
            let edges = try EdgeRecord.fetchAll(db)
            #expect(edges.allSatisfy { $0.fromTopic == topics[2].id && $0.kind == .link })
            #expect(
                Set(edges.map(\.target)) == ["file:" + folder.appendingPathComponent("teardown.md").path, "tcp.state-machine"])

            let cards = try CardRecord.fetchAll(db)
            #expect(cards.map(\.id) == ["tcp.handshake#why-three"])
            #expect(cards.first?.kind == .basic && cards.first?.topic == "tcp.handshake#why-three")
            let texts = try CardTextRecord.fetchAll(db)
            #expect(texts.count == 1)
            #expect(texts.first?.noteID == note.id && texts.first?.language == .en && texts.first?.position == 0)
            #expect(texts.first?.prompt == "Why three segments?")
            #expect(texts.first?.answer.contains("received its ISN") == true)
        }
    }

    @Test func eachRecordReadsBackWhatItWrote() throws {
        let database = try AppDatabase.inMemory()
        try database.writer.write { db in
            var note = NoteRecord(
                key: "k", language: .zh, file: "/n/k.md", origin: .builtin, root: "/n", title: "标题", hash: "ab", size: 7,
                mtime: 1.5, body: "正文", indexedAt: 2.5, parser: 3)
            // What an import writes (`insertRow`) and what GRDB writes (`insert`) read back the same.
            note.id = try note.insertRowForID(db)
            #expect(try NoteRecord.fetchOne(db, key: note.id) == note)
            var second = note
            second.id = nil
            second.file = "/n/k2.md"
            try second.insert(db)
            #expect(second.id == note.id! + 1)
            #expect(try NoteRecord.fetchOne(db, key: second.id) == second)
            var topic = TopicRecord(
                key: "k#a", language: .zh, noteID: note.id!, parentID: nil, title: "a/\"b\"", path: ["标题", "a/\"b\""],
                kind: .item, line: 4, position: 1, body: "x", searchTitle: "", searchAliases: "y ; z")
            topic.id = try topic.insertRowForID(db)
            #expect(try TopicRecord.fetchOne(db, key: topic.id) == topic)
            let edge = EdgeRecord(fromTopic: topic.id!, kind: .prereq, target: "tcp", line: 2)
            try edge.insert(db)
            #expect(try EdgeRecord.fetchAll(db) == [edge])
            let card = CardRecord(id: "k#a", kind: .cloze, topic: "k#a", demo: "tcp.handshake --loss 0.2", createdAt: 9)
            try card.insert(db)
            #expect(try CardRecord.fetchOne(db, key: "k#a") == card)
            let text = CardTextRecord(
                cardID: "k#a", language: .zh, noteID: note.id!, prompt: "p", answer: "a", line: 4, position: 0)
            try text.insertRow(db)
            #expect(try CardTextRecord.fetchAll(db) == [text])
            var reworded = text
            reworded.prompt = "p2"
            try reworded.insertRow(db, onConflict: .replace)
            #expect(try CardTextRecord.fetchAll(db) == [reworded])
            let rename = CardRenameRecord(newID: "k#b", oldID: "k#a")
            try rename.insert(db)
            #expect(try CardRenameRecord.fetchOne(db, key: "k#b") == rename)
            let root = ImportRootRecord(path: "/n", origin: .builtin, addedAt: 3)
            try root.insert(db)
            #expect(try ImportRootRecord.fetchAll(db) == [root])
        }
    }

    @Test func eachRecordListsEveryColumnOfItsTable() throws {
        let database = try AppDatabase.inMemory()
        let records: [any ColumnListRecord.Type] = [
            NoteRecord.self, ImportRootRecord.self, TopicRecord.self, AliasRecord.self, TagRecord.self, EdgeRecord.self,
            CardRecord.self, CardTextRecord.self, CardRenameRecord.self, CardStateRecord.self, SettingRecord.self,
        ]
        try database.writer.read { db in
            for record in records {
                let names = record.columns.names
                let table = try db.columns(in: record.databaseTableName).map(\.name)
                #expect(Set(table) == Set(names), "\(record)")
                #expect(Set(names).count == names.count, "\(record)")
            }
        }
    }

    /// A card outlives its note: read again, it takes the new kind, topic and demo and keeps
    /// the time it was first seen.
    @Test func aCardReadAgainKeepsWhenItWasFirstSeen() throws {
        let database = try AppDatabase.inMemory()
        try database.writer.write { db in
            try CardRecord(id: "c", kind: .basic, topic: "t", demo: nil, createdAt: 100).insertOrUpdate(db)
            try CardRecord(id: "c", kind: .cloze, topic: "u", demo: "arp.resolve", createdAt: 200).insertOrUpdate(db)
            #expect(
                try CardRecord.fetchAll(db) == [
                    CardRecord(id: "c", kind: .cloze, topic: "u", demo: "arp.resolve", createdAt: 100)
                ])
            try CardRecord(id: "d", kind: .generated, topic: "t", demo: nil, createdAt: 300).insertOrUpdate(db)
            #expect(try CardRecord.fetchCount(db) == 2)
            #expect(try CardRecord.fetchOne(db, key: "d")?.createdAt == 300)
        }
    }
}

/// A card's state is a `CardState` from the row to the scheduler and back, written as the same
/// text as before.
@Suite struct CardStateTextTests {
    @Test func theReviewLogsJSONKeepsItsText() throws {
        let state = StoredCardState(
            state: .relearning, step: 1, stability: 2.5, difficulty: 6, due: 10, lastReview: 5, reps: 3, lapses: 1)
        let json = try ReviewRecord.encode(state)
        #expect(json.contains(#""state":"relearning""#))
        #expect(try ReviewRecord.decode(json) == state)
        #expect(state.memoryCard.state == .relearning)
    }

    /// A hand-edited row: the most ordinary case, as every typed value the store reads back.
    @Test func aStateNetprepDidNotWriteReadsAsLearning() throws {
        let json = #"{"difficulty":5,"due":10,"lapses":0,"reps":1,"stability":2,"state":"suspended"}"#
        #expect(try ReviewRecord.decode(json).state == .learning)
        let database = try AppDatabase.inMemory()
        try database.writer.write { db in
            try CardRecord(id: "c", kind: .basic, topic: "t", demo: nil, createdAt: 0).insertRow(db)
            try db.execute(sql: "INSERT INTO card_state (card_id, state, due) VALUES ('c', 'suspended', 10)")
            #expect(try CardStateRecord.fetchOne(db, key: "c")?.state.state == .learning)
        }
    }
}
