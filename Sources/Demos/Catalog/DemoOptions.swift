import ArgumentParser
import Foundation
import Models

extension Demo {
    /// The demo's options parsed from the words after its name; a mistake is a
    /// `DemoError.badOption` with swift-argument-parser's message.
    public static func options(from arguments: [String]) throws -> Options {
        do {
            return try Options.parse(arguments)
        } catch {
            throw DemoError.badOption(Options.message(for: error))
        }
    }

    /// The model's parameters for these words.
    static func parameters(from arguments: [String]) throws -> Parameters {
        try parameters(from: try options(from: arguments))
    }
}

/// What swift-argument-parser cannot say by itself about a demo's option: a range, a choice
/// among a model's cases, a comma-separated list.
public enum OptionCheck {
    /// `value`, or a `badOption` saying the range when it is outside it.
    public static func within<Value: Comparable>(_ value: Value, _ range: ClosedRange<Value>, _ option: String) throws
        -> Value
    {
        guard range.contains(value) else {
            throw DemoError.badOption("--\(option) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// One of an enumeration's cases, named by its raw value in any letter case
    /// (`--mode push-pull`); the error lists every case.
    public static func choice<Choice>(_ text: String, _ option: String) throws -> Choice
    where Choice: RawRepresentable & CaseIterable, Choice.RawValue == String {
        if let choice = Choice(rawValue: text.lowercased()) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        let listed = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
        throw DemoError.badOption("--\(option) takes \(listed), not '\(text)'")
    }

    /// A comma-separated list (`--losses 3,7`); empty when the option is absent or empty.
    public static func list(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
