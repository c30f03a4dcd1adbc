import Foundation

/// Every demo netprep knows, by name. A model is added here with one line.
public enum DemoCatalog {
    public static let all: [any Demo.Type] = tcpDemos + httpDemos + webDemos + netDemos

    public static func demo(named name: String) throws -> any Demo.Type {
        var names: [String] = []
        for demo in all {
            let candidate = demo.name
            if candidate == name { return demo }
            names.append(candidate)
        }
        let suggestion = names.min { editDistance($0, name) < editDistance($1, name) }
        let close = suggestion.map { editDistance($0, name) <= max(2, name.count / 3) } ?? false
        throw DemoError.unknownDemo(name, suggestion: close ? suggestion : nil)
    }

    /// Runs a demo from its command-line options: JSON (one object, sorted keys) or a rendering.
    public static func execute(
        name: String, arguments: [String], seed: UInt64, json: Bool, style: RenderStyle
    ) throws -> String {
        let demo = try demo(named: name)
        return try demo.execute(arguments: arguments, seed: seed, json: json, style: style)
    }
}

extension Demo {
    static func execute(arguments: [String], seed: UInt64, json: Bool, style: RenderStyle) throws -> String {
        var options = try DemoOptions(arguments: arguments)
        let parameters = try Self.parameters(from: &options)
        try options.finish()
        let trace = try Self.run(parameters, seed: seed)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(trace), as: UTF8.self)
        }
        return Self.render(trace, style: style)
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
/// - Complexity: O(m·n) time, O(n) space.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
