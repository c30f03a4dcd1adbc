import Testing

@testable import Demos
@testable import Models

@Suite struct WindowTests {
    func run(_ values: [String: String]) throws -> DemoTrace<WindowDemo.Parameters, WindowEvent, WindowDemo.Outcome> {
        let options = words(values)
        let parameters = try WindowDemo.parameters(from: options)
        return try WindowDemo.run(parameters, seed: 1)
    }

    func arrows(_ trace: DemoTrace<WindowDemo.Parameters, WindowEvent, WindowDemo.Outcome>) -> [String] {
        trace.trace.compactMap { event in
            guard let s = event.segment else { return nil }
            let what = event.side == .sender ? "\(s.label) \(s.seq!) \(s.length)" : "\(s.label) \(s.ack!) \(s.window!)"
            return "\(TCPText.seconds(event.time)) \(what)\(s.lost ? " lost" : "")"
        }
    }

    @Test func windowLimitsTheFlightAndSlidesWithEachACK() throws {
        let trace = try run(["bytes": "3000", "buffer": "2000"])
        #expect(
            arrows(trace) == [
                "0.000 data 1 1000", "0.000 data 1001 1000", "0.500 ack 1001 2000", "0.500 ack 2001 2000",
                "1.000 data 2001 1000", "1.500 ack 3001 2000",
            ])
        #expect(trace.result.completedAt == 2)
    }

    @Test func lostSegmentIsFastRetransmittedAndHeldSegmentsAreAckedCumulatively() throws {
        let trace = try run(["bytes": "6000", "buffer": "5000", "lose": "2"])
        let lines = arrows(trace)
        #expect(lines.contains("0.000 data 1001 1000 lost"))
        #expect(lines.filter { $0.hasPrefix("0.500 dup ack 1001") }.count == 3)
        #expect(lines.contains("1.000 retransmission 1001 1000"))
        // One cumulative ACK covers the retransmission and the four segments held out of order.
        #expect(lines.contains("1.500 ack 6001 5000"))
        #expect(trace.result.retransmissions == 1 && trace.result.outOfOrderArrivals == 4)
    }

    @Test func lostLastSegmentWaitsForTheRetransmissionTimer() throws {
        // Too few segments follow for three duplicate ACKs. The timer, restarted by the ACK of
        // the first segment at 1 s (RFC 6298 §5.3), expires 3 s later.
        let trace = try run(["bytes": "2000", "lose": "2"])
        #expect(arrows(trace).contains("4.000 retransmission 1001 1000"))
        #expect(trace.result.completedAt == 5)
    }

    @Test func delayedSegmentArrivesOutOfOrder() throws {
        let trace = try run(["bytes": "3000", "delay": "1"])
        #expect(trace.result.outOfOrderArrivals == 2)
        #expect(trace.result.retransmissions == 0)
    }

    @Test func zeroWindowIsProbedUntilTheLostUpdateIsFound() throws {
        let trace = try run(["bytes": "6000", "slow-reader": "", "lose-update": ""])
        let lines = arrows(trace)
        #expect(lines.contains("0.500 ack 4001 0"))
        #expect(lines.contains("2.000 probe 4000 0"))
        #expect(lines.contains("3.000 window update 4001 2000 lost"))
        #expect(lines.contains("4.000 probe 4000 0"))
        #expect(trace.result.probes == 2)
        #expect(trace.result.completedAt == 6)
    }

    @Test func everySegmentCarriesValidBytes() throws {
        let trace = try run(["bytes": "3000", "lose": "1"])
        for event in trace.trace {
            guard let record = event.segment else { continue }
            let segment = try TCPSegment(datagram: [UInt8](hexString: record.bytes)!)
            #expect(segment.payload.count == record.length)
        }
    }
}
