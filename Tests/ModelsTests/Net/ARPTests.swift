import Foundation
import TestSupport
import Testing

@testable import Demos
@testable import Models

@Suite(.serialized) struct ARPTests {
    static func trace(_ arguments: [String]) throws -> DemoTrace<ARPDemo.Parameters, ARPStep, ARPDemo.Outcome> {
        try ARPDemo.run(try ARPDemo.parameters(from: arguments), seed: 1)
    }

    @Test func aRequestHasTheRFC826LayoutInABroadcastFrame() {
        let table = ARPTable(ip: IPv4Address(192, 168, 1, 23), mac: MACAddress("02:00:00:aa:00:23")!, timeout: 60_000)
        let frame = table.request(for: IPv4Address(192, 168, 1, 1))
        #expect(
            Hex.string(frame.bytes())
                == "ffffffffffff" + "020000aa0023" + "0806"
                + "0001" + "0800" + "06" + "04" + "0001" + "020000aa0023" + "c0a80117"
                + "000000000000" + "c0a80101" + String(repeating: "00", count: 18))
        #expect(frame.bytes().count == 60)
    }

    @Test func theFrameCheckSequenceIsZlibsCRC32() {
        // CRC-32 check value of "123456789" (the catalogue value 0xCBF43926).
        #expect(EthernetFrame.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func requestThenReplyThenCacheHitThenGratuitousUpdateThenExpiry() throws {
        let trace = try Self.trace([])
        #expect(trace.result.sends.map(\.result) == ["resolved", "cache hit", "cache hit", "resolved after expiry"])
        #expect(
            trace.result.sends.map { $0.mac?.description } == [
                "02:00:00:aa:00:01", "02:00:00:aa:00:01", "02:00:00:aa:00:fe", "02:00:00:aa:00:fe",
            ])
        let frames = trace.trace.filter { $0.kind == "frame" }
        #expect(frames.map(\.to) == ["broadcast", "laptop", "broadcast", "broadcast", "laptop"])
        #expect(frames[1].arp?.operation == .reply)
        #expect(frames[2].arp?.isGratuitous == true)
        // Only the target learns the asker; bystanders that had no entry add none (RFC 826).
        #expect(trace.result.tables["printer"] == [])
        #expect(trace.result.tables["gateway"]?.map(\.ip) == [IPv4Address(192, 168, 1, 23)])
    }

    @Test func aMergeRefreshesAnEntryOnlyIfItExists() throws {
        var table = ARPTable(ip: IPv4Address(192, 168, 1, 40), mac: MACAddress("02:00:00:aa:00:40")!, timeout: 1_000)
        let other = ARPTable(ip: IPv4Address(192, 168, 1, 1), mac: MACAddress("02:00:00:aa:00:01")!, timeout: 1_000)
        #expect(try table.receive(other.announcement(), now: 0).change == nil)
        #expect(try table.receive(other.request(for: table.ip), now: 0).change == "added")
        #expect(try table.receive(other.announcement(), now: 500).change == "updated")
        #expect(table.lookup(other.ip, now: 1_400) == .hit(other.mac))
        guard case .request(_, let expired) = table.lookup(other.ip, now: 1_500) else {
            Issue.record("expected the entry to have expired")
            return
        }
        #expect(expired)
    }

    @Test func anAddressNobodyHasIsTriedThreeTimesThenUnreachable() throws {
        let trace = try Self.trace(["--target", "192.168.1.99", "--sends", "0", "--failover", "none"])
        #expect(trace.result.sends == [ARPDemo.SendResult(at: 0, result: "unreachable", mac: nil, arpFrames: 3)])
    }

    @Test(
        .enabled(if: Checker.runs(NetPython.hasScapy), "needs python3 with scapy (pip install -r scripts/net/requirements.txt)"))
    func scapyDecodesEveryFrameAsTheTraceDescribesIt() throws {
        let documents = try [[], ["--target", "192.168.1.99", "--sends", "0,3"]].map {
            try DemoCatalog.execute(name: "arp", arguments: $0, seed: 1, json: true, style: .plain)
        }
        let result = try NetPython.check(script: "check_frames.py", json: documents.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func renderingFitsEightyColumns() throws {
        let text = try DemoCatalog.execute(name: "arp", arguments: [], seed: 1, json: false, style: .plain)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(text.contains("who-has 192.168.1.1 tell 192.168.1.23"))
        #expect(text.contains("+---------------------->|"))
    }

    @Test(arguments: [
        ["--target", "10.0.0.1"], ["--target", "192.168.1.23"], ["--sends", "5,1"], ["--failover", "soon"],
    ])
    func badOptionsAreRefused(arguments: [String]) {
        #expect(throws: DemoError.self) {
            try DemoCatalog.execute(name: "arp", arguments: arguments, seed: 1, json: false, style: .plain)
        }
    }
}
