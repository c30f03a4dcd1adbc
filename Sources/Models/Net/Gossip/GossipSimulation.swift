import Basics

/// How a gossip round moves a rumour between two nodes.
///
/// In every round each live node picks `fanout` partners uniformly at random among the other
/// N - 1 nodes (failed ones included: a caller cannot know) and:
/// - `push`: an informed node sends the rumour to each partner (Frieze and Grimmett 1985,
///   Pittel 1987);
/// - `pull`: an uninformed node asks each partner, and an informed partner answers with the
///   rumour (Demers et al. 1987, "anti-entropy");
/// - `pushPull`: every node calls its partners, pushing if it is informed and pulling if it is
///   not (Karp, Schindelhauer, Shenker and Vöcking 2000).
public enum GossipMode: String, Codable, Sendable, CaseIterable {
    case push
    case pull
    case pushPull = "push-pull"
}

/// What one round of one run did.
public struct GossipRound: Codable, Sendable, Equatable {
    /// 1 for the first round of calls; the origin alone is informed before it.
    public var round: Int
    /// Live nodes holding the rumour at the end of the round.
    public var informed: Int
    /// Nodes that learnt the rumour in this round.
    public var newlyInformed: Int
    /// Every message sent in the round: rumour copies, pull requests and lost messages alike.
    public var messages: Int
    /// Rumour copies that reached a live node which already had the rumour.
    public var redundant: Int

    public init(round: Int, informed: Int, newlyInformed: Int, messages: Int, redundant: Int) {
        self.round = round
        self.informed = informed
        self.newlyInformed = newlyInformed
        self.messages = messages
        self.redundant = redundant
    }
}

/// Synchronous-round gossip over `nodes` nodes, one run from a single origin (node 0).
///
/// The state is bitsets and flat lists indexed by node number, no per-node objects: `known`
/// marks the informed nodes, `old` those informed before the current round (only they answer
/// pulls: a node informed in round r starts spreading in round r + 1, as in the synchronous
/// model of the papers), `failed` the crashed nodes, which neither send nor receive. A million
/// nodes take 128 KB per bitset, small enough for the random probes to stay in cache.
///
/// Drive it with `advance()` until `isComplete`, or call `run(maxRounds:)`.
///
/// - Complexity: O(N) memory; each round costs O(fanout · callers), where the callers are the
///   informed nodes (push), the uninformed live nodes (pull) or every live node (push-pull).
public struct GossipSimulation: Sendable {
    public let nodes: Int
    public let mode: GossipMode
    public let fanout: Int
    /// Probability that any single message is lost, in [0, 1).
    public let loss: Double
    /// Crashed nodes: they never send or receive. Node 0, the origin, is always live.
    public let failedCount: Int
    public private(set) var round = 0
    /// Totals so far.
    public private(set) var tally = GossipTally()

    private var known: [UInt64]
    private var old: [UInt64]
    private var failed: [UInt64]
    /// The informed nodes, in the order they learnt the rumour (push callers).
    private var informedList: [Int32]
    /// The live nodes that have not heard yet (pull callers), compacted after every round.
    private var uninformedList: [Int32]
    private var random: SplitMix64
    private let lossThreshold: UInt64

    /// Live nodes holding the rumour.
    public var informedCount: Int { tally.informed }
    public var messagesSent: Int { tally.messages }
    /// Rumour copies delivered to live nodes (the first copy a node gets included).
    public var copiesDelivered: Int { tally.copies }
    public var redundantCopies: Int { tally.redundant }
    /// Live nodes: the coverage target.
    public var liveCount: Int { nodes - failedCount }
    public var isComplete: Bool { tally.informed == liveCount }

    /// Sets up a run: `failedFraction` of the nodes other than the origin, rounded to a whole
    /// number and chosen at random, are crashed before the first round.
    public init(nodes: Int, mode: GossipMode, fanout: Int, loss: Double, failedFraction: Double, seed: UInt64) {
        precondition(nodes >= 2, "gossip needs at least two nodes")
        precondition(fanout >= 1 && loss >= 0 && loss < 1 && failedFraction >= 0 && failedFraction < 1)
        self.nodes = nodes
        self.mode = mode
        self.fanout = fanout
        self.loss = loss
        random = SplitMix64(seed: seed)
        lossThreshold = UInt64(loss * 18_446_744_073_709_551_616.0)
        let failedCount = min(nodes - 2, Int((failedFraction * Double(nodes - 1)).rounded()))
        self.failedCount = failedCount

        let words = (nodes + 63) / 64
        known = Array(repeating: 0, count: words)
        known[0] = 1
        old = mode == .push ? [] : known
        failed = failedCount > 0 ? Array(repeating: 0, count: words) : []
        // Floyd's sampling of `failedCount` distinct nodes among 1..<nodes.
        let candidates = UInt64(nodes - 1)
        for j in (candidates - UInt64(failedCount))..<candidates {
            let pick = Int(random.uniform(below: j + 1)) + 1
            let node = failed.contains(bit: pick) ? Int(j) + 1 : pick
            failed[node >> 6] |= 1 << UInt64(node & 63)
        }
        informedList = [0]
        informedList.reserveCapacity(nodes - failedCount)
        uninformedList = []
        if mode != .push {
            uninformedList.reserveCapacity(nodes - 1 - failedCount)
            for v in 1..<nodes where !failed.contains(bit: v) { uninformedList.append(Int32(v)) }
        }
    }

