import Basics
import Testing

@testable import Demos
@testable import Models

struct HTTPQuestionTests {
    static let generators: [any QuestionGenerator.Type] = httpQuestions

    @Test func everyGeneratorIsRegisteredUnderItsName() {
        let names = Self.generators.map { $0.name }
        let registered = Set(QuestionCatalog.all.map { $0.name })
        #expect(names.allSatisfy { registered.contains($0) })
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("http") })
    }

    /// Over many seeds: the canonical answer is accepted, the question is stable for a seed, and
    /// the demo it points to runs.
    @Test func questionsAreDeterministicAnsweredAndShowable() throws {
        for generator in Self.generators {
            for seed in UInt64(0)..<40 {
                let question = generator.generate(seed: seed)
                #expect(question == generator.generate(seed: seed))
                #expect(question.generator == generator.name)
                #expect(
                    question.isCorrect(question.answer) || question.isCorrect(String(question.answer.split(separator: " ")[0])))
                #expect(!question.isCorrect("banana"))
                if let demo = question.demo {
                    let words = demo.text.split(separator: " ").map(String.init)
                    _ = try DemoCatalog.execute(
                        name: words[0], arguments: Array(words.dropFirst()), seed: seed, json: true, style: .plain)
                }
            }
        }
    }

    @Test func pageLoadAnswersFollowTheTextbookFormulas() {
        for seed in UInt64(0)..<60 {
            let question = PageLoadRTTQuestion.generate(seed: seed)
            let rtts = Int(question.answer.split(separator: " ")[0])!
            let objects = Int(question.prompt.split(separator: " ").drop { $0 != "referencing" }.dropFirst().first!)!
            let handshake = question.prompt.contains("TLS 1.2") ? 3 : question.prompt.contains("TLS 1.3") ? 2 : 1
            let expected =
                question.prompt.hasSuffix("HTTP/1.0?")
                ? (objects + 1) * (handshake + 1)
                : question.prompt.hasSuffix("keep-alive?") ? handshake + 1 + objects : handshake + 2
            #expect(rtts == expected, "\(question.prompt)")
        }
    }

    @Test func methodAnswersAgreeWithTheTable() {
        var methods: Set<String> = []
        for seed in UInt64(0)..<80 {
            let question = MethodIdempotentQuestion.generate(seed: seed)
            let method = String(question.prompt.split(separator: " ")[1])
            methods.insert(method)
            #expect(question.isCorrect(HTTPMethodTraits.named(method)!.idempotent ? "yes" : "no"))
            #expect(question.isCorrect("否") != HTTPMethodTraits.named(method)!.idempotent)
        }
        #expect(methods.count == HTTPMethodTraits.all.count)
    }

    @Test func frameTypeAnswersAcceptNameAndNumber() {
        let question = HTTP2FrameTypeQuestion.generate(seed: 2)
        #expect(question.prompt.contains("00 00 04 08 00"))
        #expect(question.isCorrect("WINDOW_UPDATE") && question.isCorrect("window-update") && question.isCorrect("0x08"))
    }

    @Test func staticIndexAnswersPointAtTheEntry() {
        for seed in UInt64(0)..<30 {
            let question = HPACKStaticIndexQuestion.generate(seed: seed)
            let index = Int(question.answer)!
            let field = HPACKStaticTable.entries[index - 1]
            #expect(question.prompt.contains("'\(field.name)"))
        }
    }
}
