import Foundation
import GRDB
import Store
import Testing
import ZIPFoundation

@testable import Anki
@testable import Export

/// `netprep import FILE.apkg` reads someone else's file: a hostile package is refused or read
/// safely, never writing outside the database.
@Suite struct HostilePackageTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A legacy package of the fixture's cards, with `change` applied to its collection file
    /// before it is zipped, and `extra` entries added.
    static func package(
        in folder: URL, change: (Database) throws -> Void = { _ in }, extra: [(String, Data)] = []
    ) throws -> (URL, ExportFixture) {
        let fixture = try ExportFixture()
        let package = AnkiPackage(now: fixture.now)
        let (rows, _) = package.collectionRows(for: try fixture.database.exportCards(ExportSelection()))
        let plain = folder.appendingPathComponent("plain.apkg")
        try package.write(rows, media: MediaFiles(), to: plain)
        // Unpack the collection, change it, and pack it again with the extra entries.
        let collection = folder.appendingPathComponent("collection.anki2")
        _ = try Archive(url: plain, accessMode: .read).extract(
            try #require(try Archive(url: plain, accessMode: .read)["collection.anki2"]), to: collection)
        let queue = try DatabaseQueue(path: collection.path)
        try queue.writeWithoutTransaction { db in try change(db) }
        try queue.close()
        let url = folder.appendingPathComponent("hostile.apkg")
        let archive = try Archive(url: url, accessMode: .create)
        try archive.addEntry(with: "collection.anki2", fileURL: collection, compressionMethod: .deflate)
        for (name, data) in extra {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return (url, fixture)
    }

    @Test func aZipBombIsRefusedBeforeItFillsTheDisk() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bomb.apkg")
        let archive = try Archive(url: url, accessMode: .create)
        // 256 MB of zeros compress to a few hundred kB.
        let size: Int64 = 256 << 20
        try archive.addEntry(with: "collection.anki2", type: .file, uncompressedSize: size, compressionMethod: .deflate) {
            _, chunk in Data(count: chunk)
        }
        let packed = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(packed < 2 << 20)
        var importer = AnkiHistoryImport(database: try AppDatabase.inMemory())
        importer.maximumCollectionBytes = 64 << 20
        #expect {
            try importer.importReviews(from: url)
        } throws: { error in
            "\(error)".contains("unpacks to more than 64 MB")
        }
    }

    /// Found by the fuzzer (Fuzz/FuzzAnkiPackage): a deflate stream cut short made ZIPFoundation's
    /// reader loop for ever; the collection is now inflated with bounded input and output.
    @Test func aCollectionCutShortIsRefusedNotReadForever() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (good, fixture) = try Self.package(in: folder)
        var bytes = try Data(contentsOf: good)
        // Halve the collection's compressed size in the central directory (offset 20 of the
        // entry that names collection.anki2).
        let name = Data("collection.anki2".utf8)
        var entry = bytes.startIndex
        while let found = bytes[entry...].firstRange(of: Data([0x50, 0x4B, 0x01, 0x02])) {
            if bytes[(found.lowerBound + 46)...].starts(with: name) {
                entry = found.lowerBound
                break
            }
            entry = found.upperBound
        }
        let sizeAt = entry + 20
        let size = bytes[sizeAt..<sizeAt + 4].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let half = size / 2
        for index in 0..<4 { bytes[sizeAt + index] = UInt8((half >> (8 * index)) & 0xFF) }
        let cut = folder.appendingPathComponent("cut.apkg")
        try bytes.write(to: cut)
        #expect(throws: ExportError.cannotRead(path: cut.path, reason: "the collection inside is damaged")) {
            try AnkiHistoryImport(database: fixture.database).importReviews(from: cut)
        }
    }

    @Test func entriesThatClimbOutOfTheFolderAreNeverWritten() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let escape = "netprep-escape-\(UUID().uuidString).txt"
        let absolute = "/tmp/netprep-absolute-\(UUID().uuidString).txt"
        let (url, fixture) = try Self.package(
            in: folder, extra: [("../../../../\(escape)", Data("x".utf8)), (absolute, Data("y".utf8)), ("0", Data("z".utf8))])
        let report = try AnkiHistoryImport(database: fixture.database).importReviews(from: url)
        #expect(report.matchedNotes > 0)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/\(escape)"))
        #expect(!FileManager.default.fileExists(atPath: "/\(escape)"))
        #expect(!FileManager.default.fileExists(atPath: absolute))
    }

    @Test func fieldsWithHTMLAndSQLAreOnlyData() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (url, fixture) = try Self.package(in: folder) { db in
            try db.execute(
                sql: """
                    INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
                    VALUES (7, ?, 1, 1, -1, '', ?, '', 0, 0, '')
                    """, arguments: ["'; DROP TABLE review; --", "<script>alert(1)</script>\u{1F}<img src=x onerror=alert(2)>"])
            try db.execute(
                sql: """
                    INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
                    VALUES (8, 7, 1, 0, 1, -1, 2, 2, 1, 1, 2500, 1, 0, 0, 0, 0, 0, '');
                    INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
                    VALUES (1700000000000, 8, -1, 3, 1, 0, 2500, 5000, 1);
                    """)
        }
        let before = try ReviewStore(fixture.database).reviewCount()
        let report = try AnkiHistoryImport(database: fixture.database).importReviews(from: url)
        #expect(report.foreignNotes == 1)
        #expect(try ReviewStore(fixture.database).reviewCount() == before)
    }

    @Test(arguments: ["UPDATE col SET ver = 18", "DROP TABLE revlog; CREATE VIEW revlog AS SELECT * FROM cards"])
    func aCollectionOfAnotherSchemaIsRefused(change: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (url, fixture) = try Self.package(in: folder) { db in try db.execute(sql: change) }
        let before = try ReviewStore(fixture.database).reviewCount()
        #expect(
            throws: ExportError.cannotRead(path: url.path, reason: "its collection is not one Anki's legacy format describes")
        ) {
            try AnkiHistoryImport(database: fixture.database).importReviews(from: url)
        }
        #expect(try ReviewStore(fixture.database).reviewCount() == before)
    }

    @Test func answersFromBeforeAnkiOrFromTheFutureAreLeftOut() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (url, fixture) = try Self.package(in: folder) { db in
            let card = try Int64.fetchOne(db, sql: "SELECT id FROM cards LIMIT 1")!
            for id in [Int64(1), Int64(4_000_000_000_000)] {
                try db.execute(
                    sql:
                        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?, ?, -1, 3, 1, 0, 2500, -5, 1)",
                    arguments: [id, card])
            }
        }
        let report = try AnkiHistoryImport(database: fixture.database).importReviews(from: url)
        #expect(report.importedReviews == 0)
    }
}
