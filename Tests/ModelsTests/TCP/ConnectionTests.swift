import Testing

@testable import Demos
@testable import Models

@Suite struct ConnectionTests {
    func parameters(lose: [String] = [], retries: Int = 6, simultaneous: Bool = false, abort: Bool = false)
        -> ConnectionParameters
    {
        ConnectionParameters(
            clientISN: 1000, serverISN: 5000, rtt: 0.1, rto: 1, retries: retries, msl: 30, lose: lose, loss: 0,
            simultaneous: simultaneous, abort: abort, closeDelay: 0.2)
    }

    /// "time side label flags seq ack" for each segment sent.
    func segments(_ events: [ConnectionEvent]) -> [String] {
        events.compactMap { event in
            guard let segment = event.segment else { return nil }
            return
                "\(TCPText.seconds(event.time)) \(event.side) \(segment.label)\(segment.lost ? " lost" : "") \(segment.seq) \(segment.ack.map(String.init) ?? "-")"
        }
    }

    @Test func handshakeAcknowledgesEachISNPlusOne() throws {
        let trace = try HandshakeDemo.run(parameters(), seed: 1)
        #expect(
            segments(trace.trace) == [
                "0.000 client syn 1000 -", "0.050 server syn-ack 5000 1001", "0.100 client ack 1001 5001",
            ])
        #expect(trace.result.client == .established && trace.result.server == .established)
        #expect(trace.result.completedAt == 0.15)
    }

    @Test func lostSYNIsRetransmittedAfterOneRTO() throws {
        let trace = try HandshakeDemo.run(parameters(lose: ["syn"]), seed: 1)
        #expect(
            segments(trace.trace) == [
                "0.000 client syn lost 1000 -", "1.000 client syn 1000 -", "1.050 server syn-ack 5000 1001",
                "1.100 client ack 1001 5001",
            ])
        #expect(trace.result.retransmissions == 1)
    }

    @Test func lostSYNACKIsRetransmittedByTheServer() throws {
        let trace = try HandshakeDemo.run(parameters(lose: ["syn-ack"]), seed: 1)
        #expect(
            segments(trace.trace) == [
                "0.000 client syn 1000 -", "0.050 server syn-ack lost 5000 1001", "1.000 client syn 1000 -",
                "1.050 server syn-ack 5000 1001", "1.100 client ack 1001 5001",
            ])
        #expect(trace.result.completedAt == 1.15)
    }

    @Test func lostFinalACKIsRepairedByTheRetransmittedSYNACK() throws {
        let trace = try HandshakeDemo.run(parameters(lose: ["ack"]), seed: 1)
        #expect(
            segments(trace.trace) == [
                "0.000 client syn 1000 -", "0.050 server syn-ack 5000 1001", "0.100 client ack lost 1001 5001",
                "1.050 server syn-ack 5000 1001", "1.100 client ack 1001 5001",
            ])
    }

    @Test func clientGivesUpAfterItsRetriesWithExponentialBackoff() throws {
        let trace = try HandshakeDemo.run(parameters(lose: Array(repeating: "syn", count: 4), retries: 3), seed: 1)
        let sends = trace.trace.filter { $0.kind == .send }.map(\.time)
        #expect(sends == [0, 1, 3, 7])
        #expect(trace.result.client == .closed)
        #expect(trace.result.failure == "client gave up on syn after 3 retransmissions")
        #expect(trace.result.completedAt == nil)
    }

    @Test func isnAtTheTopOfTheSpaceWraps() throws {
        var p = parameters()
        p.serverISN = UInt32.max
        let trace = try HandshakeDemo.run(p, seed: 1)
        #expect(trace.result.clientAck == 0)
    }

    @Test func isnsComeFromTheSeedWhenNotGiven() throws {
        var p = parameters()
        p.clientISN = nil
        p.serverISN = nil
        let a = try HandshakeDemo.run(p, seed: 7), b = try HandshakeDemo.run(p, seed: 7), c = try HandshakeDemo.run(p, seed: 8)
        #expect(a.result == b.result)
        #expect(a.result.clientISN != c.result.clientISN)
    }

    @Test func teardownLeavesTheActiveCloserInTimeWaitFor2MSL() throws {
        let trace = try TeardownDemo.run(parameters(), seed: 1)
        #expect(
            segments(trace.trace) == [
                "0.000 client fin 1001 5001", "0.050 server ack-fin 5001 1002", "0.250 server fin2 5001 1002",
                "0.300 client last-ack 1002 5002",
            ])
        let states = trace.trace.filter { $0.kind == .state }.map { "\($0.side) \($0.state!)" }
        #expect(
            states == [
                "client FIN_WAIT_1", "server CLOSE_WAIT", "client FIN_WAIT_2", "server LAST_ACK", "client TIME_WAIT",
                "server CLOSED", "client CLOSED",
            ])
        #expect(trace.trace.last?.time == 60.3)
    }

    @Test func retransmittedFINRestartsTimeWait() throws {
        let trace = try TeardownDemo.run(parameters(lose: ["last-ack"]), seed: 1)
        #expect(trace.result.timeWaitRestarts == 1)
        // The FIN is retransmitted at 1.25 s, reaches the client at 1.3 s, and 2MSL runs again from there.
        #expect(trace.result.completedAt == 61.3)
        #expect(trace.result.server == .closed && trace.result.client == .closed)
    }

    @Test func lostFINIsRetransmitted() throws {
        let trace = try TeardownDemo.run(parameters(lose: ["fin"]), seed: 1)
        #expect(segments(trace.trace).prefix(2) == ["0.000 client fin lost 1001 5001", "1.000 client fin 1001 5001"])
    }

    @Test func simultaneousCloseGoesThroughClosingOnBothSides() throws {
        let trace = try TeardownDemo.run(parameters(simultaneous: true), seed: 1)
        let states = trace.trace.filter { $0.kind == .state }.map { "\($0.side) \($0.state!)" }
        #expect(
            states == [
                "client FIN_WAIT_1", "server FIN_WAIT_1", "server CLOSING", "client CLOSING", "client TIME_WAIT",
                "server TIME_WAIT", "client CLOSED", "server CLOSED",
            ])
    }

    @Test func abortSendsRSTAndSkipsTimeWait() throws {
        let trace = try TeardownDemo.run(parameters(abort: true), seed: 1)
        #expect(segments(trace.trace) == ["0.000 client rst 1001 -"])
        #expect(trace.result.completedAt == 0.05)
    }

    @Test func unknownLossLabelIsABadOption() {
        let options = words(["lose": "fin"])
        #expect(throws: DemoError.badOption("--lose takes syn, syn-ack, ack, not 'fin'")) {
            try HandshakeDemo.parameters(from: options)
        }
    }

    @Test func everySegmentParsesBackWithCorrectChecksums() throws {
        let trace = try TeardownDemo.run(parameters(lose: ["last-ack"]), seed: 1)
        for event in trace.trace {
            guard let record = event.segment else { continue }
            let segment = try TCPSegment(datagram: [UInt8](hexString: record.bytes)!)
            #expect(segment.tcp.sequenceNumber == record.seq)
            #expect(segment.tcp.flags == record.flags)
        }
    }
}
