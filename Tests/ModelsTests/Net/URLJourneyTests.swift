import Foundation
import TestSupport
import Testing

@testable import Demos
@testable import Models

@Suite(.serialized) struct URLJourneyTests {
    static func trace(_ arguments: [String]) throws -> DemoTrace<
        URLJourneyDemo.Parameters, JourneyStep, URLJourneyDemo.Outcome
    > {
        try URLJourneyDemo.run(try URLJourneyDemo.parameters(from: arguments), seed: 1)
    }

    static func payload(_ step: JourneyStep) -> [UInt8] {
        let frame = Hex.bytes(step.bytes ?? "") ?? []
        let headerEnd = 14 + 20 + (step.tcp?.headerLength ?? 8)
        return Array(frame[headerEnd..<(14 + Int(step.ipv4!.totalLength))])
    }

    @Test(
        arguments: [
            ("https://www.example.com/", "https", "www.example.com", 443, "/", nil),
            ("http://Shop.Example.com:8080/a?b=1#top", "http", "shop.example.com", 8080, "/a?b=1", "top"),
            ("https://user@api.example.com?x", "https", "api.example.com", 443, "/?x", nil),
        ] as [(String, String, String, Int, String, String?)])
    func urlsSplitIntoSchemeHostPortTargetAndFragment(
        text: String, scheme: String, host: String, port: Int, target: String, fragment: String?
    ) throws {
        let url = try ParsedURL(text)
        #expect([url.scheme, url.host, url.target] == [scheme, host, target])
        #expect(url.port == port)
        #expect(url.fragment == fragment)
    }

    @Test func anHTTPSJourneyGoesThroughEveryPhaseInOrder() throws {
        let trace = try Self.trace([])
        var phases: [String] = []
        for step in trace.trace where phases.last != step.phase { phases.append(step.phase) }
        #expect(phases == ["url", "cache", "arp", "dns", "tcp", "tls", "http", "teardown", "done"])
        #expect(trace.result.status == "200 OK")
        #expect(trace.result.address == "198.51.100.7")
        #expect(trace.result.roundTripsBeforeRequest == 2)
        let tcp = trace.trace.filter { $0.tcp != nil }
        #expect(tcp.prefix(3).map { $0.tcp!.flags } == [[.syn], [.syn, .ack], [.ack]])
        #expect(tcp[1].tcp!.acknowledgmentNumber == tcp[0].tcp!.sequenceNumber &+ 1)
        #expect(tcp[2].tcp!.acknowledgmentNumber == tcp[1].tcp!.sequenceNumber &+ 1)
        // Every frame to or from the Internet is addressed to or from the gateway's MAC.
        #expect(
            trace.trace.filter { $0.ipv4 != nil }.allSatisfy {
                $0.ethernet!.destination == ARPDemo.hosts[1].mac || $0.ethernet!.source == ARPDemo.hosts[1].mac
            })
    }

    @Test func theTLSRecordsAreTheTLSModelsBytes() throws {
        let trace = try Self.trace([])
        let hello = try #require(trace.trace.first { $0.text.hasPrefix("TLS ClientHello") })
        let tls = try TLSHandshakeDemo.run(
            TLSHandshakeDemo.Parameters(host: "www.example.com", message: ""), seed: 0)
        let record = Hex.bytes(tls.trace.first { $0.label == "ClientHello" }!.record!) ?? []
        #expect(Self.payload(hello).prefix(5) == record.prefix(5))  // type 22, version, length
        #expect(Self.payload(hello).count == record.count)
    }

    @Test func plainHTTPSendsTheRequestInClearAfterOneRoundTripAndKeepsTheFragment() throws {
        let trace = try Self.trace(["--url", "http://shop.example.com:8080/a?b=1#top"])
        #expect(trace.result.roundTripsBeforeRequest == 1)
        #expect(!trace.trace.contains { $0.phase == "tls" })
        let request = try #require(trace.trace.first { $0.phase == "http" && $0.from == "browser" })
        let text = String(decoding: Self.payload(request), as: UTF8.self)
        #expect(text.hasPrefix("GET /a?b=1 HTTP/1.1\r\nHost: shop.example.com:8080\r\n"))
        #expect(!text.contains("top"))
    }

    @Test func anUnknownHostStopsAfterDNS() throws {
        let trace = try Self.trace(["--url", "https://nosuch.example.com/"])
        #expect(trace.result.status == "NXDOMAIN")
        #expect(trace.result.timeToFirstByte == nil)
        #expect(!trace.trace.contains { $0.phase == "tcp" })
    }

    @Test(
        .enabled(if: Checker.runs(NetPython.hasScapy), "needs python3 with scapy (pip install -r scripts/net/requirements.txt)"))
    func scapyAgreesWithEveryChecksumOfTheJourney() throws {
        let documents = try [[], ["--url", "http://api.example.com/x", "--tls", "1.2"], ["--tls", "1.2"]].map {
            try DemoCatalog.execute(name: "url.journey", arguments: $0, seed: 2, json: true, style: .plain)
        }
        let result = try NetPython.check(script: "check_frames.py", json: documents.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func renderingFitsEightyColumns() throws {
        for url in [
            "https://www.example.com/", "http://shop.example.com:8080/a?b=1#top", "https://nosuch.example.com/",
        ] {
            let text = try DemoCatalog.execute(
                name: "url.journey", arguments: ["--url", url], seed: 1, json: false, style: .plain)
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(url)")
        }
    }

    @Test(arguments: [["--url", "ftp://example.com/"], ["--url", "example.com"], ["--tls", "1.1"], ["--rtt", "0"]])
    func badOptionsAreRefused(arguments: [String]) {
        #expect(throws: DemoError.self) {
            try DemoCatalog.execute(name: "url.journey", arguments: arguments, seed: 1, json: false, style: .plain)
        }
    }
}
