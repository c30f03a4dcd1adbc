import Foundation
import TestSupport
import Testing

@testable import Demos
@testable import Models

@Suite(.serialized) struct EncapsulationTests {
    static func trace(_ arguments: [String]) throws -> DemoTrace<
        EncapsulationDemo.Parameters, EncapsulationStep, EncapsulationDemo.Outcome
    > {
        try EncapsulationDemo.run(try EncapsulationDemo.parameters(from: arguments), seed: 1)
    }

    @Test func aGetFitsOneFrameWithFiftyFourBytesOfHeaders() throws {
        let trace = try Self.trace([])
        let frame = try #require(trace.trace.first { $0.kind == "frame" })
        let http = trace.result.httpBytes
        #expect(frame.sizes == ["http": http, "tcp": http + 20, "ipv4": http + 40, "ethernet": http + 54])
        #expect(trace.result.segments == 1)
        #expect(trace.result.wireBytes == http + 54 + 4 + 8 + 12)
        #expect(trace.result.roundTrip)
        let bytes = try #require(frame.bytes)
        // Ethernet: to the gateway, from the laptop, EtherType IPv4; then version 4, IHL 5.
        #expect(bytes.hasPrefix("020000aa0001" + "020000aa0023" + "0800" + "45"))
    }

    @Test(arguments: [(1500, 1460), (576, 536), (9000, 8960)])
    func aBodyIsCutIntoSegmentsOfAtMostTheMSS(mtu: Int, mss: Int) throws {
        let trace = try Self.trace(["--body", "20000", "--mtu", "\(mtu)"])
        let frames = trace.trace.filter { $0.kind == "frame" }
        #expect(trace.result.mss == mss)
        #expect(frames.count == (trace.result.httpBytes + mss - 1) / mss)
        #expect(frames.dropLast().allSatisfy { $0.sizes?["ipv4"] == mtu })
        let sequence = frames.map { $0.tcp!.sequenceNumber }
        #expect(zip(sequence, sequence.dropFirst()).allSatisfy { $1 &- $0 == UInt32(mss) })
        #expect(frames.last?.tcp?.flags == [.psh, .ack])
        #expect(trace.result.roundTrip)
    }

    @Test func theReceiverRejectsACorruptedSegment() throws {
        let encapsulator = Encapsulator(
            sourceMAC: ARPDemo.hosts[0].mac, nextHopMAC: ARPDemo.hosts[1].mac, source: ARPDemo.hosts[0].ip,
            destination: IPv4Address(198, 51, 100, 7), sourcePort: 50_000, destinationPort: 80, sequenceNumber: 1,
            acknowledgmentNumber: 1, identification: 1, mtu: 1500)
        var bytes = encapsulator.wrap(Array("GET / HTTP/1.1\r\n\r\n".utf8))[0].frame.bytes()
        #expect(try Encapsulator.unwrap([bytes]).data == Array("GET / HTTP/1.1\r\n\r\n".utf8))
        bytes[bytes.count - 1] ^= 0x20
        #expect(throws: NetWireError.invalid("TCP", "checksum")) { try Encapsulator.unwrap([bytes]) }
        bytes[bytes.count - 1] ^= 0x20
        bytes[22] &-= 1  // the TTL, as a router would change it without fixing the checksum
        #expect(throws: NetWireError.invalid("IPv4", "header checksum")) { try Encapsulator.unwrap([bytes]) }
    }

    @Test(
        .enabled(if: Checker.runs(NetPython.hasScapy), "needs python3 with scapy (pip install -r scripts/net/requirements.txt)"))
    func scapyRecomputesTheSameIPv4AndTCPChecksums() throws {
        let documents = try [[], ["--body", "5000", "--mtu", "576"], ["--path", "/a/b?c=d", "--host", "example.org"]]
            .map {
                try DemoCatalog.execute(name: "net.encapsulation", arguments: $0, seed: 4, json: true, style: .plain)
            }
        let result = try NetPython.check(script: "check_frames.py", json: documents.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func renderingFitsEightyColumns() throws {
        let text = try DemoCatalog.execute(
            name: "net.encapsulation", arguments: ["--body", "30000"], seed: 1, json: false, style: .plain)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(text.contains("[Eth 14][IP 20][TCP 20][data 1460][FCS 4]  = 1518 B"))
    }

    @Test(arguments: [["--mtu", "100"], ["--path", "no-slash"], ["--body", "-1"]])
    func badOptionsAreRefused(arguments: [String]) {
        #expect(throws: DemoError.self) {
            try DemoCatalog.execute(
                name: "net.encapsulation", arguments: arguments, seed: 1, json: false, style: .plain)
        }
    }
}
