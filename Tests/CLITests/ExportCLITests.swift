import Foundation
import Testing

@Suite struct ExportCLITests {
    @Test func exportWritesEachFormatAndExplainsFailures() throws {
        let folder = try CLI.temporaryDirectory()
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes.appendingPathComponent("tcp"), withIntermediateDirectories: true)
        try Data(
            """
            # Timers

            ## Why does TIME_WAIT last 2MSL?

            To absorb late segments of the old connection.

            In slow start cwnd {{c1::doubles}} every {{c2::RTT}}.
            """.utf8
        ).write(to: notes.appendingPathComponent("tcp/timers.md"))
        let db = folder.appendingPathComponent("kb.sqlite").path
        let imported = try CLI.run(["import", notes.path, "--db", db, "--no-builtin", "--quiet"])
        #expect(imported.status == 0)

        let apkg = folder.appendingPathComponent("cards.apkg").path
        let anki = try CLI.run(["export", "anki", "--out", apkg, "--db", db, "--no-builtin", "--json"])
        #expect(anki.status == 0, "\(anki.stderr)")
        let summary = try #require(try CLI.jsonLines(anki.stdout).first)
        #expect(summary["format"] as? String == "anki")
        #expect(summary["notes"] as? Int == 2 && summary["cards"] as? Int == 3)
        #expect(try Data(contentsOf: URL(fileURLWithPath: apkg)).prefix(2) == Data("PK".utf8))

        let csv = try CLI.run([
            "export", "csv", "--out", folder.appendingPathComponent("cards.txt").path, "--db", db, "--no-builtin",
        ])
        #expect(csv.status == 0)
        #expect(csv.stderr.hasPrefix("wrote 2 notes (3 cards) to "))
        let markdown = try CLI.run([
            "export", "md", "--out", folder.appendingPathComponent("print").path, "--db", db, "--no-builtin",
        ])
        #expect(markdown.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("print/tcp.md").path))

        let typo = try CLI.run(["export", "anki", "--out", apkg, "--topic", "tpc", "--db", db, "--no-builtin"])
        #expect(typo.status == 1)
        #expect(typo.stderr == "netprep: no topic 'tpc'; did you mean 'tcp'?\n")
        let nowhere = try CLI.run(["export", "anki", "--out", "/nonexistent-folder/x.apkg", "--db", db, "--no-builtin"])
        #expect(nowhere.status == 64)
        let empty = try CLI.run([
            "export", "csv", "--out", folder.appendingPathComponent("e.txt").path, "--db",
            folder.appendingPathComponent("empty.sqlite").path, "--no-builtin",
        ])
        #expect(empty.status == 1 && empty.stderr.contains("no cards to export"))
    }
}
