import Basics
import Benchmarks
import Foundation
import Testing

@testable import Demos
@testable import Models

@Suite struct GossipTests {
    /// Mean rounds to full coverage over `runs` seeded runs.
    static func meanRounds(
        _ mode: GossipMode, nodes: Int, runs: Int, fanout: Int = 1, loss: Double = 0, failed: Double = 0,
        seed: UInt64 = 1
    ) -> Double {
        var total = 0
        for run in 0..<runs {
            var simulation = GossipSimulation(
                nodes: nodes, mode: mode, fanout: fanout, loss: loss, failedFraction: failed,
                seed: seed &+ UInt64(run) &* 0x9E37_79B9)
            _ = simulation.run(maxRounds: 10_000)
            #expect(simulation.isComplete)
            total += simulation.round
        }
        return Double(total) / Double(runs)
    }

    @Test(arguments: [(1_000, 8), (10_000, 8), (100_000, 2)])
    func pushNeedsAboutLog2NPlusLnNRounds(nodes: Int, runs: Int) {
        let mean = Self.meanRounds(.push, nodes: nodes, runs: runs)
        let theory = log2(Double(nodes)) + log(Double(nodes))
        // Pittel: log2 N + ln N + O(1); simulations sit about one round above the two terms.
        #expect(mean >= theory - 1 && mean <= theory + 3, "mean \(mean), theory \(theory)")
    }

    @Test(arguments: [(1_000, 8), (10_000, 8), (100_000, 2)])
    func pushPullNeedsAboutLog3NRoundsPlusALittle(nodes: Int, runs: Int) {
        let mean = Self.meanRounds(.pushPull, nodes: nodes, runs: runs)
        let log3 = log(Double(nodes)) / log(3)
        // Karp et al.: log3 N + O(log log N).
        #expect(mean >= log3 && mean <= log3 + log2(log2(Double(nodes))) + 1, "mean \(mean), log3 N \(log3)")
        // Well under push's log2 N + ln N.
        #expect(mean < log2(Double(nodes)) + log(Double(nodes)) - 5)
    }

    @Test(arguments: [(1_000, 8), (10_000, 8), (100_000, 2)])
    func pullNeedsAboutLog2NPlusLogLogNRounds(nodes: Int, runs: Int) {
        let mean = Self.meanRounds(.pull, nodes: nodes, runs: runs)
        let theory = GossipTheory.predict(mode: .pull, live: nodes, fanout: 1, loss: 0, failedFraction: 0)
        #expect(abs(mean - theory.rounds) <= 2.5, "mean \(mean), theory \(theory.rounds)")
    }

