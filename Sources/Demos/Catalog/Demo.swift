import ArgumentParser
import Basics
import Foundation
import Models

/// A runnable protocol model: parameters and a seed in, a trace out.
///
/// Every demo is pure and deterministic: the same parameters and seed give the same trace,
/// byte for byte. Rendering is a separate pure function of the trace, so the terminal view and
/// `--json` always show the same run.
public protocol Demo: Sendable {
    associatedtype Parameters: Codable & Sendable
    associatedtype Step: Codable & Sendable
    associatedtype Outcome: Codable & Sendable
    /// The demo's own options, declared for swift-argument-parser (which parses them and
    /// writes `netprep demo run NAME --help` from them).
    associatedtype Options: ParsableArguments

    /// The name users type: `tcp.handshake`.
    static var name: String { get }
    /// One line for `netprep demo list`.
    static var summary: String { get }

    /// The model's parameters from the parsed options; throws `DemoError.badOption` for a value
    /// the model cannot use (out of range, an unknown choice).
    static func parameters(from options: Options) throws -> Parameters
    /// Runs the model.
    static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome>
    /// Draws a trace for a terminal (ladder diagram, chart or table), plain text only;
    /// `style` says whether ANSI colour may be used.
    static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String
    /// The trace as a ladder diagram, for the demos that show an exchange: what `--svg`
    /// draws. Nil for the others (the default).
    static func ladder(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Ladder?
    /// The trace as a chart (a value per round or sample), for the demos that plot one.
    static func chart(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Chart?
}

extension Demo {
    public static func ladder(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Ladder? { nil }
    public static func chart(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Chart? { nil }
}

/// How a renderer may draw.
public struct RenderStyle: Sendable {
    /// ANSI colour and bold are allowed.
    public var color: Bool
    /// Columns available; renderers keep within it where they can (at least 80 is assumed).
    public var width: Int

    public init(color: Bool, width: Int = 80) {
        self.color = color
        self.width = max(width, 40)
    }

    public static let plain = RenderStyle(color: false)
}

extension Paint {
    /// Colour as the rendering style allows.
    public init(_ style: RenderStyle) {
        self.init(enabled: style.color)
    }
}
