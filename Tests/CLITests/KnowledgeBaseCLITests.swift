import Foundation
import Testing

@Suite(.serialized) struct KnowledgeBaseCLITests {
    private func notes() throws -> (folder: URL, db: String) {
        let folder = try CLI.temporaryDirectory()
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes.appendingPathComponent("tcp"), withIntermediateDirectories: true)
        try Data(
            """
            ##网络基础

            - 三次握手的过程？
                - SYN、SYN+ACK、ACK
            ####拥塞
            慢启动和拥塞避免。

            ![图](https://example.com/x.png)
            """.utf8
        ).write(to: notes.appendingPathComponent("tcp/握手.md"))
        try Data([0x23, 0x20, 0x78, 0x0A, 0xFF, 0xFE]).write(to: notes.appendingPathComponent("broken.md"))
        return (notes, folder.appendingPathComponent("kb.sqlite").path)
    }

    @Test func importWarnsWithFileAndLineAndSkipsBadFiles() throws {
        let (notes, db) = try notes()
        let result = try CLI.run(["import", notes.path, "--db", db, "--no-builtin"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("tcp/握手.md:1: warning: heading needs a space after '##'"))
        #expect(result.stderr.contains("tcp/握手.md:5: warning: heading needs a space after '####'"))
        // Remote images are normal in notes: not a warning.
        #expect(!result.stderr.contains("remote image"))
        #expect(result.stderr.contains("broken.md:2: skipped: not valid UTF-8"))
        #expect(result.stderr.contains("2 files: 1 new, 0 updated, 0 unchanged, 1 skipped"))
        let again = try CLI.run(["import", "--db", db, "--no-builtin", "--json"])
        let summary = try #require(try CLI.jsonLines(again.stdout).first)
        #expect(summary["unchanged"] as? Int == 1)
        #expect(summary["added"] as? Int == 0)
    }

    @Test func repeatedWarningsAreOneLinePerKindAndFileUnlessVerbose() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("questions.md")
        let questions = (1...6).map { "- 问题 \($0) 是什么？" }.joined(separator: "\n")
        try Data("# 待整理\n\n\(questions)\n".utf8).write(to: file)
        let db = folder.appendingPathComponent("kb.sqlite").path
        let result = try CLI.run(["import", file.path, "--db", db, "--no-builtin"])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("question has no answer") }
        #expect(lines.count == 1)
        #expect(
            lines.first?.contains(
                "questions.md:3: warning: question has no answer below it (and 5 more like it: lines 3, 4, 5, 6, 7, 8") == true)
        #expect(result.stderr.contains("1 file: 1 new, 0 updated, 0 unchanged; 6 warnings"))
        try Data("# 待整理\n\n\(questions)\n\n改了\n".utf8).write(to: file)
        let verbose = try CLI.run(["import", file.path, "--db", db, "--no-builtin", "--verbose"])
        #expect(verbose.stderr.split(separator: "\n").filter { $0.contains("question has no answer") }.count == 6)
    }

    @Test func lintShowsTheTreeCardsAndFixesWithoutImporting() throws {
        let (notes, db) = try notes()
        let file = notes.appendingPathComponent("tcp/握手.md").path
        let result = try CLI.run(["lint", file])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("id 握手 · zh, 4 topics, 1 card, 2 warnings") == true)
        #expect(lines.contains("3    - 三次握手的过程？  [card]"))
        #expect(lines.contains("5    - 拥塞"))
        #expect(lines.contains("1  warning: heading needs a space after '##'; read as a heading"))
        let explained = try CLI.run(["import", "--explain", file, "--db", db, "--json"])
        let note = try #require(try CLI.jsonLines(explained.stdout).first)
        #expect((note["cards"] as? [[String: Any]])?.first?["prompt"] as? String == "三次握手的过程？")
        #expect((note["topics"] as? [[String: Any]])?.map { $0["line"] as? Int } == [1, 1, 3, 5])
        // Nothing was imported.
        let search = try CLI.run(["search", "拥塞", "--db", db, "--no-builtin", "--json"])
        #expect(search.stdout.isEmpty)
        let missing = try CLI.run(["lint", notes.appendingPathComponent("nope.md").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no such file or folder"))
    }

    @Test func lintAndImportSayWhatIsWrongWithADemoCall() throws {
        let folder = try CLI.temporaryDirectory()
        try """
        ---
        id: calls
        ---
        # Calls

        ```demo tcp.handshake --loss 7
        ```

        ```demo tcp.handshak
        ```

        ```demo tcp.handshake --nope 1
        ```

        ```demo tcp.congestion --algorithm cubic --seed 4
        ```
        """.write(to: folder.appendingPathComponent("calls.md"), atomically: true, encoding: .utf8)
        let lint = try CLI.run(["lint", folder.path])
        #expect(lint.status == 0)
        #expect(lint.stdout.contains(" 6  warning: demo tcp.handshake --loss 7: --loss must be between 0.0 and 0.9"))
        #expect(lint.stdout.contains(" 9  warning: unknown demo 'tcp.handshak'; did you mean 'tcp.handshake'?"))
        #expect(lint.stdout.contains("warning: demo tcp.handshake --nope 1: Unknown option '--nope'"))
        // A good call, --seed included, says nothing.
        #expect(!lint.stdout.contains("tcp.congestion"))
        let db = folder.appendingPathComponent("db.sqlite").path
        let imported = try CLI.run(["import", folder.path, "--db", db, "--no-builtin"])
        #expect(imported.status == 0)
        #expect(imported.stderr.contains("calls.md:6: warning: demo tcp.handshake --loss 7"))
    }

    @Test func theReadersLanguageIsTheLocaleOrSavedOnce() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("kb.sqlite").path
        func languages(_ arguments: [String], environment: [String: String] = [:]) throws -> [String: String] {
            let result = try CLI.run(
                ["search", "handshake", "--db", db, "--json", "--limit", "20"] + arguments, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            var found: [String: String] = [:]
            for hit in try CLI.jsonLines(result.stdout) where hit["id"] as? String == "tcp.handshake" {
                found[hit["lang"] as! String, default: ""] += "x"
            }
            return found
        }
        #expect(try languages([]) == ["en": "x"])
        #expect(try languages([], environment: ["LANG": "zh_CN.UTF-8"]) == ["zh": "x"])
        #expect(try languages(["--all-langs"]) == ["en": "x", "zh": "x"])
        let saved = try CLI.run(["config", "lang", "zh", "--db", db])
        #expect(saved.stdout == "lang = zh  (saved)\n")
        #expect(try languages([]) == ["zh": "x"])
        #expect(try languages(["--lang", "en"]) == ["en": "x"])
        let shown = try CLI.run(["show", "tcp.handshake", "--db", db])
        #expect(shown.stdout.contains("TCP 三次握手"))
        let quiz = try CLI.run(["quiz", "--db", db, "--topic", "tcp.handshake", "--limit", "1", "--seed", "1"], stdin: "q\n")
        #expect(quiz.stdout.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(quiz.stdout)")
        let english = try CLI.run(
            ["quiz", "--db", db, "--topic", "tcp.handshake", "--limit", "1", "--seed", "1", "--lang", "en"], stdin: "q\n")
        #expect(!english.stdout.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(english.stdout)")
        #expect(try CLI.run(["config", "lang", "auto", "--db", db]).stdout == "lang = en  (from the locale, LANG=en_US.UTF-8)\n")
        let wrong = try CLI.run(["config", "lang", "fr", "--db", db])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("lang is en, zh or auto"))
    }

    @Test func noCommandButImportReadsNoteFilesWhenTheIndexIsCurrent() throws {
        let folder = try CLI.temporaryDirectory()
        let content = folder.appendingPathComponent("content")
        try FileManager.default.copyItem(at: GoldenOutputTests.checkout.appendingPathComponent("content"), to: content)
        let db = folder.appendingPathComponent("kb.sqlite").path
        let environment = ["NETPREP_CONTENT": content.path]
        func hits() throws -> Int {
            let result = try CLI.run(["search", "handshake", "--db", db, "--json"], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").count
        }
        #expect(try hits() > 0)
        // Every note file gone, the stamp unchanged: the index is current, nothing is read.
        for language in ["en", "zh"] {
            let folder = content.appendingPathComponent(language)
            for file in FileManager.default.enumerator(atPath: folder.path)!.compactMap({ $0 as? String })
            where file.hasSuffix(".md") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(file))
            }
        }
        #expect(try hits() > 0)
        #expect(try CLI.run(["show", "tcp.handshake", "--db", db], environment: environment).status == 0)
        // A new stamp makes the next command look again: the notes are gone.
        try Data("changed\n".utf8).write(to: content.appendingPathComponent("STAMP"))
        #expect(try hits() == 0)
    }

    /// The built-in notes read from another folder (a moved or second checkout) replace the
    /// ones read before: results name the files that exist, each topic once, reviews kept.
    @Test func builtInNotesFromAnotherFolderReplaceTheOldOnes() throws {
        let folder = try CLI.temporaryDirectory()
        let first = folder.appendingPathComponent("first/content")
        let second = folder.appendingPathComponent("second/content")
        for copy in [first, second] {
            try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: GoldenOutputTests.checkout.appendingPathComponent("content"), to: copy)
        }
        let db = folder.appendingPathComponent("kb.sqlite").path
        /// Each hit as (topic and language, file).
        func hits(_ content: URL) throws -> [(key: String, file: String)] {
            let result = try CLI.run(
                ["search", "three-way handshake", "--db", db, "--json", "--all-langs", "--limit", "50"],
                environment: ["NETPREP_CONTENT": content.path])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }.map { ("\($0["id"] ?? "") \($0["lang"] ?? "")", $0["file"] as? String ?? "") }
        }
        #expect(try hits(first).allSatisfy { $0.file.hasPrefix(first.path) })
        let review = try CLI.run(
            ["review", "tcp.handshake#why-three", "good", "--db", db], environment: ["NETPREP_CONTENT": first.path])
        #expect(review.status == 0, "\(review.stderr)")
        let moved = try hits(second)
        #expect(!moved.isEmpty && moved.allSatisfy { $0.file.hasPrefix(second.path) }, "\(moved)")
        #expect(Set(moved.map(\.key)).count == moved.count, "a topic listed twice: \(moved)")
        let cards = try CLI.run(
            ["cards", "--topic", "tcp.handshake", "--db", db, "--json"], environment: ["NETPREP_CONTENT": second.path])
        let reviewed = cards.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }.filter { $0["id"] as? String == "tcp.handshake#why-three" }
        #expect(reviewed.count == 1 && reviewed.first?["reps"] as? Int == 1, "\(reviewed)")
    }

    @Test func versionIsPrinted() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("netprep 0."))
        #expect(result.stdout.contains("notes parser"))
    }

    @Test func aDemosOwnVersionOptionReachesTheDemo() throws {
        let tls = try CLI.run(["demo", "run", "tls.handshake", "--version", "1.2", "--resume"])
        #expect(tls.status == 0)
        #expect(tls.stdout.contains("TLS 1.2"))
        #expect(!tls.stdout.contains("notes parser"))
        let page = try CLI.run(["demo", "run", "http.versions", "--version", "2"])
        #expect(page.status == 0)
        #expect(!page.stdout.contains("notes parser"))
    }

    /// `--svg FILE` draws the same run as the terminal shows (a ladder or a chart), with the
    /// demo's own options.
    @Test func demoRunDrawsItsPictureToSVG() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("syn.svg").path
        let plain = try CLI.run(["demo", "run", "tcp.handshake", "--lose", "syn"])
        let drawn = try CLI.run(["demo", "run", "tcp.handshake", "--lose", "syn", "--svg", file])
        #expect(drawn.status == 0, "\(drawn.stderr)")
        #expect(drawn.stdout == plain.stdout)
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("class=\"message lost\"") && svg.contains("(re) SYN seq="))
        let checksum = try CLI.run(["demo", "run", "tcp.checksum", "--svg", file])
        #expect(checksum.status == 1)
        #expect(checksum.stderr.contains("draws no picture") && checksum.stderr.contains("tls.handshake"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == svg)
        let live = try CLI.run(["demo", "run", "tcp.self-connect", "--live", "--svg", file])
        #expect(live.status == 64)
        let help = try CLI.run(["demo", "run", "dns.resolve", "--help"])
        #expect(help.stdout.contains("--svg FILE"))
        let cwnd = try CLI.run(["demo", "run", "tcp.congestion", "--svg", file])
        #expect(cwnd.status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("<polyline class=\"series\""))
    }

    @Test func demoRunHelpListsTheDemosOwnOptions() throws {
        let result = try CLI.run(["demo", "run", "tcp.rto", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: RFC 6298 retransmission timer"))
        #expect(result.stdout.contains("USAGE: netprep demo run tcp.rto [--samples <s,...>]"))
        #expect(result.stdout.contains("  --samples <s,...>       RTT samples in seconds"))
        #expect(result.stdout.contains("--max-rto <seconds>     Upper bound of RTO. (default: 60.0)"))
        #expect(result.stdout.contains("  --seed <seed>"))
        let framing = try CLI.run(["demo", "run", "tcp.framing", "-h"])
        #expect(framing.stdout.contains("Add --live") && framing.stdout.contains("--cuts <n,...>"))
        // The live run's options are its own.
        let live = try CLI.run(["demo", "run", "tcp.framing", "--live", "--help"])
        #expect(live.stdout.contains("USAGE: netprep demo run tcp.framing --live") && live.stdout.contains("--first <text>"))
        #expect(!live.stdout.contains("--cuts"))
        // A mistake in a demo's options is named, with a suggestion, and exits 64.
        let typo = try CLI.run(["demo", "run", "tcp.rto", "--max-rtoo", "3"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("Unknown option '--max-rtoo'. Did you mean '--max-rto'?"))
        let range = try CLI.run(["demo", "run", "tcp.rto", "--max-rto", "0.5"])
        #expect(range.status == 64 && range.stderr.contains("--max-rto must be between 1.0 and 600.0"))
        // A name that is no demo gets the command's own help.
        let unknown = try CLI.run(["demo", "run", "tcp.rtoo", "--help"])
        #expect(unknown.stdout.hasPrefix("OVERVIEW: Run one demo"))
    }

    /// Each command is parsed on its own (skipping the parse as a completion-script request);
    /// help and mistakes still read as under `netprep`, and the root's own words still work.
    @Test func everyCommandReadsItsMistakesAndHelpAsUnderNetprep() throws {
        let names = [
            "today", "quiz", "review", "stats", "search", "import", "lint", "topics", "cards", "show", "demo", "export",
            "fsrs", "config", "backup", "restore", "doctor", "bench", "serve",
        ]
        for name in names {
            let result = try CLI.run([name, "--no-such-option"])
            #expect(result.status == 64, "\(name)")
            #expect(result.stderr.hasPrefix("Error: "), "\(name): \(result.stderr)")
            #expect(result.stderr.contains("See 'netprep \(name) --help' for more information."), "\(name): \(result.stderr)")
            // Its help on its own reads as the whole parser's `netprep help NAME`.
            let help = try CLI.run([name, "--help"])
            #expect(help.status == 0 && help.stdout.contains("USAGE: netprep \(name)"), "\(name)")
            let whole = try CLI.run(["help", name])
            #expect(help.stdout == whole.stdout, "\(name)")
        }
        let rootHelp = try CLI.run(["--help"])
        #expect(rootHelp.status == 0 && rootHelp.stdout.contains("SUBCOMMANDS:") && rootHelp.stdout.contains("  today"))
        let short = try CLI.run(["-h"])
        let word = try CLI.run(["help"])
        #expect(rootHelp.stdout == short.stdout && rootHelp.stdout == word.stdout)
        let nested = try CLI.run(["fsrs", "optimize", "--bogus"])
        #expect(nested.status == 64 && nested.stderr.contains("See 'netprep fsrs optimize --help'"))
        // An asynchronous command (demo) and a synchronous one, each run on its own.
        let demo = try CLI.run(["demo", "run", "tcp.handshake", "--seed", "1"])
        #expect(demo.status == 0 && demo.stdout.contains("SYN"))
        let topics = try CLI.run(["topics", "--topic", "tcp.handshake"])
        #expect(topics.status == 0 && topics.stdout.contains("tcp.handshake"))
        // What only the root knows.
        let completion = try CLI.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0 && completion.stdout.contains("__netprep_offer_flags_options"))
        let helpCommand = try CLI.run(["help", "today"])
        #expect(helpCommand.status == 0 && helpCommand.stdout.contains("USAGE: netprep today"))
    }

    /// The plain forms of `netprep`, `today`, `show`, `search` and `quiz` are read without ArgumentParser
    /// (`QuickArguments`); `--name=value` always goes to ArgumentParser, so each pair below is read
    /// once each way and must come out the same.
    @Test func globalOptionsBeforeTheCommandReadAsAfterIt() throws {
        let (notes, db) = try notes()
        let imported = try CLI.run(["--db", db, "--no-builtin", "import", notes.path, "--quiet"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let topic = "tcp/握手#三次握手的过程"
        let pairs: [([String], [String])] = [
            (["--db", db, "--no-builtin", "search", "syn", "--json"], ["search", "syn", "--json", "--db", db, "--no-builtin"]),
            (["--db=\(db)", "show", topic, "--no-builtin"], ["show", topic, "--no-builtin", "--db=\(db)"]),
            (["--no-builtin", "--db", db, "topics"], ["topics", "--no-builtin", "--db", db]),
            (["--db", db, "--no-builtin", "cards", "--json"], ["cards", "--json", "--db", db, "--no-builtin"]),
        ]
        for (before, after) in pairs {
            let moved = try CLI.run(before)
            let written = try CLI.run(after)
            #expect(moved.status == 0, "\(before): \(moved.stderr)")
            #expect(moved.stdout == written.stdout, "\(before)")
            #expect(!moved.stdout.isEmpty, "\(before)")
        }
        // With no command after them, the line is the dashboard's, as before.
        let dashboard = try CLI.run(["--db", db, "--no-builtin", "--json"])
        #expect(dashboard.status == 0, "\(dashboard.stderr)")
        #expect(dashboard.stdout == (try CLI.run(["today", "--db", db, "--no-builtin", "--json"])).stdout)
    }

    @Test func plainFormsReadTheSameAsArgumentParser() throws {
        let (notes, db) = try notes()
        _ = try CLI.run(["import", notes.path, "--db", db, "--no-builtin", "--quiet"])
        let topic = "tcp/握手#三次握手的过程"
        let pairs: [([String], [String])] = [
            (["today", "--db", db, "--json", "--new", "3"], ["today", "--db=\(db)", "--json", "--new=3"]),
            (["today", "--db", db, "--no-builtin"], ["today", "--db=\(db)", "--no-builtin"]),
            (["show", topic, "--db", db, "--no-builtin", "--json"], ["show", topic, "--db=\(db)", "--no-builtin", "--json"]),
            (
                ["show", topic, "--lang", "en", "--db", db, "--no-builtin"],
                ["show", topic, "--lang=en", "--db=\(db)", "--no-builtin"]
            ),
            (
                ["search", "syn", "三次", "-l", "2", "--topic", "tcp", "--lang", "zh", "--db", db, "--no-builtin", "--json"],
                ["search", "syn", "三次", "--limit=2", "--topic=tcp", "--lang=zh", "--db=\(db)", "--no-builtin", "--json"]
            ),
            (
                ["search", "syn", "--all-langs", "--db", db, "--no-builtin"],
                ["search", "syn", "--all-langs", "--db=\(db)", "--no-builtin"]
            ),
            (["show", "no.such.topic", "--db", db, "--no-builtin"], ["show", "no.such.topic", "--db=\(db)", "--no-builtin"]),
            (
                [
                    "quiz", "--db", db, "--no-builtin", "--seed", "7", "--limit", "2", "--new", "5", "--lang", "zh",
                    "--retention", "0.85",
                ],
                ["quiz", "--db=\(db)", "--no-builtin", "--seed=7", "--limit=2", "--new=5", "--lang=zh", "--retention=0.85"]
            ),
            (["quiz", "--topic", "tcp", "--db", db, "--seed", "1"], ["quiz", "--topic=tcp", "--db=\(db)", "--seed=1"]),
            (["quiz", "--topic", "nope", "--db", db], ["quiz", "--topic=nope", "--db=\(db)"]),
        ]
        for (plain, full) in pairs {
            let quick = try CLI.run(plain)
            let parsed = try CLI.run(full)
            #expect(quick.stdout == parsed.stdout, "\(plain)")
            #expect(quick.stderr == parsed.stderr, "\(plain)")
            #expect(quick.status == parsed.status, "\(plain)")
        }
        // The two really read alike: each pair printed something of its own.
        #expect(try CLI.run(["show", topic, "--db", db, "--no-builtin"]).stdout.contains("三次握手"))
        #expect(try CLI.run(["show", "no.such.topic", "--db", db, "--no-builtin"]).status != 0)
        // Values that do not convert or check go to ArgumentParser, which names them.
        let new = try CLI.run(["today", "--db", db, "--new", "many"])
        #expect(new.status == 64 && new.stderr.contains("--new"))
        let lang = try CLI.run(["show", topic, "--db", db, "--lang", "fr"])
        #expect(lang.status == 64 && lang.stderr.contains("--lang"))
        let limit = try CLI.run(["search", "syn", "--db", db, "--limit", "0"])
        #expect(limit.status == 64 && limit.stderr.contains("--limit must be between 1 and 1000"))
        #expect(try CLI.run(["quiz", "--db", db, "--no-builtin", "--seed", "7"]).stdout.contains("三次握手的过程"))
        let retention = try CLI.run(["quiz", "--db", db, "--retention", "1.5"])
        #expect(retention.status == 64 && retention.stderr.contains("--retention must be greater than 0"))
        let blank = try CLI.run(["search", " ", "--db", db])
        #expect(blank.status == 64 && blank.stderr.contains("type something to search for"))
    }

    /// `netprep --help` is printed from `RootHelp` at 80 columns and at any width where nothing
    /// wraps; at every width it reads exactly as ArgumentParser writes it (`help netprep` takes
    /// ArgumentParser's path). After a change to a command's abstract, run
    /// scripts/update-root-help.sh.
    @Test func rootHelpReadsAsArgumentParserWritesIt() throws {
        var wrapped: Set<String> = []
        for columns in 60...140 {
            let environment = ["COLUMNS": String(columns)]
            let printed = try CLI.run(["--help"], environment: environment)
            let parsed = try CLI.run(["help", "netprep"], environment: environment)
            #expect(printed.status == 0 && parsed.status == 0)
            #expect(printed.stdout == parsed.stdout, "at \(columns) columns: run scripts/update-root-help.sh")
            wrapped.insert(printed.stdout)
        }
        // The widths differ where they should: narrow help wraps, wide help does not.
        #expect(wrapped.count > 2)
        let unset = try CLI.run(["-h"], environment: ["COLUMNS": "not a number"])
        #expect(unset.stdout == (try CLI.run(["help", "netprep"], environment: ["COLUMNS": "80"])).stdout)
    }

    /// Commands keep their database open until they end (`OpenDatabases`), then close it as
    /// before: the WAL is checkpointed and removed, after a success and after an error.
    @Test func everyCommandClosesItsDatabase() throws {
        let (notes, db) = try notes()
        for arguments in [
            ["import", notes.path, "--db", db, "--no-builtin", "--quiet"], ["today", "--db", db],
            ["show", "no.such.topic", "--db", db], ["topics", "--db", db], ["search", "syn", "--db", db],
        ] {
            _ = try CLI.run(arguments)
            for suffix in ["-wal", "-shm"] {
                #expect(!FileManager.default.fileExists(atPath: db + suffix), "\(arguments[0]) left \(suffix)")
            }
        }
    }

    /// `netprep bench search` on a tiny corpus: every line of its report is there, and the
    /// programs it times come back as soon as they end (no run loop's 50 ms polling).
    @Test func benchSearchReportsEveryMeasure() throws {
        let result = try CLI.run(["bench", "search", "--files", "20", "--megabytes", "1", "--runs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        for line in ["import:", "no-op re-import:", "peak memory:", "search (process):", "start-up:", "--version", "--help"] {
            #expect(result.stdout.contains(line), "\(line)")
        }
        let noop = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("start-up:") })
        let milliseconds = try #require(Double(noop.split(separator: " ").dropLast().last ?? ""))
        #expect(milliseconds < 40, "\(noop)")
    }

    @Test func searchPrintsJSONLinesWithPathsAndMarkedSnippets() throws {
        let (notes, db) = try notes()
        _ = try CLI.run(["import", notes.path, "--db", db, "--no-builtin", "--quiet"])
        let result = try CLI.run(["search", "syn", "--db", db, "--no-builtin", "--json"])
        #expect(result.status == 0)
        let hits = try CLI.jsonLines(result.stdout)
        let first = try #require(hits.first)
        #expect(first["id"] as? String == "tcp/握手#三次握手的过程")
        #expect(first["path"] as? [String] == ["握手", "网络基础", "三次握手的过程？"])
        #expect(first["line"] as? Int == 3)
        #expect((first["file"] as? String)?.hasSuffix("tcp/握手.md") == true)
        #expect((first["snippet"] as? String)?.contains("**SYN**") == true)
        // The file name is the note's title here, so the note itself leads for 握手.
        let byTitle = try CLI.jsonLines(try CLI.run(["search", "握手", "--db", db, "--no-builtin", "--json"]).stdout)
        #expect(byTitle.first?["id"] as? String == "tcp/握手")
        #expect(first["score"] is Double)
    }

    /// `netprep search` reads its plain forms itself (for speed) and hands the rest to
    /// ArgumentParser: both must give the same output, and help and errors stay ArgumentParser's.
    @Test func theQuickSearchPathAndArgumentParserAgree() throws {
        let (notes, db) = try notes()
        _ = try CLI.run(["import", notes.path, "--db", db, "--no-builtin", "--quiet"])
        let quick = try CLI.run(["search", "三次", "握手", "--db", db, "--no-builtin", "--json", "-l", "2", "--lang", "zh"])
        // `--limit=2` is a form only ArgumentParser reads.
        let parsed = try CLI.run(["search", "--limit=2", "--json", "--db=\(db)", "--no-builtin", "--lang=zh", "三次", "握手"])
        #expect(quick.status == 0)
        #expect(quick.stdout == parsed.stdout)
        #expect(try CLI.jsonLines(quick.stdout).count == 2)
        let help = try CLI.run(["search", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: netprep search"))
        let typo = try CLI.run(["search", "tcp", "--limt", "3", "--db", db, "--no-builtin"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("--limt"))
        let badLanguage = try CLI.run(["search", "tcp", "--lang", "fr", "--db", db, "--no-builtin"])
        #expect(badLanguage.status == 64)
    }

    @Test(arguments: ["\"unbalanced", "-", "AND", "*", "'; DROP TABLE note; --", "NEAR(a b", "OR OR"])
    func hostileQueriesNeverShowSQLErrors(_ query: String) throws {
        let (notes, db) = try notes()
        _ = try CLI.run(["import", notes.path, "--db", db, "--no-builtin", "--quiet"])
        let result = try CLI.run(["search", "--db", db, "--no-builtin", "--", query])
        #expect(result.status == 0 || result.status == 1)
        #expect(!result.stderr.lowercased().contains("sql"))
        #expect(!result.stderr.contains("fts5"))
        if result.status == 1 { #expect(result.stderr.hasPrefix("netprep: nothing to search for")) }
    }

    @Test func cardsTopicsAndShowAgree() throws {
        let (notes, db) = try notes()
        _ = try CLI.run(["import", notes.path, "--db", db, "--no-builtin", "--quiet"])
        let cards = try CLI.jsonLines(try CLI.run(["cards", "--db", db, "--no-builtin", "--json"]).stdout)
        #expect(cards.count == 1)
        #expect(cards.first?["kind"] as? String == "basic")
        #expect(cards.first?["prompt"] as? String == "三次握手的过程？")
        #expect(cards.first?["answer"] as? String == "- SYN、SYN+ACK、ACK")
        let topics = try CLI.jsonLines(try CLI.run(["topics", "--db", db, "--no-builtin", "--json"]).stdout)
        #expect(topics.map { $0["id"] as? String } == ["tcp/握手", "tcp/握手#网络基础", "tcp/握手#三次握手的过程", "tcp/握手#拥塞"])
        #expect(topics[2]["parent"] as? String == "tcp/握手#网络基础")
        let show = try CLI.run(["show", "tcp/握手#网络基础", "--db", db, "--no-builtin"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("SYN+ACK"))
        #expect(show.stdout.contains("三次握手的过程？"))
    }

    @Test func unknownTopicSuggestsAndUsageErrorsExit64() throws {
        let (notes, db) = try notes()
        _ = try CLI.run(["import", notes.path, "--db", db, "--no-builtin", "--quiet"])
        let result = try CLI.run(["search", "x", "--topic", "tpc", "--db", db, "--no-builtin"])
        #expect(result.status == 1)
        #expect(result.stderr == "netprep: no topic 'tpc'; did you mean 'tcp'?\n")
        let usage = try CLI.run(["search", "x", "--limit", "0", "--db", db, "--no-builtin"])
        #expect(usage.status == 64)
    }

    @Test func databaseLocationFollowsTheEnvironment() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("env.sqlite").path
        _ = try CLI.run(["topics", "--no-builtin"], environment: ["NETPREP_DB": db])
        #expect(FileManager.default.fileExists(atPath: db))
        let home = folder.appendingPathComponent("xdg")
        _ = try CLI.run(["topics", "--no-builtin"], environment: ["XDG_DATA_HOME": home.path, "NETPREP_DB": ""])
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("netprep/netprep.sqlite").path))
    }

    @Test func aCorruptDatabaseGivesAClearErrorAndIsLeftAlone() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("bad.sqlite")
        let garbage = Data(repeating: 0x41, count: 8192)
        try garbage.write(to: db)
        let result = try CLI.run(["search", "tcp", "--db", db.path, "--no-builtin"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is damaged or not a netprep database"))
        #expect(try Data(contentsOf: db) == garbage)
    }

    @Test func builtInNotesAreIndexedAutomaticallyAndCanBeTurnedOff() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("builtin.sqlite").path
        let result = try CLI.run(["search", "三次握手", "--db", db, "--json", "--limit", "3"])
        #expect(result.status == 0)
        let hits = try CLI.jsonLines(result.stdout)
        #expect(hits.first?["id"] as? String == "tcp.handshake")
        let off = try CLI.run(["search", "三次握手", "--db", db, "--json"], environment: ["NETPREP_BUILTIN": "0"])
        #expect(off.stdout.isEmpty)
    }
}

@Suite struct BuiltinDemoReferenceTests {
    @Test func everyDemoTheBuiltinNotesNameExists() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("demos.sqlite").path
        let demos = try CLI.jsonLines(try CLI.run(["demo", "list", "--json"]).stdout).compactMap { $0["name"] as? String }
        #expect(demos.count >= 20)
        let cards = try CLI.jsonLines(try CLI.run(["cards", "--db", db, "--json"]).stdout)
        #expect(cards.count >= 200)
        let named = cards.compactMap { ($0["demo"] as? String)?.split(separator: " ").first.map(String.init) }
        #expect(!named.isEmpty)
        let unknown = Set(named).subtracting(demos)
        #expect(unknown.isEmpty, "unknown demos: \(unknown.sorted())")
        // And each of them runs.
        for name in Set(named).sorted() {
            let result = try CLI.run(["demo", "run", name, "--json"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
    }
}