    @Test func lossAndFailuresSlowPushAsTheEffectiveFanoutPredicts() {
        for (loss, failed) in [(0.5, 0.0), (0.0, 0.5), (0.3, 0.2)] {
            let mean = Self.meanRounds(.push, nodes: 5_000, runs: 6, loss: loss, failed: failed)
            let theory = GossipTheory.predict(
                mode: .push, live: 5_000 - Int(failed * 4_999), fanout: 1, loss: loss,
                failedFraction: failed)
            #expect(
                abs(mean - theory.rounds) / theory.rounds < 0.15,
                "loss \(loss) failed \(failed): \(mean) vs \(theory.rounds)")
            #expect(mean > Self.meanRounds(.push, nodes: 5_000, runs: 6) + 8)
        }
    }

    @Test func crashedNodesAreNeverInformedAndEveryLiveOneIs() throws {
        let trace = try GossipDemo.run(
            GossipDemo.Parameters(nodes: 2_000, mode: .pushPull, failed: 0.25, runs: 1), seed: 3)
        #expect(trace.result.live == 2_000 - 500)
        #expect(trace.result.complete)
        #expect(trace.result.informed == 1_500)
        #expect(trace.trace.last?.informed == 1_500)
        #expect(trace.trace.allSatisfy { $0.informed <= 1_500 })
    }

    @Test func pushSendsFanoutMessagesPerInformedNodePerRound() {
        var simulation = GossipSimulation(nodes: 3_000, mode: .push, fanout: 2, loss: 0, failedFraction: 0, seed: 9)
        var informed = 1
        while !simulation.isComplete {
            let round = simulation.advance()
            #expect(round.messages == 2 * informed)
            informed = round.informed
        }
        #expect(simulation.copiesDelivered == simulation.messagesSent)
        #expect(simulation.copiesDelivered - simulation.redundantCopies == 2_999)
    }

    @Test func pullWithFanoutOneNeverDeliversARedundantCopy() {
        var simulation = GossipSimulation(nodes: 3_000, mode: .pull, fanout: 1, loss: 0, failedFraction: 0, seed: 2)
        _ = simulation.run(maxRounds: 1_000)
        #expect(simulation.isComplete)
        #expect(simulation.redundantCopies == 0)
        #expect(simulation.copiesDelivered == 2_999)
    }

    @Test func aNodeInformedThisRoundDoesNotSpreadUntilTheNext() {
        // With push and fanout 1 the informed set can at most double per round.
        var simulation = GossipSimulation(nodes: 50_000, mode: .push, fanout: 1, loss: 0, failedFraction: 0, seed: 4)
        var before = 1
        while !simulation.isComplete {
            let round = simulation.advance()
            #expect(round.informed <= 2 * before)
            before = round.informed
        }
    }

    @Test func theSameSeedGivesTheSameRunAndAnotherSeedAnother() throws {
        let parameters = GossipDemo.Parameters(nodes: 5_000, mode: .pushPull, loss: 0.1, failed: 0.1, runs: 3)
        let a = try DemoCatalog.execute(
            name: "gossip",
            arguments: [
                "--nodes", "5000", "--mode", "push-pull",
                "--loss", "0.1", "--failed", "0.1", "--runs", "3",
            ], seed: 11, json: true, style: .plain)
        let b = try JSONEncoder.netSorted.encode(try GossipDemo.run(parameters, seed: 11))
        let c = try JSONEncoder.netSorted.encode(try GossipDemo.run(parameters, seed: 12))
        #expect(Data(a.utf8) == b)
        #expect(b != c)
    }

    /// The whole trace of a 20-node push run, fixed for seed 7: a change in the RNG, partner
    /// choice or round semantics shows up here first.
    @Test func smallPushRunIsPinned() throws {
        let trace = try GossipDemo.run(GossipDemo.Parameters(nodes: 20, runs: 1), seed: 7)
        #expect(trace.trace.map(\.informed) == [2, 4, 8, 13, 16, 17, 19, 20])
        #expect(trace.trace.map(\.messages) == [1, 2, 4, 8, 13, 16, 17, 19])
        #expect(trace.result.redundant == 61)
    }

    @Test func renderingFitsEightyColumnsAndShowsTheCurve() throws {
        let text = try DemoCatalog.execute(
            name: "gossip",
            arguments: [
                "--nodes", "100000", "--mode", "push-pull", "--loss", "0.3", "--failed", "0.2",
                "--runs", "1",
            ], seed: 1, json: false, style: .plain)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        #expect(text.contains("all 80,000 live nodes (20,000 crashed) informed after"))
        #expect(text.contains("|####"))
        #expect(!text.contains("\u{1B}["))
        let colored = try DemoCatalog.execute(
            name: "gossip", arguments: ["--nodes", "100", "--runs", "1"], seed: 1, json: false,
            style: RenderStyle(color: true))
        #expect(colored.contains("\u{1B}[32m"))
    }

    @Test(arguments: [
        ["--mode", "gossipy"], ["--nodes", "1"], ["--loss", "1"], ["--fanout", "0"], ["--speed", "2"],
    ])
    func badOptionsAreRefused(arguments: [String]) {
        #expect(throws: DemoError.self) {
            try DemoCatalog.execute(name: "gossip", arguments: arguments, seed: 1, json: false, style: .plain)
        }
    }

    @Test func aChoiceIsReadInAnyCaseAndAWrongOneNamesEveryCase() throws {
        #expect(try GossipDemo.parameters(from: ["--mode", "Push-Pull"]).mode == .pushPull)
        #expect(try GossipDemo.parameters(from: []).mode == .push)
        #expect(throws: DemoError.badOption("--mode takes push, pull or push-pull, not 'gossipy'")) {
            try GossipDemo.parameters(from: ["--mode", "gossipy"])
        }
    }

    @Test func failedNodesAreExactlyTheRequestedFractionAndNeverTheOrigin() {
        for seed in UInt64(1)...20 {
            let simulation = GossipSimulation(
                nodes: 101, mode: .push, fanout: 1, loss: 0, failedFraction: 0.5, seed: seed)
            #expect(simulation.failedCount == 50)
            #expect(simulation.liveCount == 51)
        }
    }

    @Test func benchmarkReportsEveryModeAndItsVerdict() {
        let report = GossipBenchmark.run(nodes: 20_000, runs: 2, seed: 5)
        #expect(report.modes.map(\.mode) == [.push, .pull, .pushPull])
        #expect(report.modes.allSatisfy { $0.statistics.completeRuns == 2 })
        #expect(report.rendered().contains("push-pull"))
    }

    @Test func roundsQuestionAcceptsTheFormulaRoundedPlusOrMinusOne() {
        let question = GossipRoundsQuestion.generate(seed: 3)
        let nodes = Double(question.demo!.text.split(separator: " ").last!)!
        let expected = Int((log2(nodes) + log(nodes)).rounded())
        #expect(question.answer == "\(expected)")
        #expect(question.isCorrect("\(expected + 1)"))
        #expect(!question.isCorrect("\(expected + 3)"))
        #expect(QuestionCatalog.generator(named: "gossip.push.rounds") != nil)
    }
}

extension JSONEncoder {
    /// The encoder `DemoCatalog.execute` uses for `--json`.
    static var netSorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
