import ArgumentParser
import Demos
import Models

/// A model's idea shown on real sockets, over loopback only (127.0.0.1 or ::1).
///
/// A live demo shares its name with the model demo it illustrates (`tcp.framing --live`). It
/// must finish by itself within a few seconds and leave no socket or thread behind.
public protocol LiveDemo: Sendable {
    /// The model demo's name, e.g. `tcp.framing`.
    static var name: String { get }
    /// One line for `netprep demo list`.
    static var summary: String { get }
    /// The live run's own options (swift-argument-parser).
    associatedtype Options: ParsableArguments
    /// Runs against real sockets and returns the text (or, with `json`, one JSON object) to print.
    static func run(options: Options, json: Bool, style: RenderStyle) async throws -> String
}

extension LiveDemo {
    /// Parses the words after the demo's name and runs it; a bad option is a
    /// `DemoError.badOption` with swift-argument-parser's message.
    public static func run(arguments: [String], json: Bool, style: RenderStyle) async throws -> String {
        let options: Options
        do {
            options = try Options.parse(arguments)
        } catch {
            throw DemoError.badOption(Options.message(for: error))
        }
        return try await run(options: options, json: json, style: style)
    }
}

/// A live demo that takes no options of its own.
public struct NoLiveOptions: ParsableArguments {
    public init() {}
}

/// Every live demo, by name.
public enum LiveCatalog {
    public static let all: [any LiveDemo.Type] = tcpLiveDemos + tlsLiveDemos + [EventLoopLive.self]

    public static func demo(named name: String) -> (any LiveDemo.Type)? {
        for demo in all where demo.name == name { return demo }
        return nil
    }
}
