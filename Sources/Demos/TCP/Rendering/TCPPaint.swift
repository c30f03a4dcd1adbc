import Basics
import Foundation
import Models

/// ANSI bold and colours, or the text unchanged when the style has no colour.
public struct TCPPaint: Sendable {
    public let color: Bool

    public init(_ style: RenderStyle) {
        color = style.color
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }

    private func wrap(_ text: String, _ code: String) -> String {
        color && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
