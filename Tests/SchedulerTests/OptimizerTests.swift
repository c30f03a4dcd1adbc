import Basics
import Foundation
import TestSupport
import Testing

@testable import Scheduler

@Suite("Optimizer")
struct OptimizerTests {
    /// A learner whose memory differs from the defaults in every group of weights.
    static let trueWeights: [Double] = [
        0.4, 1.6, 3.4, 12.0, 6.9, 0.6, 2.2, 0.02, 1.6, 0.25, 1.1,
        1.8, 0.09, 0.35, 1.3, 0.45, 2.4, 0.6, 0.25, 0.1, 0.25,
    ]

    static func history(cards: Int, days: Int, seed: UInt64) -> [ReviewSequence] {
        var settings = LearnerSimulation.Settings(
            newCards: cards, days: days, newPerDay: max(1, cards / max(1, days / 2)), desiredRetention: 0.85)
        settings.seed = seed
        let simulation = LearnerSimulation(
            memory: try! FSRSParameters(trueWeights), schedule: .default, settings: settings)
        let records = simulation.run(log: true).reviews
        return ReviewSequence.group(records, clock: ReviewDayClock(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// The loss of `w` on every item of `set`, and its gradient as the optimizer computes it.
    static func lossAndGradient(_ w: [Double], _ set: TrainingSet) -> (Double, [Double]) {
        var gradient = [Double](repeating: 0, count: 21)
        var loss = 0.0
        let model = MemoryGradient(weights: w)
        var byCard: [Int: [TrainingItem]] = [:]
        for item in set.items { byCard[item.sequence, default: []].append(item) }
        for (card, items) in byCard {
            loss += FSRSOptimizer.walk(
                set.sequences[card], items: items.sorted { $0.position < $1.position }, model: model,
                gradient: &gradient)
        }
        return (loss, gradient)
    }

    @Test("Gradients agree with central finite differences for all 21 weights, at several points")
    func gradientsMatchFiniteDifferences() throws {
        let set = TrainingSet(sequences: Self.history(cards: 120, days: 120, seed: 7))
        #expect(set.items.count > 300)
        // Same-day reviews, lapses and every rating occur, so every branch is exercised.
        let ratings = Set(set.sequences.flatMap(\.ratings))
        #expect(ratings.count == 4)
        #expect(set.sequences.contains { $0.elapsedDays.dropFirst().contains(0) })
        var random = SplitMix64(seed: 3)
        for point in 0..<4 {
            // A point strictly inside the bounds, so no clamp sits at the point itself.
            let w: [Double] =
                point == 0
                ? FSRSParameters.default.weights
                : (0..<21).map { i in
                    let low = FSRSParameters.lowerBounds[i]
                    let high = i < 4 ? 20 : FSRSParameters.upperBounds[i]
                    return low + (high - low) * Double.random(in: 0.2..<0.6, using: &random)
                }
            let (_, gradient) = Self.lossAndGradient(w, set)
            var worst = 0.0
            for i in 0..<21 {
                let h = 1e-6 * max(1, abs(w[i]))
                var up = w
                var down = w
                up[i] += h
                down[i] -= h
                let numeric = (Self.lossAndGradient(up, set).0 - Self.lossAndGradient(down, set).0) / (2 * h)
                let error = abs(numeric - gradient[i]) / max(1, abs(numeric))
                worst = max(worst, error)
                #expect(error < 1e-4, "point \(point), w\(i): analytic \(gradient[i]), numeric \(numeric)")
            }
            #expect(worst < 1e-4)
        }
    }

    @Test("The fitted weights predict held-apart cards no worse than the true weights plus 1%")
    func recoversASimulatedLearner() throws {
        let sequences = Self.history(cards: 3000, days: 365, seed: 11)
        // Every fifth card is held apart.
        let training = sequences.enumerated().filter { $0.offset % 5 != 0 }.map(\.element)
        let held = sequences.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
        let result = try FSRSOptimizer().optimize(training)
        let fitted = FSRSOptimizer.evaluate(result.parameters, on: held)
        let truth = FSRSOptimizer.evaluate(try FSRSParameters(Self.trueWeights), on: held)
        let defaults = FSRSOptimizer.evaluate(.default, on: held)
        #expect(fitted.logLoss <= truth.logLoss * 1.01, "fitted \(fitted), true \(truth), defaults \(defaults)")
        // The defaults are measurably worse, so the check above is not met by any weights at all.
        #expect(defaults.logLoss > truth.logLoss * 1.01, "defaults \(defaults), true \(truth)")
        #expect(result.fitted.logLoss < result.current.logLoss)
        #expect(result.trainedItems > 10_000 && result.items >= result.trainedItems)
    }

    @Test("The same history gives the same weights")
    func deterministic() throws {
        let sequences = Self.history(cards: 300, days: 120, seed: 5)
        let a = try FSRSOptimizer().optimize(sequences).parameters
        let b = try FSRSOptimizer().optimize(sequences.reversed()).parameters
        #expect(a == b)
    }

    @Test("Too little history is refused, saying how much there is and how much is needed")
    func tooLittleHistory() {
        let sequences = Self.history(cards: 20, days: 30, seed: 1)
        #expect {
            try FSRSOptimizer().optimize(sequences)
        } throws: { error in
            guard case .tooLittleHistory(let items, 400) = error as? FSRSOptimizer.Failure else { return false }
            return items > 0 && items < 400 && "\(error)".contains("keeping the current parameters")
        }
    }

    @Test("Days start at the given hour in the given zone")
    func dayBoundaries() throws {
        let shanghai = ReviewDayClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!, nextDayStartsAt: 4)
        // 2024-03-01 19:30 UTC is 03:30 on 2 March in Shanghai: still 1 March's day.
        let beforeFour = Int64(1_709_321_400_000)
        // One hour later, 04:30 in Shanghai: a new day.
        let afterFour = beforeFour + 3_600_000
        #expect(shanghai.day(ofMilliseconds: afterFour) == shanghai.day(ofMilliseconds: beforeFour) + 1)
        let records = [
            ReviewRecord(line: 2, cardID: 1, reviewTime: beforeFour, rating: .good),
            ReviewRecord(line: 3, cardID: 1, reviewTime: afterFour, rating: .good),
        ]
        #expect(ReviewSequence.group(records, clock: shanghai)[0].elapsedDays == [0, 1])
        let utc = ReviewDayClock(timeZone: TimeZone(identifier: "UTC")!, nextDayStartsAt: 4)
        #expect(ReviewSequence.group(records, clock: utc)[0].elapsedDays == [0, 0])
    }

    @Test("RMSE(bins) and log loss follow the srs-benchmark's definitions on a hand-made history")
    func evaluationByHand() throws {
        // One card: Good, then Good after 3 days, then Again after 8 days.
        let sequence = ReviewSequence(
            cardID: 1, ratings: [.good, .good, .again], elapsedDays: [0, 3, 8], times: [0, 1, 2])
        let w = FSRSParameters.default.weights
        let model = MemoryModel(parameters: .default, desiredRetention: 0.9)
        let s1 = w[2]
        let r1 = model.retrievability(elapsedDays: 3, stability: s1)
        let d1 = MemoryModel.clampDifficulty(w[4] - exp(w[5] * 2) + 1)
        let s2 = model.nextStability(difficulty: d1, stability: s1, retrievability: r1, rating: .good)
        let r2 = model.retrievability(elapsedDays: 8, stability: s2)
        let evaluation = FSRSOptimizer.evaluate(.default, on: [sequence])
        #expect(abs(evaluation.logLoss - (-(log(r1) + log(1 - r2)) / 2)) < 1e-9)
        // The two items fall in different bins (3 and 8 days), each with one item.
        let expected = (((r1 - 1) * (r1 - 1) + r2 * r2) / 2).squareRoot()
        #expect(abs(evaluation.rmseBins - expected) < 1e-9)
    }

    /// Checked from outside: fsrs-rs (PyPI fsrs-rs-python) evaluates our weights to the same log
    /// loss and RMSE(bins) as our evaluator, and our fit is within 1% of the log loss of its own
    /// fit of the same log. A missing python3 or fsrs_rs_python fails the test.
    @Test(
        "fsrs-rs evaluates our weights as we do, and fits the same log no better than 1% below ours",
        .enabled(
            if: Checker.runs(Checker.python("fsrs_rs_python")),
            "needs python3 with fsrs_rs_python (pip install -r scripts/fsrs/requirements.txt)"))
    func agreesWithFSRSRS() throws {
        var settings = LearnerSimulation.Settings(newCards: 2000, days: 300, newPerDay: 20, desiredRetention: 0.9)
        settings.seed = 21
        let records = LearnerSimulation(memory: try FSRSParameters(Self.trueWeights), schedule: .default, settings: settings)
            .run(log: true).reviews
        let sequences = ReviewSequence.group(records, clock: ReviewDayClock(timeZone: TimeZone(identifier: "UTC")!))
        let result = try FSRSOptimizer().optimize(sequences)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-fsrs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log.csv")
        let csv = records.map { "\($0.cardID),\($0.reviewTime),\($0.rating.rawValue)\n" }.joined()
        try ("card_id,review_time,review_rating\n" + csv).write(to: log, atomically: true, encoding: .utf8)
        let weights = folder.appendingPathComponent("weights.json")
        let named = ["netprep": result.parameters.weights, "defaults": FSRSParameters.default.weights]
        try JSONSerialization.data(withJSONObject: named).write(to: weights)

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/fsrs/check_optimizer.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, log.path, weights.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "check_optimizer.py failed (python3 with fsrs_rs_python needed): \(message)")
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        #expect(report["items"] as? Int == result.items)
        for (name, parameters) in [("netprep", result.parameters), ("defaults", FSRSParameters.default)] {
            let measured = try #require(report[name] as? [String: [String: Double]])
            let theirs = try #require(measured["unweighted"])
            let ours = FSRSOptimizer.evaluate(parameters, on: sequences)
            // fsrs-rs computes memory states in 32-bit floats.
            #expect(abs(ours.logLoss - theirs["log_loss"]!) < 1e-4 * ours.logLoss, "\(name): \(ours) vs \(theirs)")
            #expect(abs(ours.rmseBins - theirs["rmse_bins"]!) < 1e-4, "\(name): \(ours) vs \(theirs)")
        }
        // One evaluator for both fits: fsrs-rs's own (recency-weighted) evaluate.
        let reference = try #require(report["fsrs-rs"] as? [String: Any])
        let referenceLoss = try #require(reference["log_loss"] as? Double)
        let ourLoss = try #require((report["netprep"] as? [String: [String: Double]])?["evaluate"]?["log_loss"])
        #expect(ourLoss <= referenceLoss * 1.01, "netprep \(ourLoss), fsrs-rs \(referenceLoss)")
    }
}
