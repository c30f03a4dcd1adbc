import Foundation
import TestSupport
import Testing

@testable import Demos
@testable import Models

/// Runs the Python checkers in scripts/net when python3 and their modules are there.
enum NetPython {
    static let scripts = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("../../../scripts/net").standardized

    static let hasDNSPython = Checker.python("dns")
    static let hasScapy = Checker.python("scapy")

    /// python3 with `input` on stdin; files, not pipes, carry the data.
    static func run(_ arguments: [String], input: String) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "netprep-net-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appendingPathComponent("in.json")
        let outputFile = directory.appendingPathComponent("out")
        try Data(input.utf8).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "")
    }

    static func check(script: String, json: String) throws -> (status: Int32, output: String) {
        try run([scripts.appendingPathComponent(script).path], input: json)
    }
}

@Suite(.serialized) struct DNSTests {
    static func trace(_ arguments: [String], seed: UInt64 = 1) throws -> DemoTrace<
        DNSResolveDemo.Parameters, DNSStep, DNSResolveDemo.Outcome
    > {
        try DNSResolveDemo.run(try DNSResolveDemo.parameters(from: arguments), seed: seed)
    }

    @Test func aQueryHasTheRFC1035Layout() {
        let query = DNSMessage(id: 0x1234, query: DNSQuestion("www.example.com", .a), recursionDesired: true)
        #expect(
            Hex.string(query.encoded())
                == "123401000001000000000000" + "03777777076578616d706c6503636f6d00" + "00010001")
    }

    @Test func responsesCompressNamesWithPointersToEarlierSuffixes() throws {
        var response = DNSMessage(
            respondingTo: DNSMessage(id: 7, query: DNSQuestion("www.example.com", .a), recursionDesired: true))
        response.answers = [
            DNSRecord("www.example.com", ttl: 300, .cname("web.example.com")),
            DNSRecord("web.example.com", ttl: 60, .a([192, 0, 2, 1])),
        ]
        let bytes = response.encoded()
        // Answer 1's owner is a pointer to the question name at offset 12; its CNAME target
        // writes "web" and points at "example.com" (offset 16); answer 2's owner points at it.
        #expect(Hex.string(bytes[33..<35]) == "c00c")
        #expect(Hex.string(bytes[45..<51]) == "037765" + "62c010")
        #expect(Hex.string(bytes[51..<53]) == "c02d")
        #expect(bytes.count == 33 + 18 + 16)
        #expect(try DNSMessage.decode(bytes) == response)
    }

    @Test func theDecoderRefusesForwardPointersAndTruncation() {
        let query = DNSMessage(id: 1, query: DNSQuestion("a.example", .a), recursionDesired: true).encoded()
        var looping = query
        looping[12] = 0xC0
        looping[13] = 12
        #expect(throws: DNSWireError.self) { try DNSMessage.decode(looping) }
        #expect(throws: DNSWireError.self) { try DNSMessage.decode(Array(query.dropLast(3))) }
    }

    /// Found by the fuzzer (Fuzz/FuzzDNS): a backward pointer to a label that runs forward
    /// into the same pointer again took memory until the process died.
    @Test func aPointerThatLeadsBackToItselfIsRefused() {
        let loop: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0x2C, 0x01, 0x00, 0xC0, 0x0A]
        #expect(throws: DNSWireError.self) { try DNSMessage.decode(loop) }
    }

    @Test func everyMessageOfTheTraceRoundTripsThroughTheDecoder() throws {
        for name in ["www.example.com", "shop.example.com", "nosuch.example.com", "x.example.org"] {
            for step in try Self.trace(["--name", name, "--lookups", "0,40,400"]).trace where step.kind == "message" {
                let hex = Array(step.bytes!.utf8)
                let bytes = stride(from: 0, to: hex.count, by: 2).map {
                    UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)!
                }
                let message = try DNSMessage.decode(bytes)
                #expect(DNSMessageView(message) == step.message)
                #expect(message.encoded() == bytes)
            }
        }
    }

    @Test func firstLookupWalksRootTLDAndBothAuthoritiesThenTheCacheAnswers() throws {
        let trace = try Self.trace([])
        let first = trace.result.lookups[0]
        let second = trace.result.lookups[1]
        let third = trace.result.lookups[2]
        #expect(first.resolverQueries == 6)
        #expect(
            first.answer == [
                "www.example.com. 300 IN CNAME cdn.example.net.",
                "cdn.example.net. 120 IN CNAME edge-7.example.net.",
                "edge-7.example.net. 30 IN A 198.51.100.7",
            ])
        let route = trace.trace.filter { $0.kind == "message" && $0.from == "resolver" && $0.to != "stub" }.map {
            $0.to!
        }
        #expect(route.prefix(6) == ["root", "com/net", "example.com", "root", "com/net", "example.net"])
        // Ten seconds on, everything comes from the cache with its TTL counted down.
        #expect(second.resolverQueries == 0)
        #expect(second.latencyMilliseconds == DNSResolveDemo.stubRoundTrip)
        #expect(second.answer.map { $0.split(separator: " ")[1] } == ["290", "110", "20"])
        // At 45 s the 30 s A record has expired: one query, straight to example.net's server.
        #expect(third.resolverQueries == 1)
        #expect(route.last == "example.net")
        #expect(third.answer.last == "edge-7.example.net. 30 IN A 198.51.100.7")
    }

    @Test func nxdomainIsCachedForTheSOAMinimumThenAskedAgain() throws {
        let trace = try Self.trace(["--name", "nosuch.example.com", "--lookups", "0,100,400"])
        #expect(trace.result.lookups.map(\.rcode) == ["NXDOMAIN", "NXDOMAIN", "NXDOMAIN"])
        #expect(trace.result.lookups.map(\.resolverQueries) == [3, 0, 1])
        let answers = trace.trace.filter { $0.kind == "message" && $0.to == "stub" }.map { $0.message! }
        #expect(
            answers[0].authority == [
                "example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 2026112501 7200 3600 1209600 300"
            ])
        #expect(answers[1].authority.first?.hasPrefix("example.com. 200 IN SOA") == true)
        #expect(answers.allSatisfy { $0.flags == ["qr", "rd", "ra"] })
    }

    @Test func glueAndReferralNSAreNotServedAsAnswers() throws {
        // The com/net server's referral carries ns1.example.com's address as glue; the resolver
        // still asks the authoritative server for it (RFC 2181 §5.4.1), then caches that answer.
        let trace = try Self.trace(["--name", "ns1.example.com", "--lookups", "0,10"])
        #expect(trace.result.lookups.map(\.resolverQueries) == [3, 0])
        let delegation = try Self.trace(["--name", "example.net", "--type", "NS", "--lookups", "0"])
        #expect(delegation.result.lookups[0].resolverQueries == 3)
    }

    @Test func aNameThatExistsWithoutTheTypeIsNODATA() throws {
        let trace = try Self.trace(["--name", "mail.example.com", "--type", "AAAA", "--lookups", "0"])
        #expect(trace.result.lookups[0].rcode == "NOERROR")
        #expect(trace.result.lookups[0].answer.isEmpty)
    }

    @Test func theResolverRefusesAResponseThatDoesNotMatchItsQuery() throws {
        var resolver = RecursiveResolver(rootHints: DNSUniverse.standard.rootHints, seed: 1)
        let stubQuery = DNSMessage(id: 9, query: DNSQuestion("www.example.com", .a), recursionDesired: true)
        #expect(throws: RecursiveResolver.Failure.self) {
            try resolver.receive(
                response: DNSMessage(respondingTo: stubQuery), from: IPv4Address(198, 41, 0, 4), now: 0)
        }
        guard case .query(let query, let server, _) = try resolver.receive(stubQuery: stubQuery, now: 0) else {
            Issue.record("expected a query to the root")
            return
        }
        #expect(server == IPv4Address(198, 41, 0, 4))
        var forged = DNSUniverse.standard.server(at: server)!.respond(to: query)
        forged.id &+= 1
        #expect(throws: RecursiveResolver.Failure.self) { try resolver.receive(response: forged, from: server, now: 5) }
        #expect(throws: RecursiveResolver.Failure.busy) { try resolver.receive(stubQuery: stubQuery, now: 5) }
    }

    @Test(
        .enabled(
            if: NetPython.hasDNSPython, "needs python3 with dnspython (pip install -r scripts/net/requirements.txt)"))
    func dnspythonParsesEveryMessageAsTheTraceDescribesIt() throws {
        var documents: [String] = []
        for arguments in [
            ["--name", "www.example.com", "--lookups", "0,40,400"], ["--name", "shop.example.com"],
            ["--name", "nosuch.example.com", "--lookups", "0,100"], ["--name", "x.example.org"],
            ["--name", "example.com", "--type", "MX"], ["--name", "example.com", "--type", "AAAA"],
            ["--name", "mail.example.com", "--type", "AAAA"], ["--name", "example.com", "--type", "NS"],
        ] {
            documents.append(
                try DemoCatalog.execute(name: "dns.resolve", arguments: arguments, seed: 3, json: true, style: .plain))
        }
        let result = try NetPython.check(script: "check_dns.py", json: documents.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("\"errors\": []"))
    }

    @Test func renderingFitsEightyColumnsAndShowsTheLadder() throws {
        let text = try DemoCatalog.execute(
            name: "dns.resolve", arguments: ["--hex"], seed: 1, json: false, style: .plain)
        let long = text.split(separator: "\n").filter { $0.count > 80 }
        #expect(long.isEmpty, "\(long)")
        #expect(text.contains("|<------------|"))
        #expect(text.contains("referral: com. NS a.gtld-servers.net +glue"))
        #expect(text.contains("0000  "))
    }

    @Test(arguments: [["--name", "bad..name"], ["--type", "TXT"], ["--lookups", "10,5"], ["--lookups", "x"]])
    func badOptionsAreRefused(arguments: [String]) {
        #expect(throws: DemoError.self) {
            try DemoCatalog.execute(name: "dns.resolve", arguments: arguments, seed: 1, json: false, style: .plain)
        }
    }
}
