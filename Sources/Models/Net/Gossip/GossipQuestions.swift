import Basics
import Foundation

/// `gossip.push.rounds`: about how many rounds push gossip needs to reach N nodes.
public enum GossipRoundsQuestion: QuestionGenerator {
    public static let name = "gossip.push.rounds"
    public static let summary = "Rounds for push gossip (fanout 1) to reach all of N nodes"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let choices = [1_000, 4_096, 10_000, 65_536, 100_000, 262_144, 1_000_000]
        let nodes = choices[Int(random.next() % UInt64(choices.count))]
        let theory = GossipTheory.predict(mode: .push, live: nodes, fanout: 1, loss: 0, failedFraction: 0)
        let rounded = Int(theory.rounds.rounded())
        let log2N = log2(Double(nodes))
        let lnN = log(Double(nodes))
        return GeneratedQuestion(
            generator: name,
            prompt: "Push gossip, fanout 1, no loss: every informed node sends the rumour to one random "
                + "node per round. About how many rounds until all \(NetFormat.grouped(nodes)) nodes know it? "
                + "(a whole number)",
            answer: "\(rounded)",
            accepted: (rounded - 1...rounded + 1).map(String.init),
            explanation: "log2 N + ln N = \(NetFormat.fixed(log2N, 1)) + \(NetFormat.fixed(lnN, 1)) = "
                + "\(NetFormat.fixed(theory.rounds, 1)) (Pittel 1987): the informed set doubles each round until "
                + "about half know it, then the last uninformed nodes each escape a round with probability "
                + "about 1/e, which takes ln N more rounds. Simulations add about one round.",
            demo: "gossip --mode push --nodes \(nodes)")
    }
}
