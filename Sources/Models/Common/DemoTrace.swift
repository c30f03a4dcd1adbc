/// What `--json` prints: `{"demo", "params", "trace", "result"}`.
public struct DemoTrace<Parameters: Codable & Sendable, Step: Codable & Sendable, Outcome: Codable & Sendable>:
    Codable, Sendable
{
    public var demo: String
    public var params: Parameters
    public var trace: [Step]
    public var result: Outcome

    public init(demo: String, params: Parameters, trace: [Step], result: Outcome) {
        self.demo = demo
        self.params = params
        self.trace = trace
        self.result = result
    }
}

/// A failure a user can act on.
public enum DemoError: Error, Equatable, CustomStringConvertible {
    case unknownDemo(String, suggestion: String?)
    case badOption(String)
    case impossible(String)

    public var description: String {
        switch self {
        case .unknownDemo(let name, let suggestion):
            if let suggestion { return "no demo '\(name)'; did you mean '\(suggestion)'? (netprep demo list)" }
            return "no demo '\(name)' (netprep demo list shows them all)"
        case .badOption(let message): return message
        case .impossible(let message): return message
        }
    }
}
