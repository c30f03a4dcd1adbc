import Basics
import Foundation

/// Fits FSRS-6's 21 weights to a learner's review history, by the method of the reference
/// optimizers (fsrs-rs, the FSRS optimizer):
///
/// 1. Training items are each review made a day or more after the card's previous one, with
///    the card's reviews before it. Cards whose first answer and first interval form a rare
///    pair are left out (the reference's outlier filter).
/// 2. w0-w3, the initial stabilities, are fitted first from each card's first later review.
/// 3. All 21 weights then descend the recency-weighted binary cross-entropy of the predicted
///    recall, plus an L2 pull towards the starting weights: Adam, learning rate 0.04 on a cosine
///    schedule, batches of about 512 items, five epochs, the weights clipped to FSRS-6's bounds
///    after every step; the epoch with the lowest training loss wins.
///
/// Gradients are exact (`MemoryGradient` carries the derivatives through each card's reviews)
/// and batches are made of whole cards, so one walk over a card serves all of its items. The
/// result depends only on the input and the seed.
public struct FSRSOptimizer: Sendable {
    public struct Options: Sendable {
        public var epochs = 5
        public var batchSize = 512
        public var learningRate = 0.04
        /// Items whose card has more reviews than this, up to and including them, are not trained on.
        public var maximumSequenceLength = 256
        /// The strength of the pull towards the starting weights.
        public var gamma = 1.0
        public var seed: UInt64 = 2023
        /// Fewer training items than this is too little history to fit.
        public var minimumItems = 400

        public init() {}
    }

    /// How well a set of weights predicts a history, as the srs-benchmark measures it.
    public struct Evaluation: Sendable, Hashable, Codable {
        /// The mean binary cross-entropy of the predicted recall (lower is better).
        public let logLoss: Double
        /// The root mean square of predicted minus actual recall over bins of similar items
        /// (elapsed days, number of reviews, number of lapses), weighted by bin size.
        public let rmseBins: Double
    }

    public struct Result: Sendable {
        public let parameters: FSRSParameters
        public let fitted: Evaluation
        /// The same measures for the weights the learner had before, and for the defaults.
        public let current: Evaluation
        public let defaults: Evaluation
        /// Reviews in the history, and training items (reviews a day or more after the one before).
        public let reviews: Int
        public let items: Int
        /// Training items left after the outlier filter and the length limit.
        public let trainedItems: Int
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// Fewer training items than the optimizer needs.
        case tooLittleHistory(items: Int, needed: Int)

        public var description: String {
            switch self {
            case .tooLittleHistory(0, let needed):
                return "no reviews a day or more after the one before yet: fitting needs at least \(needed); "
                    + "answer cards with 'netprep quiz' for a few weeks, or bring Anki's with 'netprep import FILE.apkg'"
            case .tooLittleHistory(let items, let needed):
                return "too little history to fit: \(items) reviews came a day or more after the card's previous "
                    + "review, and the optimizer needs at least \(needed); keeping the current parameters"
            }
        }
    }

    /// The reference's standard deviations of the 21 weights across learners, which scale the
    /// L2 pull towards the starting weights.
    static let spread: [Double] = [
        6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25,
        1.03, 0.31, 0.32, 0.14, 0.27,
    ]

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Fits the weights to `sequences` and measures them, and `current`, on the same items.
    ///
    /// - Throws: `Failure.tooLittleHistory` below `options.minimumItems` training items.
    /// - Complexity: O(epochs × reviews × 21).
    public func optimize(_ sequences: [ReviewSequence], current: FSRSParameters = .default) throws(Failure)
        -> Result
    {
        let set = TrainingSet(sequences: sequences)
        guard set.items.count >= options.minimumItems else {
            throw .tooLittleHistory(items: set.items.count, needed: options.minimumItems)
        }
        let (weights, trained) = fit(set)
        let parameters = (try? FSRSParameters(weights)) ?? current
        let currentEvaluation = Self.evaluate(current, on: set)
        return Result(
            parameters: parameters, fitted: Self.evaluate(parameters, on: set), current: currentEvaluation,
            defaults: current == .default ? currentEvaluation : Self.evaluate(.default, on: set),
            reviews: sequences.reduce(0) { $0 + $1.ratings.count }, items: set.items.count, trainedItems: trained)
    }

