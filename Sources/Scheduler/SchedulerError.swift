import Foundation

/// Why a scheduler setting was refused.
///
/// Every message names the offending value and the range the reference implementation
/// (py-fsrs 6.x) accepts, so that a person can fix the input.
public enum SchedulerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// FSRS-6 has exactly 21 parameters (w0 ... w20); this many were given.
    case wrongParameterCount(Int)
    /// One or more parameters lie outside the reference's bounds.
    case parametersOutOfBounds([ParameterViolation])
    /// A parameter in a comma-separated list is not a number (position counts from 0).
    case parameterNotANumber(index: Int, text: String)
    /// The desired retention must lie strictly between 0 and 1.
    case desiredRetentionOutOfRange(Double)
    /// A learning or relearning step must be a positive, finite number of seconds.
    case invalidStep(TimeInterval)
    /// A step in a list such as `1m,10m` could not be read.
    case invalidStepText(String)
    /// The maximum interval must be at least one day.
    case maximumIntervalTooSmall(Int)

    /// One parameter outside its bounds.
    public struct ParameterViolation: Sendable, Hashable {
        /// The parameter's index, 0 ... 20 (w0 ... w20).
        public let index: Int
        public let value: Double
        public let lowerBound: Double
        public let upperBound: Double
    }

    public var description: String {
        switch self {
        case .wrongParameterCount(let count):
            return "FSRS-6 takes 21 parameters (w0 to w20), but \(count) were given"
        case .parametersOutOfBounds(let violations):
            let lines = violations.map {
                "w\($0.index) = \($0.value) is outside [\($0.lowerBound), \($0.upperBound)]"
            }
            return "parameters out of bounds: " + lines.joined(separator: "; ")
        case .parameterNotANumber(let index, let text):
            return "parameter w\(index) '\(text)' is not a number"
        case .desiredRetentionOutOfRange(let value):
            return "desired retention \(value) must be greater than 0 and less than 1 (0.9 is usual)"
        case .invalidStep(let seconds):
            return "a learning step of \(seconds) s is not allowed; steps must be positive and finite"
        case .invalidStepText(let text):
            return "cannot read step '\(text)': write a whole number followed by s, m, h or d (as in 1m,10m)"
        case .maximumIntervalTooSmall(let days):
            return "maximum interval \(days) must be at least 1 day"
        }
    }
}
