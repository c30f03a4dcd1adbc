import Testing

@testable import Demos
@testable import Models

@Suite struct CongestionTests {
    func cwnds(
        _ algorithm: CongestionAlgorithm, rounds: Int = 26, losses: [String] = ["16:dup", "22:timeout"], ssthresh: String = "32",
        extra: [String: String] = [:]
    ) throws -> [Double] {
        var values = [
            "algorithm": algorithm.rawValue, "rounds": String(rounds), "losses": losses.joined(separator: ","),
            "ssthresh": ssthresh,
        ]
        values.merge(extra) { $1 }
        let options = words(values)
        let parameters = try CongestionDemo.parameters(from: options)
        return CongestionDemo.cwndPerRound(try CongestionDemo.run(parameters, seed: 1)).map(\.cwnd)
    }

    /// The Kurose & Ross transmission-round exercise (ssthresh 32, three duplicate ACKs in round
    /// 16, a timeout in round 22), derived from RFC 5681: slow start doubles per round up to
    /// ssthresh, congestion avoidance adds one; after three duplicate ACKs ssthresh = cwnd/2 = 21
    /// and recovery ends with cwnd = ssthresh; the timeout sets ssthresh = 26/2 = 13, cwnd = 1.
    @Test func renoFollowsRFC5681RoundByRound() throws {
        #expect(
            try cwnds(.reno, rounds: 30) == [
                1, 2, 4, 8, 16, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 21, 22, 23, 24, 25, 26, 1, 2, 4, 8, 13, 14, 15, 16,
            ])
    }

    /// The same exercise in the textbook's convention, which continues from ssthresh + 3 after
    /// fast recovery: rounds 17 to 22 are 24 to 29 and the timeout leaves ssthresh 14.
    @Test func textbookRenoContinuesFromSsthreshPlusThree() throws {
        let options = words(["inflate": "", "rounds": "28"])
        let trace = try CongestionDemo.run(try CongestionDemo.parameters(from: options), seed: 1)
        #expect(
            trace.trace.map(\.cwnd) == [
                1, 2, 4, 8, 16, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 24, 25, 26, 27, 28, 29, 1, 2, 4, 8, 14, 15,
            ])
        #expect(trace.trace[23].ssthresh == 14)
        #expect(trace.trace[17].ssthresh == 21)
    }

    @Test func tahoeRestartsFromOneOnDuplicateACKs() throws {
        #expect(
            try cwnds(.tahoe, rounds: 24).suffix(8) == [1, 2, 4, 8, 16, 21, 1, 2])
    }

    @Test func twoLossesInOneWindowHalveRenoTwiceButNewRenoOnce() throws {
        let reno = try cwnds(.reno, rounds: 9, losses: ["6:dup2"], ssthresh: "16")
        let newreno = try cwnds(.newreno, rounds: 9, losses: ["6:dup2"], ssthresh: "16")
        // Round 6 sends 17 segments: Reno ends with ssthresh 8/2 = 4, NewReno with 8 held for a round.
        #expect(reno == [1, 2, 4, 8, 16, 17, 4, 5, 6])
        #expect(newreno == [1, 2, 4, 8, 16, 17, 8, 8, 9])
    }

    @Test func threeLossesInOneWindowTimeRenoOut() throws {
        #expect(try cwnds(.reno, rounds: 8, losses: ["6:dup3"], ssthresh: "16") == [1, 2, 4, 8, 16, 17, 1, 2])
    }

    @Test func tooSmallAWindowCannotTriggerFastRetransmit() throws {
        let options = words(["losses": "2:dup", "rounds": "4"])
        let trace = try CongestionDemo.run(try CongestionDemo.parameters(from: options), seed: 1)
        #expect(trace.result.losses == [CongestionDemo.Loss(round: 2, signal: .timeout, count: 1)])
        #expect(trace.trace.map(\.cwnd) == [1, 2, 1, 2])
    }

    @Test func cubicReducesByBetaAndClimbsBackTowardsWmax() throws {
        // Slow start reaches 64 in round 7; round 8 is CUBIC's first step. With a 0.5 s RTT,
        // K = cbrt(0.3 W_max / 0.4), about 3.7 s, is some seven rounds.
        let values = try cwnds(.cubic, rounds: 40, losses: ["8:dup"], ssthresh: "64", extra: ["rtt": "0.5"])
        #expect(values[6] == 64 && values[7] > 64)
        let atLoss = values[7]
        #expect(abs(values[8] - atLoss * 0.7) < 1e-9)
        // Concave then convex: growth slows near W_max, then speeds up past it.
        let growth = zip(values.dropFirst(9), values.dropFirst(8)).map { $0 - $1 }
        #expect(growth.allSatisfy { $0 >= 0 })
        #expect(values.last! > atLoss)
    }

    @Test func cubicFastConvergenceLowersWmaxAfterASmallerPeak() {
        var controller = CongestionController(algorithm: .cubic, initialWindow: 100, ssthresh: 50)
        controller.tripleDuplicateACK(flightSize: 100)
        #expect(controller.cwnd == 70 && controller.wMax == 100)
        controller.tripleDuplicateACK(flightSize: 70)
        #expect(abs(controller.wMax - 70 * 1.7 / 2) < 1e-9)
    }

    @Test(arguments: [
        ("1", 1460, 1.0), ("rfc5681", 1460, 3.0), ("rfc5681", 9000, 2.0), ("rfc5681", 536, 4.0),
        ("rfc6928", 1460, 10.0), ("rfc6928", 536, 10.0), ("rfc6928", 9000, 2.0),
    ])
    func initialWindowFollowsTheRFCs(iw: String, mss: Int, segments: Double) throws {
        #expect(try CongestionDemo.initialWindow(iw, mss: mss) == segments)
    }

    @Test func perACKSlowStartDoublesEachRound() throws {
        let options = words(["per-ack": "", "losses": "none", "rounds": "6", "ssthresh": "16"])
        let trace = try CongestionDemo.run(try CongestionDemo.parameters(from: options), seed: 1)
        // Congestion avoidance adds 1/cwnd per ACK (RFC 5681 eq. 3): 16 ACKs raise cwnd by a little less than one.
        var expected = 16.0
        for _ in 0..<16 { expected += 1 / expected }
        let afterRound5 = expected
        for _ in 0..<16 { expected += 1 / expected }
        #expect(CongestionDemo.cwndPerRound(trace).map(\.cwnd) == [1, 2, 4, 8, 16, afterRound5])
        #expect(trace.result.cwnd == expected)
    }

    @Test func perACKFastRecoveryInflatesThenDeflates() throws {
        let options = words(["per-ack": "", "losses": "5:dup", "rounds": "6", "ssthresh": "64"])
        let trace = try CongestionDemo.run(try CongestionDemo.parameters(from: options), seed: 1)
        let round5 = trace.trace.filter { $0.round == 5 }
        // 16 sent, the first lost: 15 duplicate ACKs; the third sets ssthresh 8, cwnd 11, each later one adds 1.
        #expect(round5.count == 15)
        #expect(round5[2].cwnd == 11 && round5[2].ssthresh == 8)
        #expect(round5.last!.cwnd == 23)
        let first6 = trace.trace.first { $0.round == 6 }!
        #expect(first6.cwnd == 8 && first6.event == "ACK of the retransmission ends fast recovery")
    }

    @Test func randomLossesComeFromTheSeed() throws {
        let options = words(["random-loss": "0.2", "rounds": "30"])
        let parameters = try CongestionDemo.parameters(from: options)
        #expect(try CongestionDemo.run(parameters, seed: 3).trace == CongestionDemo.run(parameters, seed: 3).trace)
        #expect(
            try CongestionDemo.run(parameters, seed: 3).result.losses != CongestionDemo.run(parameters, seed: 4).result.losses)
    }

    @Test(arguments: ["8", "8:drop", "x:dup", "0:dup"])
    func malformedLossesAreBadOptions(text: String) {
        let options = words(["losses": text])
        #expect(throws: DemoError.self) { try CongestionDemo.parameters(from: options) }
    }
}
