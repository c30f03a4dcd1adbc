/// A demo to run and its options: `tcp.handshake --loss 0.2` as a value.
///
/// Notes name one in a ```` ```demo ```` block, generated questions name the case they drew,
/// the store keeps it with the card, and the quiz runs it. It is written and read as the one
/// line a person types, so a stored card or a JSON field looks the same as before it was typed.
public struct DemoCall: Sendable, Hashable, Codable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The demo's name, `tcp.handshake`.
    public var name: String
    /// Its options, as separate words: `["--loss", "0.2"]`.
    public var arguments: [String]

    public init(name: String, arguments: [String] = []) {
        self.name = name
        self.arguments = arguments
    }

    /// Reads `name arg arg`; nil when the text names no demo.
    public init?(text: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let name = words.first else { return nil }
        self.init(name: name, arguments: Array(words.dropFirst()))
    }

    public init(stringLiteral value: String) {
        self = DemoCall(text: value) ?? DemoCall(name: "")
    }

    /// `name arg arg`, as typed.
    public var text: String { ([name] + arguments).joined(separator: " ") }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let call = DemoCall(text: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "no demo named in '\(text)'"))
        }
        self = call
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
