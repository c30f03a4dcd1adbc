import Basics
import Testing

@Test func eachLanguageFallsBackToTheOther() {
    #expect(Language.en.fallback == .zh)
    #expect(Language.zh.fallback == .en)
    #expect(Language.zh.pick(en: "handshake", zh: "握手") == "握手")
}
