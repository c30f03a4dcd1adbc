import Foundation

/// What the literature predicts for the number of rounds until every live node is informed.
///
/// A run has two phases. While few nodes know the rumour, their number grows by a constant
/// factor each round (2 for push or pull with fanout 1, 3 for push-pull); once most know it,
/// the uninformed die out, slowly for push (each one escapes all pushes with probability
/// e^-fanout, so ln N / fanout rounds) and fast for pull (an uninformed node stays so only if
/// every partner it asks is uninformed too: the fraction squares each round, so log log N rounds).
/// - Push, fanout 1: log2 N + ln N + O(1) (Frieze and Grimmett 1985; Pittel 1987).
/// - Push-pull, fanout 1: log3 N + O(log log N) (Karp, Schindelhauer, Shenker and Vöcking 2000).
/// - Pull, fanout 1: log2 N + O(log log N) (the same paper's analysis of the pull phase).
///
/// Loss and failures are folded in as an effective fanout: a push reaches a live node with
/// probability (1 - loss)(1 - failed); a pull needs its request and its answer to arrive and the
/// partner to be live, (1 - loss)^2 (1 - failed). Those cases are estimates of the same shape,
/// not theorems.
public struct GossipTheory: Codable, Sendable, Equatable {
    /// Who proved the pure case.
    public var source: String
    /// The formula evaluated, in the notation of the papers.
    public var formula: String
    /// Its value at this N (live nodes), in rounds.
    public var rounds: Double

    public init(source: String, formula: String, rounds: Double) {
        self.source = source
        self.formula = formula
        self.rounds = rounds
    }

    /// The prediction for `live` live nodes.
    public static func predict(
        mode: GossipMode, live: Int, fanout: Int, loss: Double, failedFraction: Double
    ) -> GossipTheory {
        let n = Double(max(live, 2))
        let k = Double(fanout)
        let pushReach = (1 - loss) * (1 - failedFraction)
        let pullReach = (1 - loss) * (1 - loss) * (1 - failedFraction)
        let pure = loss == 0 && failedFraction == 0
        let kPush = k * pushReach
        let kPull = k * pullReach
        // How many rounds the pull side needs to mop up the last uninformed nodes: doubly
        // exponential when every request is answered, geometric otherwise.
        let pullEnd = pullReach >= 1 ? log(log2(n)) / log(k + 1) : log(n) / (-k * log(1 - pullReach))
        switch mode {
        case .push:
            let rounds = log(n) / log(1 + kPush) + log(n) / kPush
            if pure && fanout == 1 {
                return GossipTheory(source: "Pittel 1987", formula: "log2 N + ln N", rounds: rounds)
            }
            return GossipTheory(
                source: "after Pittel 1987, effective fanout k",
                formula: "log_(1+k) N + ln N / k, k = \(NetFormat.fixed(kPush, 2))", rounds: rounds)
        case .pull:
            let rounds = log(n) / log(1 + kPull) + pullEnd
            if pure && fanout == 1 {
                return GossipTheory(source: "Karp et al. 2000", formula: "log2 N + log2 log2 N", rounds: rounds)
            }
            return GossipTheory(
                source: "after Karp et al. 2000, effective fanout k",
                formula: "log_(1+k) N + mop-up, k = \(NetFormat.fixed(kPull, 2))", rounds: rounds)
        case .pushPull:
            let end = pullReach >= 1 ? pullEnd : log(n) / (kPush + k * -log(1 - pullReach))
            let rounds = log(n) / log(1 + kPush + kPull) + end
            if pure && fanout == 1 {
                return GossipTheory(source: "Karp et al. 2000", formula: "log3 N + log2 log2 N", rounds: rounds)
            }
            return GossipTheory(
                source: "after Karp et al. 2000, effective fanouts",
                formula: "log_(1+k+k') N + mop-up, k = \(NetFormat.fixed(kPush, 2)), k' = \(NetFormat.fixed(kPull, 2))",
                rounds: rounds)
        }
    }
}
