import Foundation
import Testing

/// `backup`, `restore` and `doctor` as a learner runs them.
@Suite struct SafetyCLITests {
    @Test func backupRestoreAndDoctorKeepTheReviews() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("netprep.sqlite").path
        let card = "tcp.handshake#why-three"
        for day in 1...3 {
            let answered = try CLI.run(["review", card, "good", "--at", "2026-01-0\(day)T10:00:00Z", "--db", db])
            #expect(answered.status == 0, "\(answered.stderr)")
        }
        let backup = folder.appendingPathComponent("copy.sqlite").path
        let saved = try CLI.run(["backup", backup, "--db", db])
        #expect(saved.status == 0 && saved.stdout.hasPrefix("Backed up 3 reviews of 1 cards"), "\(saved.stdout)")
        #expect(try CLI.run(["backup", db, "--db", db]).status == 64)

        _ = try CLI.run(["review", card, "again", "--at", "2026-01-09T10:00:00Z", "--db", db])
        let restored = try CLI.run(["restore", backup, "--db", db, "--json"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try CLI.jsonLines(restored.stdout).first?["reviews"] as? Int == 3)
        let aside = try CLI.run(["backup", folder.appendingPathComponent("x.sqlite").path, "--db", db + ".before-restore"])
        #expect(aside.stdout.hasPrefix("Backed up 4 reviews"), "\(aside.stdout)")

        let healthy = try CLI.run(["doctor", "--db", db])
        #expect(healthy.status == 0 && !healthy.stdout.contains("PROBLEM"), "\(healthy.stdout)")
        let notABackup = folder.appendingPathComponent("notes.txt")
        try "hello".write(to: notABackup, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["restore", notABackup.path, "--db", db])
        #expect(refused.status == 1 && refused.stderr.contains("is not a readable netprep backup"), "\(refused.stderr)")
    }

    @Test func aDamagedFileIsFoundAndSalvaged() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("netprep.sqlite").path
        for day in 1...5 {
            _ = try CLI.run(["review", "tcp.handshake#why-three", "good", "--at", "2026-01-0\(day)T10:00:00Z", "--db", db])
        }
        // The search index's pages sit in the middle of the file: overwrite a stretch of them.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: db))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2 / 4096 * 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 3 * 4096))
        try handle.close()
        let found = try CLI.run(["doctor", "--db", db, "--no-builtin"])
        #expect(found.status == 1)
        #expect(found.stdout.contains("PROBLEM  database file") && found.stdout.contains("--salvage"), "\(found.stdout)")
        let salvaged = try CLI.run(["doctor", "--salvage", "--db", db])
        #expect(salvaged.status == 0, "\(salvaged.stderr)")
        #expect(salvaged.stdout.contains("review: 5 rows"), "\(salvaged.stdout)")
        #expect(FileManager.default.fileExists(atPath: db + ".damaged"))
        let after = try CLI.run(["doctor", "--db", db])
        #expect(after.status == 0, "\(after.stdout)")
        let search = try CLI.run(["search", "三次握手", "--db", db, "--limit", "1"])
        #expect(search.stdout.contains("tcp.handshake"))
    }
}
