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
        let sum = "log2 N + ln N = \(NetFormat.fixed(log2N, 1)) + \(NetFormat.fixed(lnN, 1)) = "
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "Push gossip, fanout 1, no loss: every informed node sends the rumour to one random "
                    + "node per round. About how many rounds until all \(NetFormat.grouped(nodes)) nodes know it? "
                    + "(a whole number)",
                zh: "推送式 Gossip（push），扇出为 1，无丢包：每一轮，每个已得知流言的节点都把它发给一个随机节点。"
                    + "大约经过多少轮，全部 \(NetFormat.grouped(nodes)) 个节点都会得知？（填整数）"),
            answer: "\(rounded)",
            accepted: (rounded - 1...rounded + 1).map(String.init),
            explanation: language.pick(
                en: sum
                    + "\(NetFormat.fixed(theory.rounds, 1)) (Pittel 1987): the informed set doubles each round until "
                    + "about half know it, then the last uninformed nodes each escape a round with probability "
                    + "about 1/e, which takes ln N more rounds. Simulations add about one round.",
                zh: sum
                    + "\(NetFormat.fixed(theory.rounds, 1))（Pittel 1987）：已得知的节点集合每轮翻倍，直到约一半节点得知；"
                    + "此后剩下每个未得知的节点每轮都以约 1/e 的概率漏过，把它们全部覆盖还需 ln N 轮。"
                    + "模拟结果通常再多约一轮。"),
            demo: "gossip --mode push --nodes \(nodes)")
    }
}
