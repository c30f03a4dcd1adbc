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

extension DemoCall {
    /// The options without `--seed N`, and N (1 when not given): what `demo run` makes of them.
    public var seeded: (arguments: [String], seed: UInt64) {
        var arguments = self.arguments
        var seed: UInt64 = 1
        if let index = arguments.firstIndex(of: "--seed"), index + 1 < arguments.count, let value = UInt64(arguments[index + 1]) {
            seed = value
            arguments.removeSubrange(index...index + 1)
        }
        return (arguments, seed)
    }
}
