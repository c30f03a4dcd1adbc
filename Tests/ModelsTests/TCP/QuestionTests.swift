import Basics
import Testing

@testable import Demos
@testable import Models

@Suite struct QuestionTests {
    static let seeds: [UInt64] = Array(1...40)

    @Test func generatorsAreRegisteredAndDeterministic() {
        let names = tcpQuestions.map { $0.name }
        #expect(Set(names).count == names.count)
        for generator in tcpQuestions {
            #expect(generator.generate(seed: 11) == generator.generate(seed: 11), "\(generator.name)")
            #expect(generator.generate(seed: 11).isCorrect(generator.generate(seed: 11).answer))
            #expect(QuestionCatalog.generator(named: generator.name) != nil)
        }
    }

    @Test func everyDemoLinkRunsTheCaseItNames() throws {
        for generator in tcpQuestions {
            for seed in Self.seeds.prefix(5) {
                guard let demo = generator.generate(seed: seed).demo else { continue }
                let parts = demo.text.split(separator: " ").map(String.init)
                #expect(throws: Never.self) {
                    try DemoCatalog.execute(
                        name: parts[0], arguments: Array(parts.dropFirst()), seed: seed, json: true, style: .plain)
                }
            }
        }
    }

    /// The Reno answer recomputed by hand from RFC 5681's per-round rules, independently of
    /// `CongestionController`.
    @Test(arguments: seeds)
    func renoCwndAnswerFollowsTheRules(seed: UInt64) throws {
        let question = RenoCwndQuestion.generate(seed: seed)
        let numbers = question.prompt.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        // "cwnd = 1 MSS and ssthresh = S MSS ... round D ... round T ... in round K"
        let (ssthreshStart, dup, timeout, asked) = (numbers[1], numbers[2], numbers[3], numbers[4])
        var cwnd = 1, ssthresh = ssthreshStart
        for round in 1..<asked {
            if round == dup && cwnd - 1 >= 3 {
                ssthresh = max(cwnd / 2, 2)
                cwnd = ssthresh
            } else if round == dup || round == timeout {
                ssthresh = max(cwnd / 2, 2)
                cwnd = 1
            } else if cwnd < ssthresh {
                cwnd = min(cwnd * 2, ssthresh)
            } else {
                cwnd += 1
            }
        }
        #expect(question.answer == String(cwnd), "\(question.prompt)")
        #expect(question.isCorrect("\(cwnd) MSS"))
    }

    @Test(arguments: seeds)
    func stateAnswerIsTheMachinesNextState(seed: UInt64) throws {
        let question = StateAfterEventQuestion.generate(seed: seed)
        let parts = question.demo!.text.split(separator: " ")
        var machine = TCPStateMachine(state: TCPState(name: String(parts[2]))!, passive: parts[2] == "SYN_RCVD")
        _ = try machine.handle(TCPEvent(rawValue: String(parts[4]))!)
        #expect(question.answer == machine.state.rawValue)
        #expect(question.isCorrect(machine.state.rawValue.lowercased().replacingOccurrences(of: "_", with: "-")))
    }

    @Test(arguments: seeds)
    func checksumAnswerVerifiesAgainstTheWords(seed: UInt64) throws {
        let question = ChecksumWordsQuestion.generate(seed: seed)
        let words = question.demo!.text.split(separator: " ")[2].split(separator: ",").map { UInt16($0, radix: 16)! }
        let checksum = UInt16(question.answer, radix: 16)!
        // A receiver adding the checksum to the words gets all ones.
        #expect(InternetChecksum.onesComplementSum(words + [checksum]) == 0xFFFF)
        #expect(question.isCorrect("0x" + question.answer.uppercased()))
    }

    @Test(arguments: seeds)
    func handshakeAnswerIsEachISNPlusOne(seed: UInt64) {
        let question = HandshakeAckQuestion.generate(seed: seed)
        let numbers = question.prompt.split(whereSeparator: { !$0.isNumber }).compactMap { UInt32($0) }
        let (client, server) = (numbers[0], numbers[1])
        #expect(question.answer == "\(client &+ 1), \(server &+ 1)")
        #expect(question.isCorrect("\(client &+ 1) \(server &+ 1)"))
    }

    @Test func handshakeQuestionSometimesWrapsTheServerISN() {
        #expect(Self.seeds.contains { HandshakeAckQuestion.generate(seed: $0).answer.hasSuffix(", 0") })
    }

    @Test(arguments: seeds)
    func rtoAnswerMatchesTheEstimator(seed: UInt64) {
        let question = RTONextQuestion.generate(seed: seed)
        let numbers = question.prompt.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        var estimator = RTOEstimator(granularity: 0.001, minimum: 0.2)
        // Reproduce SRTT and RTTVAR by their definitions, then add the sample.
        let (srtt, rttvar, sample) = (Double(numbers[0]) / 1000, Double(numbers[1]) / 1000, Double(numbers[2]) / 1000)
        estimator.sample(2 * rttvar)
        let offset = srtt - 2 * rttvar
        _ = offset
        let expectedVar = 0.75 * rttvar + 0.25 * abs(srtt - sample)
        let expectedSRTT = 0.875 * srtt + 0.125 * sample
        let expected = max(0.2, expectedSRTT + 4 * expectedVar)
        #expect(abs(Double(question.answer)! / 1000 - expected) < 1e-9)
    }

    @Test(arguments: seeds)
    func usableWindowAndKeepaliveAnswers(seed: UInt64) {
        let window = UsableWindowQuestion.generate(seed: seed)
        let w = window.prompt.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(window.answer == String(w[0] + w[2] - w[1]))
        let keepalive = KeepaliveDetectQuestion.generate(seed: seed)
        let k = keepalive.prompt.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(keepalive.answer == String(k[0] + k[1] * k[2]))
    }
}

@Suite struct MoreQuestionTests {
    /// RTO after the FIN, then a full 2MSL from the retransmitted FIN's arrival.
    @Test(arguments: QuestionTests.seeds)
    func timeWaitEndIsRTOPlusTwoMSL(seed: UInt64) {
        let question = TimeWaitEndQuestion.generate(seed: seed)
        let words = question.demo!.text.split(separator: " ")
        let value = { (key: String) in Double(words[words.firstIndex(of: Substring(key))! + 1])! }
        #expect(abs(Double(question.answer)! - (value("--rto") + 2 * value("--msl"))) < 1e-9)
    }

    @Test(arguments: QuestionTests.seeds)
    func framingRemainingCountsWholeMessages(seed: UInt64) {
        let question = FramingRemainingQuestion.generate(seed: seed)
        let numbers = question.prompt.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        // Lengths, then "2-byte", then the cut.
        let (lengths, cut) = (Array(numbers[0..<3]), numbers[4])
        var offset = 0, complete = 0
        for length in lengths {
            if offset + 2 + length > cut { break }
            offset += 2 + length
            complete += 1
        }
        #expect(question.answer == "\(complete), \(cut - offset)")
    }
}