    /// The fitted weights and the number of items trained on.
    func fit(_ set: TrainingSet) -> ([Double], Int) {
        let defaults = FSRSParameters.default.weights
        let averageRecall =
            Double(set.items.count { set.sequences[$0.sequence].ratings[$0.position] != .again })
            / Double(max(set.items.count, 1))
        let (kept, groups) = set.filteredForTraining()
        guard kept.count >= 8 else { return (defaults, 0) }
        let initial = InitialStability.fit(groups, averageRecall: averageRecall) ?? Array(defaults[0..<4])
        var start = initial + defaults[4...]
        clip(&start)
        guard kept.count >= 64 else { return (start, 0) }

        // Recency weights over the items in time order: 0.25 for the oldest rising to 1.
        let span = Double(max(kept.count - 1, 1))
        var cards: [Int: [TrainingItem]] = [:]
        var trained = 0
        for (index, item) in kept.enumerated() where item.position + 1 <= options.maximumSequenceLength {
            var weighted = item
            weighted.weight = 0.25 + 0.75 * pow(Double(index) / span, 3)
            cards[item.sequence, default: []].append(weighted)
            trained += 1
        }
        let cardOrder = cards.keys.sorted()
        let cardItems = cardOrder.map { cards[$0]!.sorted { $0.position < $1.position } }

        var w = start
        var best = start
        var bestLoss = Double.infinity
        var adam = Adam(count: MemoryGradient.count)
        var random = SplitMix64(seed: options.seed)
        let total = Double(trained)
        let iterations = Double((trained / options.batchSize + 1) * options.epochs)
        var step = 0
        var gradient = [Double](repeating: 0, count: MemoryGradient.count)
        var order = Array(cardItems.indices)
        for _ in 0..<options.epochs {
            order.shuffle(using: &random)
            var next = 0
            while next < order.count {
                var batch: [Int] = []
                var batchItems = 0
                while next < order.count && batchItems < options.batchSize {
                    batch.append(order[next])
                    batchItems += cardItems[order[next]].count
                    next += 1
                }
                for i in gradient.indices { gradient[i] = 0 }
                let model = MemoryGradient(weights: w)
                for card in batch {
                    _ = Self.walk(
                        set.sequences[cardItems[card][0].sequence], items: cardItems[card], model: model,
                        gradient: &gradient)
                }
                let pull = options.gamma * Double(batchItems) / total
                for i in 0..<MemoryGradient.count {
                    gradient[i] += pull * 2 * (w[i] - start[i]) / (Self.spread[i] * Self.spread[i])
                }
                step += 1
                let rate = options.learningRate * (1 + cos(Double.pi * min(Double(step), iterations) / iterations)) / 2
                adam.step(&w, gradient: gradient, learningRate: rate)
                clip(&w)
            }
            // The epoch's loss over every training item, with the whole L2 pull.
            let model = MemoryGradient(weights: w)
            var loss = 0.0
            var unused = [Double]()
            for items in cardItems {
                loss += Self.walk(set.sequences[items[0].sequence], items: items, model: model, gradient: &unused)
            }
            for i in 0..<MemoryGradient.count {
                loss += options.gamma * (w[i] - start[i]) * (w[i] - start[i]) / (Self.spread[i] * Self.spread[i])
            }
            if loss / total < bestLoss {
                bestLoss = loss / total
                best = w
            }
        }
        let smoothed = InitialStability.smoothAndFill(best[0..<4].map { $0 }, counts: groups.counts) ?? initial
        var result = smoothed + best[4...]
        clip(&result)
        return (result, trained)
    }

    /// Keeps each weight within FSRS-6's bounds (the initial stabilities within [0.001, 100]).
    func clip(_ w: inout [Double]) {
        for i in w.indices {
            let upper = i < 4 ? InitialStability.maximum : FSRSParameters.upperBounds[i]
            w[i] = min(max(w[i], FSRSParameters.lowerBounds[i]), upper)
        }
    }

    /// Walks one card's reviews and returns the weighted loss of `items` (sorted by position);
    /// when `gradient` has 21 entries, adds the loss's gradient to it.
    static func walk(_ sequence: ReviewSequence, items: [TrainingItem], model: MemoryGradient, gradient: inout [Double])
        -> Double
    {
        let differentiate = !gradient.isEmpty
        var state = MemoryGradient.State()
        model.start(&state, rating: sequence.ratings[0].rawValue, differentiate: differentiate)
        var loss = 0.0
        var nextItem = 0
        let last = items[items.count - 1].position
        for position in 1...last {
            let days = sequence.elapsedDays[position]
            let rating = sequence.ratings[position].rawValue
            var recall = (r: 1.0, byS: 0.0, byW20: 0.0)
            if days > 0 {
                recall = model.recall(days: Double(days), stability: state.s)
                if nextItem < items.count && items[nextItem].position == position {
                    let weight = items[nextItem].weight
                    nextItem += 1
                    let r = min(max(recall.r, 1e-12), 1 - 1e-12)
                    let recalled = rating > 1
                    loss -= weight * (recalled ? log(r) : log(1 - r))
                    if differentiate {
                        let byR = weight * (recalled ? -1 / r : 1 / (1 - r))
                        let byS = byR * recall.byS
                        for i in 0..<MemoryGradient.count { gradient[i] += byS * state.sByW[i] }
                        gradient[20] += byR * recall.byW20
                    }
                }
            }
            if position == last { break }
            model.step(&state, days: days, rating: rating, recall: recall, differentiate: differentiate)
        }
        return loss
    }

