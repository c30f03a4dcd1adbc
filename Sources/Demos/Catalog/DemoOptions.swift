import Foundation
import Models

/// The options after a demo's name, as `--key value` pairs and bare `--flag`s.
///
/// Each accessor marks its key as used; `finish()` rejects whatever a demo did not read, so a
/// misspelt option is an error rather than silently ignored.
public struct DemoOptions: Sendable {
    private var values: [String: String]
    private var used: Set<String> = []

    /// Parses `["--loss", "0.2", "--verbose"]`. A value may also be given as `--loss=0.2`.
    public init(arguments: [String]) throws {
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw DemoError.badOption("unexpected '\(argument)': options look like --name value")
            }
            var key = String(argument.dropFirst(2))
            var value = ""
            if let equals = key.firstIndex(of: "=") {
                value = String(key[key.index(after: equals)...])
                key = String(key[..<equals])
            } else if index + 1 < arguments.count, !Self.isOptionName(arguments[index + 1]) {
                value = arguments[index + 1]
                index += 1
            }
            values[key] = value
            index += 1
        }
        self.values = values
    }

    public init(_ values: [String: String]) {
        self.values = values
    }

    private static func isOptionName(_ text: String) -> Bool {
        text.hasPrefix("--") && text.count > 2 && !(text.dropFirst(2).first?.isNumber ?? false)
    }

    public mutating func string(_ key: String, default fallback: String) -> String {
        used.insert(key)
        return values[key] ?? fallback
    }

    public mutating func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>? = nil) throws -> Int {
        used.insert(key)
        guard let text = values[key] else { return fallback }
        guard let value = Int(text) else { throw DemoError.badOption("--\(key) takes a whole number, not '\(text)'") }
        if let range, !range.contains(value) {
            throw DemoError.badOption("--\(key) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    public mutating func double(_ key: String, default fallback: Double, in range: ClosedRange<Double>? = nil) throws
        -> Double
    {
        used.insert(key)
        guard let text = values[key] else { return fallback }
        guard let value = Double(text), value.isFinite else {
            throw DemoError.badOption("--\(key) takes a number, not '\(text)'")
        }
        if let range, !range.contains(value) {
            throw DemoError.badOption("--\(key) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// One of an enumeration's cases, named by its raw value in any letter case
    /// (`--mode push-pull`); the error lists every case.
    public mutating func choice<Choice>(_ key: String, default fallback: Choice) throws -> Choice
    where Choice: RawRepresentable & CaseIterable, Choice.RawValue == String {
        used.insert(key)
        guard let text = values[key] else { return fallback }
        if let choice = Choice(rawValue: text.lowercased()) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        let listed = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
        throw DemoError.badOption("--\(key) takes \(listed), not '\(text)'")
    }

    public mutating func flag(_ key: String) -> Bool {
        used.insert(key)
        return values[key] != nil
    }

    /// A comma-separated list (`--losses 3,7`); empty when absent.
    public mutating func list(_ key: String) -> [String] {
        used.insert(key)
        guard let text = values[key], !text.isEmpty else { return [] }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Throws for any option no accessor asked for.
    public func finish() throws {
        let unknown = Set(values.keys).subtracting(used).sorted()
        if let first = unknown.first {
            throw DemoError.badOption("unknown option --\(first)")
        }
    }
}
