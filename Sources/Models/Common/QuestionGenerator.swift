import Basics
import Foundation

/// A quiz question drawn at random from a model, with the answer the model computed.
public struct GeneratedQuestion: Codable, Sendable, Equatable {
    /// The generator's name, e.g. `tcp.reno.cwnd`.
    public var generator: String
    public var prompt: String
    /// The canonical answer shown after grading.
    public var answer: String
    /// Every typed answer accepted as correct, already normalised (see `GeneratedQuestion.normalize`).
    public var accepted: [String]
    /// How the answer follows, shown after grading.
    public var explanation: String
    /// The demo that shows this very case (`tcp.congestion --algorithm reno --seed 7`).
    public var demo: DemoCall?

    public init(generator: String, prompt: String, answer: String, accepted: [String], explanation: String, demo: DemoCall?) {
        self.generator = generator
        self.prompt = prompt
        self.answer = answer
        self.accepted = accepted.map(Self.normalize)
        self.explanation = explanation
        self.demo = demo
    }

    /// Whether a typed answer is correct: compared after normalising case, spaces and
    /// full-width punctuation, so `SYN_SENT`, `syn-sent` and `syn sent` agree.
    public func isCorrect(_ typed: String) -> Bool {
        accepted.contains(Self.normalize(typed))
    }

    public static func normalize(_ text: String) -> String {
        let folded = text.lowercased()
            .replacingOccurrences(of: "，", with: ",")
            .replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: "-", with: " ")
        return folded.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}

/// Draws questions from one model.
public protocol QuestionGenerator: Sendable {
    /// `tcp.reno.cwnd`: what content's `generate:` entries name.
    static var name: String { get }
    static var summary: String { get }
    /// A case drawn from `seed`, asked and explained in `language`. The same seed draws the same
    /// case in both languages: only the words differ, never the answer.
    static func generate(seed: UInt64, language: Language) -> GeneratedQuestion
}

extension QuestionGenerator {
    /// The case of `seed`, asked in English.
    public static func generate(seed: UInt64) -> GeneratedQuestion {
        generate(seed: seed, language: .en)
    }
}

/// Every question generator, by name.
public enum QuestionCatalog {
    public static let all: [any QuestionGenerator.Type] = tcpQuestions + httpQuestions + webQuestions + netQuestions

    public static func generator(named name: String) -> (any QuestionGenerator.Type)? {
        all.first { $0.name == name }
    }
}
