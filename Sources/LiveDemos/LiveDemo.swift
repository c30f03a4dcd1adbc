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
    /// Runs against real sockets and returns the text (or, with `json`, one JSON object) to print.
    /// Options not read are rejected by the caller through `options.finish()`.
    static func run(options: inout DemoOptions, json: Bool, style: RenderStyle) async throws -> String
}

/// Every live demo, by name.
public enum LiveCatalog {
    public static let all: [any LiveDemo.Type] = tcpLiveDemos + tlsLiveDemos + [EventLoopLive.self]

    public static func demo(named name: String) -> (any LiveDemo.Type)? {
        for demo in all where demo.name == name { return demo }
        return nil
    }
}
