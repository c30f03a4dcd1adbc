/// A language netprep writes and reads: of a note, of a card's text, of the quiz and of a
/// generated question.
public enum Language: String, Sendable, Codable, CaseIterable {
    case en
    case zh

    /// The other language, tried when a card has no text in this one.
    public var fallback: Language { self == .en ? .zh : .en }

    /// The one of two texts written in this language.
    public func pick<Text>(en: Text, zh: Text) -> Text {
        self == .en ? en : zh
    }
}
