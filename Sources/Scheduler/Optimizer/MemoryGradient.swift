import Foundation

/// The FSRS-6 memory recurrence as the optimizers train it (fsrs-rs's model): stability and
/// difficulty after each review from whole days elapsed, with the exact derivative of both with
/// respect to the 21 weights carried along (forward-mode differentiation).
///
/// One walk over a card's reviews gives the prediction, and its gradient, for every training
/// item of the card: each review a day or more after the one before, predicted from the
/// reviews before it. Where a formula is clamped (stability to [0.001, 36500], difficulty to
/// [1, 10], the short-term increase to at least 1, a lapse to the smaller of its two forms),
/// the derivative is that of the branch taken, as automatic differentiation gives it.
struct MemoryGradient {
    static let count = FSRSParameters.count
    static let minimumStability = 0.001
    static let maximumStability = 36_500.0

    let w: [Double]
    /// The exponent of the forgetting curve, -w20.
    let decay: Double
    /// `0.9 ^ (1 / decay) - 1`, so that R = 0.9 when t = S.
    let factor: Double
    /// d factor / d w20.
    let factorByW20: Double
    /// The unclamped initial difficulty of Easy, the target of mean reversion, and its
    /// derivative by w5 (by w4 it is 1).
    let easyDifficulty: Double
    let easyDifficultyByW5: Double

    init(weights w: [Double]) {
        precondition(w.count == Self.count)
        self.w = w
        decay = -w[20]
        factor = pow(0.9, 1 / decay) - 1
        // factor = 0.9^(-1/w20) - 1, so d/dw20 = 0.9^(-1/w20) * ln 0.9 / w20².
        factorByW20 = pow(0.9, -1 / w[20]) * log(0.9) / (w[20] * w[20])
        easyDifficulty = w[4] - exp(3 * w[5]) + 1
        easyDifficultyByW5 = -3 * exp(3 * w[5])
    }

    /// The probability of recall after `days` at `stability`, with its derivatives by the
    /// stability and by w20.
    @inline(__always)
    func recall(days: Double, stability s: Double) -> (r: Double, byS: Double, byW20: Double) {
        let x = 1 + factor * days / s
        let r = pow(x, decay)
        let byS = decay * r / x * (-factor * days / (s * s))
        let byW20 = r * (-log(x) + decay * factorByW20 * days / (s * x))
        return (r, byS, byW20)
    }

    /// The state of a card during a walk: stability, difficulty and, when differentiating,
    /// their derivatives by each weight.
    struct State {
        var s = 0.0
        var d = 0.0
        var sByW = [Double](repeating: 0, count: MemoryGradient.count)
        var dByW = [Double](repeating: 0, count: MemoryGradient.count)
    }

    /// The state after a card's first review.
    @inline(__always)
    func start(_ state: inout State, rating: Int, differentiate: Bool) {
        let r = rating
        var s = w[r - 1]
        var d = w[4] - exp(w[5] * Double(r - 1)) + 1
        if differentiate {
            for i in 0..<Self.count {
                state.sByW[i] = 0
                state.dByW[i] = 0
            }
        }
        if s < Self.minimumStability {
            s = Self.minimumStability
        } else if differentiate {
            state.sByW[r - 1] = 1
        }
        if d < 1 || d > 10 {
            d = min(max(d, 1), 10)
        } else if differentiate {
            state.dByW[4] = 1
            state.dByW[5] = -Double(r - 1) * exp(w[5] * Double(r - 1))
        }
        state.s = s
        state.d = d
    }