    /// Plays one round of calls and reports it.
    public mutating func advance() -> GossipRound {
        round += 1
        let before = tally
        let oldCount = informedList.count
        var engine = Engine(
            nodes: nodes, fanout: fanout, lossThreshold: lossThreshold, random: random, tally: tally)
        if mode != .pull {
            engine.push(callers: oldCount, list: &informedList, known: &known, failed: failed)
        }
        if mode != .push {
            engine.pull(
                callers: &uninformedList, informedList: &informedList, known: &known, old: old, failed: failed)
            for index in oldCount..<informedList.count {
                let node = Int(informedList[index])
                old[node >> 6] |= 1 << UInt64(node & 63)
            }
        }
        random = engine.random
        tally = engine.tally
        return GossipRound(
            round: round, informed: tally.informed, newlyInformed: tally.informed - before.informed,
            messages: tally.messages - before.messages, redundant: tally.redundant - before.redundant)
    }

    /// Rounds until every live node is informed or `maxRounds` have been played.
    public mutating func run(maxRounds: Int) -> [GossipRound] {
        var rounds: [GossipRound] = []
        while !isComplete && round < maxRounds { rounds.append(advance()) }
        return rounds
    }

    /// One round's inner loops, on unsafe views of the bitsets: the hot path of a million-node
    /// run, kept free of bounds and uniqueness checks.
    private struct Engine {
        let nodes: Int
        let fanout: Int
        let lossThreshold: UInt64
        var random: SplitMix64
        var tally: GossipTally

        mutating func partner(of caller: Int) -> Int {
            let pick = Int(random.uniform(below: UInt64(nodes - 1)))
            return pick >= caller ? pick + 1 : pick
        }

        mutating func isLost() -> Bool {
            lossThreshold != 0 && random.next() < lossThreshold
        }

        /// The first `callers` nodes of `list` (those informed before this round) push.
        mutating func push(callers: Int, list: inout [Int32], known: inout [UInt64], failed: [UInt64]) {
            let hasFailures = !failed.isEmpty
            known.withUnsafeMutableBufferPointer { known in
                failed.withUnsafeBufferPointer { failed in
                    for index in 0..<callers {
                        let caller = Int(list[index])
                        for _ in 0..<fanout {
                            let target = partner(of: caller)
                            tally.messages += 1
                            if isLost() { continue }
                            let word = target >> 6
                            let bit = UInt64(1) << UInt64(target & 63)
                            if hasFailures && failed[word] & bit != 0 { continue }
                            tally.copies += 1
                            if known[word] & bit != 0 {
                                tally.redundant += 1
                            } else {
                                known[word] |= bit
                                tally.informed += 1
                                list.append(Int32(target))
                            }
                        }
                    }
                }
            }
        }

        /// Every uninformed live node asks `fanout` partners; one informed before this round
        /// answers with the rumour. Callers that learn it leave `callers`.
        mutating func pull(
            callers: inout [Int32], informedList: inout [Int32], known: inout [UInt64], old: [UInt64],
            failed: [UInt64]
        ) {
            let hasFailures = !failed.isEmpty
            known.withUnsafeMutableBufferPointer { known in
                old.withUnsafeBufferPointer { old in
                    failed.withUnsafeBufferPointer { failed in
                        for index in callers.indices {
                            let caller = Int(callers[index])
                            for _ in 0..<fanout {
                                let target = partner(of: caller)
                                tally.messages += 1
                                if isLost() { continue }
                                let word = target >> 6
                                let bit = UInt64(1) << UInt64(target & 63)
                                if hasFailures && failed[word] & bit != 0 { continue }
                                if old[word] & bit == 0 { continue }
                                tally.messages += 1
                                if isLost() { continue }
                                tally.copies += 1
                                let callerWord = caller >> 6
                                let callerBit = UInt64(1) << UInt64(caller & 63)
                                if known[callerWord] & callerBit != 0 {
                                    tally.redundant += 1
                                } else {
                                    known[callerWord] |= callerBit
                                    tally.informed += 1
                                    informedList.append(Int32(caller))
                                }
                            }
                        }
                        var kept = 0
                        for index in callers.indices {
                            let node = Int(callers[index])
                            if known[node >> 6] & (1 << UInt64(node & 63)) == 0 {
                                callers[kept] = callers[index]
                                kept += 1
                            }
                        }
                        callers.removeLast(callers.count - kept)
                    }
                }
            }
        }
    }
}

/// Running totals of one gossip run.
public struct GossipTally: Sendable, Equatable {
    /// Live nodes holding the rumour.
    public var informed = 1
    /// Every message sent: rumour copies, pull requests and lost messages alike.
    public var messages = 0
    /// Rumour copies delivered to live nodes (the first copy a node gets included).
    public var copies = 0
    /// Copies that reached a node that already had the rumour.
    public var redundant = 0
}

extension Array where Element == UInt64 {
    /// Whether bit `index` of a bitset is set; an empty bitset has none.
    fileprivate func contains(bit index: Int) -> Bool {
        !isEmpty && self[index >> 6] & (1 << UInt64(index & 63)) != 0
    }
}

extension SplitMix64 {
    /// A uniform integer in 0..<bound without modulo bias (Lemire 2019, "Fast random integer
    /// generation in an interval").
    fileprivate mutating func uniform(below bound: UInt64) -> UInt64 {
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }
}