    /// Log loss and RMSE(bins) of `parameters` over every training item of `sequences`.
    public static func evaluate(_ parameters: FSRSParameters, on sequences: [ReviewSequence]) -> Evaluation {
        evaluate(parameters, on: TrainingSet(sequences: sequences))
    }

    static func evaluate(_ parameters: FSRSParameters, on set: TrainingSet) -> Evaluation {
        let model = MemoryGradient(weights: parameters.weights)
        struct Bin {
            var predicted = 0.0
            var actual = 0.0
            var count = 0.0
        }
        var bins: [BinKey: Bin] = [:]
        var loss = 0.0
        var count = 0
        var state = MemoryGradient.State()
        var byCard: [Int: [Int]] = [:]
        for item in set.items { byCard[item.sequence, default: []].append(item.position) }
        for (card, positions) in byCard.sorted(by: { $0.key < $1.key }) {
            let sequence = set.sequences[card]
            let wanted = Set(positions)
            model.start(&state, rating: sequence.ratings[0].rawValue, differentiate: false)
            var longTerm = 0
            var lapses = 0
            for position in 1...(positions.max() ?? 0) {
                let days = sequence.elapsedDays[position]
                let rating = sequence.ratings[position].rawValue
                var recall = (r: 1.0, byS: 0.0, byW20: 0.0)
                if days > 0 {
                    longTerm += 1
                    recall = model.recall(days: Double(days), stability: state.s)
                    if wanted.contains(position) {
                        let r = min(max(recall.r, 1e-12), 1 - 1e-12)
                        let actual = rating > 1 ? 1.0 : 0.0
                        loss -= actual == 1 ? log(r) : log(1 - r)
                        count += 1
                        let key = BinKey(days: days, longTermReviews: longTerm, lapses: lapses)
                        bins[key, default: Bin()].predicted += recall.r
                        bins[key, default: Bin()].actual += actual
                        bins[key, default: Bin()].count += 1
                    }
                    if rating == 1 { lapses += 1 }
                }
                model.step(&state, days: days, rating: rating, recall: recall, differentiate: false)
            }
        }
        var squares = 0.0
        var weight = 0.0
        // In key order: a dictionary's order changes from run to run, and so would the last bit of the sum.
        for (_, bin) in bins.sorted(by: {
            ($0.key.days, $0.key.length, $0.key.lapses) < ($1.key.days, $1.key.length, $1.key.lapses)
        }) {
            let difference = bin.predicted / bin.count - bin.actual / bin.count
            squares += difference * difference * bin.count
            weight += bin.count
        }
        return Evaluation(
            logLoss: count == 0 ? 0 : loss / Double(count), rmseBins: weight == 0 ? 0 : (squares / weight).squareRoot())
    }
}

/// The srs-benchmark's bins for RMSE(bins): elapsed days, reviews so far and lapses, each on a
/// roughly logarithmic scale.
struct BinKey: Hashable {
    let days: Int
    let length: Int
    let lapses: Int

    init(days: Int, longTermReviews: Int, lapses: Int) {
        let t = Double(days)
        self.days = Int((2.48 * pow(3.62, floor(log(t) / log(3.62))) * 100).rounded())
        let length = Double(longTermReviews) + 1
        self.length = Int((1.99 * pow(1.89, floor(log(length) / log(1.89)))).rounded())
        self.lapses = lapses == 0 ? 0 : Int((1.65 * pow(1.73, floor(log(Double(lapses)) / log(1.73)))).rounded())
    }
}

/// Adam with bias correction (β1 0.9, β2 0.999, ε 1e-8), as the reference trains with.
struct Adam {
    var first: [Double]
    var second: [Double]
    var steps = 0

    init(count: Int) {
        first = Array(repeating: 0, count: count)
        second = Array(repeating: 0, count: count)
    }

    mutating func step(_ w: inout [Double], gradient: [Double], learningRate: Double) {
        steps += 1
        let correction1 = 1 - pow(0.9, Double(steps))
        let correction2 = 1 - pow(0.999, Double(steps))
        for i in w.indices {
            first[i] = 0.9 * first[i] + 0.1 * gradient[i]
            second[i] = 0.999 * second[i] + 0.001 * gradient[i] * gradient[i]
            w[i] -= learningRate * (first[i] / correction1) / ((second[i] / correction2).squareRoot() + 1e-8)
        }
    }
}
