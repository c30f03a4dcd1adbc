/// The language a quiz shows cards in (`card_text.lang`); a card without text in it falls back
/// to the other language.
public enum QuizLanguage: String, Sendable, CaseIterable, Codable {
    case en
    case zh

    /// The other language, tried when a card has no text in this one.
    public var fallback: QuizLanguage { self == .en ? .zh : .en }
}
