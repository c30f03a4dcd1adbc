import Foundation
import TestSupport
import Testing

@testable import Demos
@testable import Models

/// Feeds the demos' JSON to scripts/tcp/check_bytes.py, which lets scapy, an independent
/// decoder, recompute every IPv4 and TCP checksum and decode the fields.
enum Scapy {
    static let script = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("../../../scripts/tcp/check_bytes.py").standardized

    static let available = FileManager.default.fileExists(atPath: script.path) && Checker.python("scapy")

    /// Runs python3 with `input` on stdin. Files rather than pipes carry the data, and the
    /// suite runs serially: Foundation's Process is not happy with concurrent pipe readers.
    static func python(_ arguments: [String], input: String) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-scapy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appendingPathComponent("in.json"), outputFile = directory.appendingPathComponent("out.json")
        try Data(input.utf8).write(to: inputFile)
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: outputFile), as: UTF8.self))
    }
}

@Suite(
    .serialized,
    .enabled(
        if: Checker.runs(Scapy.available),
        "skipped: python3 with scapy is not installed (pip install -r scripts/tcp/requirements.txt)"))
struct ScapyCrossCheckTests {

    struct Decoded: Decodable {
        var document: Int
        var seq: UInt32
        var ack: UInt32
        var flags: String
        var sport: UInt16
        var ip_checksum_ok: Bool
        var tcp_checksum_ok: Bool
        var same_bytes: Bool
    }

    static let cases: [(String, [String])] = [
        ("tcp.handshake", ["--client-isn", "4294967295", "--server-isn", "7"]),
        ("tcp.handshake", ["--lose", "syn-ack,ack"]),
        ("tcp.teardown", ["--lose", "last-ack"]),
        ("tcp.checksum", ["--payload", "odd"]),
        ("tcp.window", ["--lose", "2", "--slow-reader"]),
        ("tcp.keepalive", ["--peer", "alive"]),
        ("tcp.self-connect", ["--range", "40000-40009", "--port", "40004"]),
    ]

    /// One python run for every case (importing scapy is the slow part), as JSON Lines.
    @Test func scapyAgreesWithEveryChecksumAndField() throws {
        let documents = try Self.cases.map { name, arguments in
            try DemoCatalog.execute(name: name, arguments: arguments, seed: 4, json: true, style: .plain)
        }
        let (status, output) = try Scapy.python([Scapy.script.path, "--fields"], input: documents.joined(separator: "\n"))
        #expect(status == 0, "check_bytes.py exited \(status)")
        let decoded = try output.split(separator: "\n").map { try JSONDecoder().decode(Decoded.self, from: Data($0.utf8)) }
        for index in Self.cases.indices {
            #expect(decoded.contains { $0.document == index }, "no datagram from \(Self.cases[index])")
        }
        for packet in decoded {
            #expect(packet.ip_checksum_ok && packet.tcp_checksum_ok && packet.same_bytes, "\(Self.cases[packet.document])")
        }
        // The handshake with ISN 2^32 - 1: the final ACK's sequence number wraps to 0.
        let handshake = decoded.filter { $0.document == 0 }
        #expect(handshake.map(\.flags) == ["S", "SA", "A"])
        #expect(handshake.map(\.seq) == [4_294_967_295, 7, 0])
        #expect(handshake.map(\.ack) == [0, 0, 8])
        #expect(handshake.map(\.sport) == [50000, 80, 50000])
    }
}
