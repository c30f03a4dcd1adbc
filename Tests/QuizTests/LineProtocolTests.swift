import Demos
import Foundation
import Models
import Store
import Testing

@testable import Quiz

/// Runs a line-protocol session over `lines`, returning everything printed.
func script(_ lines: [String], session: inout QuizSession, at now: Date = noon) throws -> String {
    var input = lines[...]
    var output = ""
    let driver = LineProtocol(
        readLine: { input.popFirst() }, write: { output += $0 }, now: { now })
    try driver.run(&session)
    return output
}

@Suite struct LineProtocolSessions {
    func fixture() throws -> QuizFixture {
        let fixture = try QuizFixture()
        try fixture.note("tcp", title: "TCP")
        try fixture.card("tcp#one", note: "tcp", position: 0, prompt: "What is **one**?", answer: "- first\n- `1`")
        try fixture.card("tcp#two", note: "tcp", position: 1)
        try fixture.card("tcp#three", note: "tcp", position: 2)
        return fixture
    }

    @Test func emptyLineShowsTheAnswerAndANumberRates() throws {
        let fixture = try fixture()
        var session = try QuizSession(store: fixture.store, options: QuizOptions(timeZone: utc), at: noon, seed: 1)
        let output = try script(["", "3", "4", "q"], session: &session)
        #expect(
            output.hasPrefix(
                """
                card 1/3 (due 0, new 3, learning 0) tcp#one
                topic: TCP
                question:
                  What is one?
                > answer:
                  • first
                  • `1`
                rate: 1 again 1m | 2 hard 6m | 3 good 10m | 4 easy 8d
                > recorded: good, due in 10m
                card 2/4 (due 0, new 2, learning 1) tcp#two
                """))
        // Easy's 8 days get the scheduler's fuzz.
        #expect(output.contains("> recorded: easy, due in "))
        #expect(
            output.hasSuffix(
                "\ncard 3/4 (due 0, new 1, learning 1) tcp#three\ntopic: TCP\nquestion:\n  en: what is tcp#three?\n> done: 2 answered\n"
            ))
        #expect(try fixture.store.reviews(of: "tcp#one").map(\.rating) == [3])
        #expect(try fixture.store.reviews(of: "tcp#two").map(\.rating) == [4])
        #expect(try fixture.reviewRows() == 2)
    }

    @Test func skipUndoAndEndOfInput() throws {
        let fixture = try fixture()
        var session = try QuizSession(store: fixture.store, options: QuizOptions(timeZone: utc), at: noon, seed: 1)
        let output = try script(["s", "2", "u", "x", "1"], session: &session)
        #expect(output.contains("skipped\ncard 1/2 (due 0, new 2, learning 0) tcp#two"))
        #expect(output.contains("recorded: hard, due in 6m\n"))
        #expect(output.contains("undone\ncard 1/2 (due 0, new 2, learning 0) tcp#two"))
        #expect(output.contains("keys: Enter shows the answer"))
        #expect(output.hasSuffix("done: 1 answered\n"))
        #expect(try fixture.store.reviews(of: "tcp#two").map(\.rating) == [1])
        #expect(try fixture.store.reviews(of: "tcp#one").isEmpty)
    }

    @Test func generatedCardsAreGradedFromTheTypedAnswer() throws {
        let generator = try #require(QuestionCatalog.all.first, "no question generators in Models")
        let fixture = try QuizFixture()
        try fixture.note("tcp")
        try fixture.card("tcp#gen", note: "tcp", kind: "generated", prompt: generator.name, answer: "")
        var session = try QuizSession(store: fixture.store, options: QuizOptions(timeZone: utc), at: noon, seed: 42)
        let question = try #require(try session.next(at: noon)?.question)
        let output = try script([question.answer], session: &session)
        #expect(output.contains("question (type your answer):"))
        #expect(output.contains("correct\n"))
        #expect(try fixture.store.reviews(of: "tcp#gen").map(\.rating) == [3])

        let wrong = try QuizFixture()
        try wrong.note("tcp")
        try wrong.card("tcp#gen", note: "tcp", kind: "generated", prompt: generator.name, answer: "")
        var second = try QuizSession(store: wrong.store, options: QuizOptions(timeZone: utc), at: noon, seed: 42)
        let secondOutput = try script(["certainly not this", "q"], session: &second)
        #expect(secondOutput.contains("wrong; the answer is: \(question.answer)"))
        #expect(try wrong.store.reviews(of: "tcp#gen").map(\.rating) == [1])
    }

    /// A quiz in Chinese asks a generated question in Chinese, and takes the same answer.
    @Test func aChineseQuizAsksGeneratedQuestionsInChinese() throws {
        let generator = try #require(QuestionCatalog.generator(named: "tcp.reno.cwnd"))
        let fixture = try QuizFixture()
        try fixture.note("tcp", lang: "zh")
        try fixture.card("tcp#gen", note: "tcp", kind: "generated", langs: ["zh"], prompt: generator.name, answer: "")
        let options = QuizOptions(language: .zh, timeZone: utc)
        var session = try QuizSession(store: fixture.store, options: options, at: noon, seed: 42)
        let question = try #require(try session.next(at: noon)?.question)
        #expect(question.prompt.contains("拥塞窗口") || question.prompt.contains("慢启动"), "\(question.prompt)")
        let output = try script([question.answer], session: &session)
        #expect(output.replacingOccurrences(of: "\n  ", with: "").contains(question.prompt))
        #expect(output.contains("correct\n"))
        #expect(try fixture.store.reviews(of: "tcp#gen").map(\.rating) == [3])
    }
}
