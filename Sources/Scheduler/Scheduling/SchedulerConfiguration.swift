import Foundation

/// Everything that decides how a `Scheduler` schedules, as the reference's `Scheduler`
/// constructor (py-fsrs 6.x) takes it.
public struct SchedulerConfiguration: Sendable, Hashable, Codable {
    /// The FSRS-6 weights.
    public let parameters: FSRSParameters
    /// The probability of recall at which a review card falls due, in (0, 1).
    public let desiredRetention: Double
    /// The waits, in seconds, between the reviews of a new card before it graduates to review.
    public let learningSteps: [TimeInterval]
    /// The waits, in seconds, between the reviews of a lapsed card before it returns to review.
    public let relearningSteps: [TimeInterval]
    /// The longest interval, in days, a review card can get.
    public let maximumInterval: Int
    /// Whether review intervals get the reference's random spread (only through
    /// `Scheduler.review(_:rating:at:using:)`).
    public let enableFuzzing: Bool

    /// The reference's defaults: default weights, retention 0.9, learning steps 1 min and 10 min,
    /// a relearning step of 10 min, at most 36500 days, fuzzing on.
    public static let `default` = try! SchedulerConfiguration()

    /// Checks and keeps the settings.
    ///
    /// - Throws: `SchedulerError` when the retention is not strictly between 0 and 1, a step is
    ///   not a positive finite number of seconds, or the maximum interval is under a day.
    public init(
        parameters: FSRSParameters = .default,
        desiredRetention: Double = 0.9,
        learningSteps: [TimeInterval] = [60, 600],
        relearningSteps: [TimeInterval] = [600],
        maximumInterval: Int = 36500,
        enableFuzzing: Bool = true
    ) throws(SchedulerError) {
        guard desiredRetention > 0, desiredRetention < 1 else {
            throw .desiredRetentionOutOfRange(desiredRetention)
        }
        for step in learningSteps + relearningSteps where !(step > 0 && step.isFinite) {
            throw .invalidStep(step)
        }
        guard maximumInterval >= 1 else { throw .maximumIntervalTooSmall(maximumInterval) }
        self.parameters = parameters
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
        self.enableFuzzing = enableFuzzing
    }

    private enum CodingKeys: String, CodingKey {
        case parameters, desiredRetention, learningSteps, relearningSteps, maximumInterval, enableFuzzing
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            parameters: container.decode(FSRSParameters.self, forKey: .parameters),
            desiredRetention: container.decode(Double.self, forKey: .desiredRetention),
            learningSteps: container.decode([TimeInterval].self, forKey: .learningSteps),
            relearningSteps: container.decode([TimeInterval].self, forKey: .relearningSteps),
            maximumInterval: container.decode(Int.self, forKey: .maximumInterval),
            enableFuzzing: container.decode(Bool.self, forKey: .enableFuzzing)
        )
    }

    /// Reads a list of steps such as `1m,10m`: each a whole number followed by `s`, `m`, `h` or
    /// `d`, separated by commas (spaces allowed). An empty or blank string means no steps.
    ///
    /// - Returns: The steps in seconds.
    /// - Throws: `SchedulerError.invalidStepText` naming the piece that could not be read.
    /// - Complexity: O(n) in the length of `text`.
    public static func parseSteps(_ text: String) throws(SchedulerError) -> [TimeInterval] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return [] }
        var steps: [TimeInterval] = []
        for piece in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let item = piece.trimmingCharacters(in: .whitespaces)
            guard let unit = item.last, let count = Int(item.dropLast()), count > 0 else {
                throw .invalidStepText(item)
            }
            let seconds: Int
            switch unit {
            case "s": seconds = 1
            case "m": seconds = 60
            case "h": seconds = 3600
            case "d": seconds = 86400
            default: throw .invalidStepText(item)
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: seconds)
            guard !overflow else { throw .invalidStepText(item) }
            steps.append(TimeInterval(product))
        }
        return steps
    }
}
