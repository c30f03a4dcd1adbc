import Testing

@testable import Quiz

@Test func eachLanguageFallsBackToTheOther() {
    #expect(QuizLanguage.en.fallback == .zh)
    #expect(QuizLanguage.zh.fallback == .en)
}
