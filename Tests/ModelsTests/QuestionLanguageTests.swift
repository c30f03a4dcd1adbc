import Basics
import Testing

@testable import Models

/// Every question generator asks in both languages: the same case and answer for a seed, only
/// the words differ, and an answer typed in either language's form is accepted by both.
@Suite struct QuestionLanguageTests {
    static let names: [String] = QuestionCatalog.all.map { $0.name }
    static let seeds: [UInt64] = Array(0..<40) + [0xDEAD_BEEF, UInt64.max]

    static func hasCJK(_ text: String) -> Bool { text.contains { $0.isCJK } }

    @Test(arguments: names)
    func aGeneratorAsksTheSameCaseInEnglishAndChinese(_ name: String) throws {
        let generator = try #require(QuestionCatalog.generator(named: name))
        for seed in Self.seeds {
            let english = generator.generate(seed: seed, language: .en)
            let chinese = generator.generate(seed: seed, language: .zh)
            #expect(english == generator.generate(seed: seed), "\(name) seed \(seed): English is the default")
            #expect(chinese.demo == english.demo, "\(name) seed \(seed)")
            #expect(chinese.isCorrect(english.answer), "\(name) seed \(seed): \(english.answer) in Chinese")
            #expect(english.isCorrect(chinese.answer), "\(name) seed \(seed): \(chinese.answer) in English")
            #expect(Set(chinese.accepted) == Set(english.accepted), "\(name) seed \(seed)")
            #expect(Self.hasCJK(chinese.prompt) && Self.hasCJK(chinese.explanation), "\(name): \(chinese.prompt)")
            #expect(!Self.hasCJK(english.prompt) && !Self.hasCJK(english.explanation), "\(name): \(english.prompt)")
        }
    }

    /// Numbers in the prompt are the case's: the Chinese prompt states the same ones, in order.
    @Test(arguments: names)
    func theChinesePromptStatesTheSameNumbers(_ name: String) throws {
        let generator = try #require(QuestionCatalog.generator(named: name))
        func numbers(_ text: String) -> [String] {
            text.split(whereSeparator: { !$0.isNumber }).map(String.init)
        }
        for seed in Self.seeds.prefix(10) {
            let english = numbers(generator.generate(seed: seed, language: .en).prompt)
            let chinese = numbers(generator.generate(seed: seed, language: .zh).prompt)
            #expect(Set(english).isSubset(of: Set(chinese)), "\(name) seed \(seed): \(english) vs \(chinese)")
        }
    }
}
