import Foundation

/// The initial stabilities w0-w3, fitted before the rest as the reference optimizers do: for
/// each first answer, the stability whose forgetting curve best explains how often that answer's
/// cards were recalled at their first review on a later day.
enum InitialStability {
    static let maximum = 100.0

    /// Fits w0-w3 from the first-review groups; a first rating with no cards is filled in from
    /// the others.
    ///
    /// - Parameter averageRecall: The share of all items recalled, used to smooth each group's
    ///   recall towards it (one pseudo-review).
    /// - Returns: nil when no first rating has any card.
    static func fit(_ groups: FirstReviewGroups, averageRecall: Double) -> [Double]? {
        var fitted: [Double?] = Array(repeating: nil, count: 4)
        let decay = -FSRSParameters.default.weights[20]
        let factor = pow(0.9, 1 / decay) - 1
        for rating in 0..<4 where !groups.groups[rating].isEmpty {
            let data = groups.groups[rating]
            let target = FSRSParameters.default.weights[rating]
            func loss(_ stability: Double) -> Double {
                var total = 0.0
                for group in data {
                    let count = Double(group.count)
                    let recall = (Double(group.recalled) + averageRecall) / (count + 1)
                    let predicted = pow(1 + factor * Double(group.days) / stability, decay)
                    total -= (recall * log(predicted) + (1 - recall) * log(1 - predicted)) * count
                }
                return total + abs(stability - target) / 16
            }
            // Ternary search: the loss is unimodal in the stability.
            var low = MemoryGradient.minimumStability
            var high = maximum
            var best = target
            var iterations = 0
            while high - low > Double.ulpOfOne && iterations < 1000 {
                iterations += 1
                let third1 = low + (high - low) / 3
                let third2 = high - (high - low) / 3
                if loss(third1) < loss(third2) { high = third2 } else { low = third1 }
                best = (high + low) / 2
            }
            fitted[rating] = best
        }
        return smoothAndFill(fitted, counts: groups.counts)
    }

    /// Makes the stabilities increase with the rating (the rating with more cards wins a
    /// disagreement) and fills missing ratings by the reference's geometric relations; all are
    /// clamped to [0.001, 100].
    static func smoothAndFill(_ given: [Double?], counts: [Int]) -> [Double]? {
        var s = given.enumerated().map { counts[$0.offset] > 0 ? $0.element : nil }
        for (small, big) in [(0, 1), (1, 2), (2, 3), (0, 2), (1, 3), (0, 3)] {
            if let a = s[small], let b = s[big], a > b {
                if counts[small] > counts[big] { s[big] = a } else { s[small] = b }
            }
        }
        let w1 = 3.0 / 5.0
        let w2 = 3.0 / 5.0
        let known = s.compactMap { $0 }
        switch known.count {
        case 0:
            return nil
        case 1:
            let index = s.firstIndex { $0 != nil }!
            let scale = known[0] / FSRSParameters.default.weights[index]
            s = (0..<4).map { FSRSParameters.default.weights[$0] * scale }
        case 2:
            switch (s[0], s[1], s[2], s[3]) {
            case (nil, nil, let r3?, let r4?):
                let r2 = pow(r3, 1 / (1 - w2)) * pow(r4, 1 - 1 / (1 - w2))
                s[1] = r2
                s[0] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (nil, let r2?, nil, let r4?):
                let r3 = pow(r2, 1 - w2) * pow(r4, w2)
                s[2] = r3
                s[0] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (nil, let r2?, let r3?, nil):
                s[3] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
                s[0] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (let r1?, nil, nil, let r4?):
                let k = w1 + w2 - w1 * w2
                let r2 = pow(r1, w1 / k) * pow(r4, 1 - w1 / k)
                s[1] = r2
                s[2] = pow(r1, 1 - w2 / k) * pow(r4, w2 / k)
            case (let r1?, nil, let r3?, nil):
                let r2 = pow(r1, w1) * pow(r3, 1 - w1)
                s[1] = r2
                s[3] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            case (let r1?, let r2?, nil, nil):
                let r3 = pow(r1, 1 - 1 / (1 - w1)) * pow(r2, 1 / (1 - w1))
                s[2] = r3
                s[3] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            default:
                break
            }
        case 3:
            switch (s[0], s[1], s[2], s[3]) {
            case (nil, let r2?, let r3?, _):
                s[0] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (let r1?, nil, let r3?, _):
                s[1] = pow(r1, w1) * pow(r3, 1 - w1)
            case (_, let r2?, nil, let r4?):
                s[2] = pow(r2, 1 - w2) * pow(r4, w2)
            case (_, let r2?, let r3?, nil):
                s[3] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            default:
                break
            }
        default:
            break
        }
        return s.map { min(max($0 ?? MemoryGradient.minimumStability, MemoryGradient.minimumStability), maximum) }
    }
}
