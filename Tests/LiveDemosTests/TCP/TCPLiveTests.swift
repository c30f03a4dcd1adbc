import Demos
import Foundation
import Models
import Testing

@testable import LiveDemos

@Suite struct TCPLiveTests {
    @Test func procNetTCPLineDecodesLittleEndianAddressesAndTimer() throws {
        let line =
            "   2: 0100007F:DDA0 0100007F:915B 06 00000000:00000000 03:00001769 00000000     0        0 0 3 0000000091e4b7d0"
        let entry = try #require(ProcNetTCPEntry(line: line))
        #expect(entry.localAddress == "127.0.0.1" && entry.localPort == 56736)
        #expect(entry.remoteAddress == "127.0.0.1" && entry.remotePort == 37211)
        #expect(entry.state == .timeWait)
        #expect(entry.timer == 3 && entry.timerSeconds == 59.93)
    }

    @Test func procNetTCPHeaderIsSkipped() {
        #expect(ProcNetTCPEntry(line: "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid") == nil)
    }

    @Test func tcpLiveDemosShareTheirModelsNames() throws {
        for name in ["tcp.framing", "tcp.teardown", "tcp.self-connect"] {
            let demo = try #require(LiveCatalog.demo(named: name))
            #expect(try DemoCatalog.demo(named: name).name == demo.name)
        }
    }

    @Test func twoWritesArriveAsOneRead() async throws {
        let text = try await CoalescingLive.run(arguments: [], json: true, style: .plain)
        let result = try JSONDecoder().decode(CoalescingLive.Result.self, from: Data(text.utf8))
        #expect(result.writes == ["68656c6c6f0d0a", "776f726c640d0a"])
        #expect(result.reads == ["68656c6c6f0d0a776f726c640d0a"])
        #expect(result.messages == ["hello", "world"])
    }

    @Test func socketBoundToItsDestinationConnectsToItself() async throws {
        let text = try await SelfConnectLive.run(arguments: ["--message", "ping"], json: true, style: .plain)
        let result = try JSONDecoder().decode(SelfConnectLive.Result.self, from: Data(text.utf8))
        #expect(result.selfConnected)
        #expect(result.local == result.remote)
        #expect(result.received == "ping")
    }

    @Test(.enabled(if: FileManager.default.isReadableFile(atPath: "/proc/net/tcp"), "needs Linux's /proc/net/tcp"))
    func activeCloserIsSeenInTimeWaitByTheKernel() async throws {
        let text = try await TimeWaitLive.run(arguments: [], json: true, style: .plain)
        let result = try JSONDecoder().decode(TimeWaitLive.Result.self, from: Data(text.utf8))
        let entry = try #require(result.entry)
        #expect(entry.state == .timeWait)
        #expect(entry.localPort == result.clientPort && entry.remotePort == result.serverPort)
        // Linux's TIME_WAIT is 60 s; a little of it has passed by the time the table is read.
        #expect(entry.timer == 3 && entry.timerSeconds > 50 && entry.timerSeconds <= 60)
    }

    @Test func unknownOptionOfALiveDemoIsRejected() async {
        await #expect(throws: DemoError.badOption("Unknown option '--bogus'")) {
            try await SelfConnectLive.run(arguments: ["--bogus", "1"], json: true, style: .plain)
        }
        await #expect(throws: DemoError.self) {
            try await TimeWaitLive.run(arguments: ["--message", "x"], json: true, style: .plain)
        }
    }
}