    /// The state after a review `days` after the one before, rated `rating`. `recall` is the
    /// probability of recall at that review (with its derivatives) when `days` ≥ 1.
    @inline(__always)
    func step(
        _ state: inout State, days: Int, rating: Int,
        recall: (r: Double, byS: Double, byW20: Double), differentiate: Bool
    ) {
        let s = state.s
        let d = state.d
        var next: Double
        // next = a * s + b * d + c * R (as derivatives) + the sparse direct terms below.
        var byS = 0.0
        var byD = 0.0
        var byR = 0.0
        var direct = DirectTerms()
        if days == 0 {
            let g = Double(rating - 3) + w[18]
            let increase = exp(w[17] * g) * pow(s, -w[19])
            if rating > 1 && increase < 1 {
                next = s
                byS = 1
            } else {
                next = s * increase
                byS = increase * (1 - w[19])
                if differentiate {
                    direct.add(17, next * g)
                    direct.add(18, next * w[17])
                    direct.add(19, -next * log(s))
                }
            }
        } else if rating == 1 {
            let r = recall.r
            let forget = exp((1 - r) * w[14])
            let dPower = pow(d, -w[12])
            let grown = pow(s + 1, w[13])
            let long = w[11] * dPower * (grown - 1) * forget
            let divisor = exp(w[17] * w[18])
            let short = s / divisor
            if short < long {
                next = short
                byS = 1 / divisor
                if differentiate {
                    direct.add(17, -short * w[18])
                    direct.add(18, -short * w[17])
                }
            } else {
                next = long
                byS = w[11] * dPower * forget * w[13] * pow(s + 1, w[13] - 1)
                byD = long * -w[12] / d
                byR = -long * w[14]
                if differentiate {
                    direct.add(11, dPower * (grown - 1) * forget)
                    direct.add(12, -long * log(d))
                    direct.add(13, w[11] * dPower * forget * grown * log(s + 1))
                    direct.add(14, long * (1 - r))
                }
            }
        } else {
            let r = recall.r
            let hard = rating == 2 ? w[15] : 1
            let easy = rating == 4 ? w[16] : 1
            let sPower = pow(s, -w[9])
            let saturation = exp((1 - r) * w[10])
            // growth without the Hard and Easy factors, so that their derivatives need no division.
            let base = exp(w[8]) * (11 - d) * sPower * (saturation - 1)
            let growth = base * hard * easy
            next = s * (1 + growth)
            byS = 1 + growth * (1 - w[9])
            byD = -s * exp(w[8]) * sPower * (saturation - 1) * hard * easy
            byR = -s * exp(w[8]) * (11 - d) * sPower * saturation * w[10] * hard * easy
            if differentiate {
                direct.add(8, s * growth)
                direct.add(9, -s * growth * log(s))
                direct.add(10, s * exp(w[8]) * (11 - d) * sPower * saturation * (1 - r) * hard * easy)
                if rating == 2 { direct.add(15, s * base * easy) }
                if rating == 4 { direct.add(16, s * base * hard) }
            }
        }
        var sClamped = false
        if next < Self.minimumStability {
            next = Self.minimumStability
            sClamped = true
        } else if next > Self.maximumStability {
            next = Self.maximumStability
            sClamped = true
        }

        // Difficulty: a step of -w6 * (rating - 3), damped linearly towards 10, then mean
        // reversion by w7 towards Easy's initial difficulty.
        let change = -w[6] * Double(rating - 3)
        let damped = d + change * (10 - d) / 9
        let reverted = w[7] * easyDifficulty + (1 - w[7]) * damped
        let nextD = min(max(reverted, 1), 10)
        let dClamped = reverted < 1 || reverted > 10

        if differentiate {
            let sByS = byS + byR * recall.byS
            let rByW20 = byR * recall.byW20
            let dByD = (1 - w[7]) * (1 - change / 9)
            for i in 0..<Self.count {
                let oldS = state.sByW[i]
                let oldD = state.dByW[i]
                state.sByW[i] = sClamped ? 0 : sByS * oldS + byD * oldD
                state.dByW[i] = dClamped ? 0 : dByD * oldD
            }
            if !sClamped {
                if days > 0 { state.sByW[20] += rByW20 }
                direct.apply(to: &state.sByW)
            }
            if !dClamped {
                state.dByW[4] += w[7]
                state.dByW[5] += w[7] * easyDifficultyByW5
                state.dByW[6] += (1 - w[7]) * -Double(rating - 3) * (10 - d) / 9
                state.dByW[7] += easyDifficulty - damped
            }
        }
        state.s = next
        state.d = nextD
    }
}

/// The few weights a step's new stability depends on directly (at most four), kept without
/// allocating.
private struct DirectTerms {
    private var indices: (Int, Int, Int, Int) = (0, 0, 0, 0)
    private var values: (Double, Double, Double, Double) = (0, 0, 0, 0)
    private var count = 0

    @inline(__always)
    mutating func add(_ index: Int, _ value: Double) {
        switch count {
        case 0: (indices.0, values.0) = (index, value)
        case 1: (indices.1, values.1) = (index, value)
        case 2: (indices.2, values.2) = (index, value)
        default: (indices.3, values.3) = (index, value)
        }
        count += 1
    }

    @inline(__always)
    func apply(to gradient: inout [Double]) {
        if count > 0 { gradient[indices.0] += values.0 }
        if count > 1 { gradient[indices.1] += values.1 }
        if count > 2 { gradient[indices.2] += values.2 }
        if count > 3 { gradient[indices.3] += values.3 }
    }
}
