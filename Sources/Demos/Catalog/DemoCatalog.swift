import Basics
import Foundation
import Models

/// Every demo netprep knows, by name. A model is added here with one line.
public enum DemoCatalog {
    public static let all: [any Demo.Type] = tcpDemos + httpDemos + webDemos + netDemos + ioDemos

    public static func demo(named name: String) throws -> any Demo.Type {
        var names: [String] = []
        for demo in all {
            let candidate = demo.name
            if candidate == name { return demo }
            names.append(candidate)
        }
        throw DemoError.unknownDemo(name, suggestion: Suggestion.closest(to: name, among: names))
    }

    /// The demo's options as `demo run NAME --help` lists them (swift-argument-parser's words,
    /// from the demo's `Options`), without the usage line.
    public static func optionsHelp(name: String, columns: Int = 100) throws -> String {
        let text = try demo(named: name).optionsHelp(columns: columns)
        guard let start = text.range(of: "OPTIONS:") else { return text }
        return String(text[start.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Throws what `demo run` would say of `call` (an unknown demo, an unknown option, a value
    /// out of range) without running it.
    public static func check(_ call: DemoCall) throws {
        let demo = try demo(named: call.name)
        try demo.check(arguments: call.seeded.arguments)
    }

    /// Runs a demo from its command-line options: JSON (one object, sorted keys) or a rendering.
    public static func execute(
        name: String, arguments: [String], seed: UInt64, json: Bool, style: RenderStyle
    ) throws -> String {
        let demo = try demo(named: name)
        return try demo.execute(arguments: arguments, seed: seed, json: json, style: style)
    }

    /// Runs a demo call written in a note or on a card (`tcp.congestion --iw 10 --seed 7`), as
    /// `demo run` would: its rendering.
    public static func execute(_ call: DemoCall, style: RenderStyle) throws -> String {
        let (arguments, seed) = call.seeded
        return try execute(name: call.name, arguments: arguments, seed: seed, json: false, style: style)
    }

    /// The same run as SVG, or nil for a demo that draws no picture.
    public static func svg(_ call: DemoCall) throws -> String? {
        let (arguments, seed) = call.seeded
        return try svg(name: call.name, arguments: arguments, seed: seed)
    }

    /// The run's ladder diagram, or nil for a demo that draws none.
    public static func ladder(name: String, arguments: [String], seed: UInt64) throws -> Ladder? {
        try demo(named: name).pictures(arguments: arguments, seed: seed).ladder
    }

    /// The run's chart, or nil for a demo that plots none.
    public static func chart(name: String, arguments: [String], seed: UInt64) throws -> Chart? {
        try demo(named: name).pictures(arguments: arguments, seed: seed).chart
    }

    /// The run as SVG (`--svg`): its ladder or its chart; nil for a demo with neither.
    public static func svg(name: String, arguments: [String], seed: UInt64) throws -> String? {
        let pictures = try demo(named: name).pictures(arguments: arguments, seed: seed)
        return pictures.ladder?.svg() ?? pictures.chart?.svg()
    }

    /// Whether a demo draws a picture `--svg` can write: it is run once with its defaults.
    public static func drawsPicture(_ demo: any Demo.Type) -> Bool {
        // A `try?` on the opened existential crashes Swift 6.3's SILGen; spelled out, it does not.
        do {
            let pictures = try demo.pictures(arguments: [], seed: 1)
            return pictures.ladder != nil || pictures.chart != nil
        } catch {
            return false
        }
    }

    /// The demos that draw a picture `--svg` can write.
    public static var pictureNames: [String] {
        var names: [String] = []
        for demo in all where drawsPicture(demo) { names.append(demo.name) }
        return names
    }
}

extension Demo {
    static func execute(arguments: [String], seed: UInt64, json: Bool, style: RenderStyle) throws -> String {
        let trace = try Self.run(try Self.parameters(from: arguments), seed: seed)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(trace), as: UTF8.self)
        }
        return Self.render(trace, style: style)
    }

    static func optionsHelp(columns: Int) -> String {
        Options.helpMessage(columns: columns)
    }

    static func check(arguments: [String]) throws {
        _ = try Self.parameters(from: arguments)
    }

    static func pictures(arguments: [String], seed: UInt64) throws -> (ladder: Ladder?, chart: Chart?) {
        let trace = try Self.run(try Self.parameters(from: arguments), seed: seed)
        return (Self.ladder(trace), Self.chart(trace))
    }
}
