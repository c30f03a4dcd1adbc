import Foundation
import Testing

/// What the command line prints for a fixed set of commands, byte for byte (`Golden/`): the
/// restructure of the package must leave every one of them as it is. After a change meant to
/// alter an output, run the suite once with `NETPREP_UPDATE_GOLDEN=1` and review the diff.
@Suite(.serialized) struct GoldenOutputTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let demos = [
        "tcp.states", "tcp.handshake", "tcp.teardown", "tcp.checksum", "tcp.window", "tcp.rto", "tcp.congestion",
        "tcp.framing", "tcp.keepalive", "tcp.self-connect", "http.versions", "http.message", "http.methods",
        "http2.frames", "http2.hpack", "tls.handshake", "web.session", "web.csrf", "web.jwt", "web.sso", "arp",
        "dns.resolve", "net.encapsulation", "gossip", "url.journey", "io.event-loop",
    ]

    static let commands: [(name: String, arguments: [String])] =
        [
            ("search-zh", ["search", "握手"]),
            ("search-en-json", ["search", "congestion window", "--json", "--limit", "5"]),
            ("show-en", ["show", "tcp.handshake"]),
            ("show-zh-section", ["show", "tcp.handshake#why-three", "--lang", "zh"]),
            ("topics-tree", ["topics", "--tree", "--topic", "tcp"]),
            ("cards", ["cards", "--topic", "tcp.handshake"]),
            ("cards-json", ["cards", "--topic", "http", "--json", "--lang", "zh"]),
            ("demo-list", ["demo", "list"]),
        ]
        + demos.flatMap { name in
            [
                ("demo-\(name)", ["demo", "run", name, "--seed", "7"]),
                ("demo-\(name)-json", ["demo", "run", name, "--seed", "7", "--json"]),
            ]
        }

    static let database: String = {
        let folder = try! CLI.temporaryDirectory()
        return folder.appendingPathComponent("golden.sqlite").path
    }()

    @Test(arguments: commands.map(\.name))
    func outputIsAsRecorded(_ name: String) throws {
        let arguments = try #require(Self.commands.first { $0.name == name }).arguments
        let database = arguments.first == "demo" ? [] : ["--db", Self.database]
        let result = try CLI.run(arguments + database, environment: ["COLUMNS": "100"], directory: Self.checkout)
        try #require(result.status == 0, "\(result.stderr)")
        // Where the checkout is differs from machine to machine.
        let output = result.stdout.replacingOccurrences(of: Self.checkout.path, with: "$CHECKOUT")
        let file = Self.golden.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["NETPREP_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try Data(output.utf8).write(to: file)
            return
        }
        let expected = try #require(try? String(contentsOf: file, encoding: .utf8), "no golden file \(file.lastPathComponent)")
        #expect(output == expected, "\(name) differs from Golden/\(name).txt")
    }

    @Test func exportedMarkdownIsAsRecorded() throws {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("cards")
        let result = try CLI.run(
            ["export", "md", "--out", folder.path, "--topic", "tcp.handshake", "--db", Self.database], directory: Self.checkout)
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var text = ""
        for name in files {
            text += "== \(name)\n" + (try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
        let file = Self.golden.appendingPathComponent("export-md.txt")
        if ProcessInfo.processInfo.environment["NETPREP_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: file)
            return
        }
        #expect(text == (try String(contentsOf: file, encoding: .utf8)))
    }
}
