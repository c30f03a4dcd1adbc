import Foundation

/// The 21 weights w0 ... w20 of the FSRS-6 memory model.
///
/// Meaning, as the reference (py-fsrs 6.x) uses them: w0-w3 the initial stability (days) after a
/// first Again, Hard, Good, Easy; w4-w5 the initial difficulty; w6-w7 the difficulty change and its
/// mean reversion; w8-w10 stability after a recall; w11-w14 stability after a lapse; w15 the Hard
/// penalty; w16 the Easy bonus; w17-w19 same-day (short-term) stability; w20 the decay of the
/// power forgetting curve.
///
/// The initializer refuses a list of the wrong length or with a value outside the reference's
/// bounds, so a value of this type is always usable.
public struct FSRSParameters: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The weights, `weights[i]` being wi.
    public let weights: [Double]

    /// The number of weights FSRS-6 has.
    public static let count = 21

    /// The reference's default weights (py-fsrs 6.x `DEFAULT_PARAMETERS`).
    public static let `default` = FSRSParameters(unchecked: [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ])

    /// The smallest value each weight may take (inclusive).
    public static let lowerBounds: [Double] = [
        0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ]

    /// The largest value each weight may take (inclusive).
    public static let upperBounds: [Double] = [
        100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
        5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
    ]

    /// Checks and keeps `weights`.
    ///
    /// - Throws: `SchedulerError.wrongParameterCount` unless there are 21 values, and
    ///   `SchedulerError.parametersOutOfBounds` listing every value outside its bounds
    ///   (NaN is always outside).
    /// - Complexity: O(1) (21 values).
    public init(_ weights: [Double]) throws(SchedulerError) {
        guard weights.count == Self.count else { throw .wrongParameterCount(weights.count) }
        var violations: [SchedulerError.ParameterViolation] = []
        for (index, value) in weights.enumerated() {
            let lower = Self.lowerBounds[index]
            let upper = Self.upperBounds[index]
            if !(lower <= value && value <= upper) {
                violations.append(.init(index: index, value: value, lowerBound: lower, upperBound: upper))
            }
        }
        guard violations.isEmpty else { throw .parametersOutOfBounds(violations) }
        self.weights = weights
    }

    /// Reads a comma-separated list such as `0.212,1.2931,...` (spaces allowed) and checks it.
    ///
    /// - Throws: `SchedulerError.parameterNotANumber` for an unreadable entry, then as `init(_:)`.
    /// - Complexity: O(n) in the length of `text`.
    public init(parsing text: String) throws(SchedulerError) {
        var values: [Double] = []
        for (index, piece) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed), value.isFinite else {
                throw .parameterNotANumber(index: index, text: trimmed)
            }
            values.append(value)
        }
        try self.init(values)
    }

    private init(unchecked weights: [Double]) {
        self.weights = weights
    }

    /// The weight wi.
    public subscript(index: Int) -> Double { weights[index] }

    public var description: String {
        weights.map { "\($0)" }.joined(separator: ",")
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.singleValueContainer().decode([Double].self)
        try self.init(values)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(weights)
    }
}
