/// ANSI bold, dim and colours, or the text unchanged when colour is off: the one way netprep
/// styles terminal text (the console, the demos' drawings, the live demos).
public struct Paint: Sendable {
    /// Whether escape codes are written at all (a terminal, no NO_COLOR, TERM is not dumb).
    public let enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }

    /// `text` between the SGR code `code` (`1`, `31` …) and a reset.
    public func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
