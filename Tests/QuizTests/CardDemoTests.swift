import Basics
import Demos
import Foundation
import Notes
import Quiz
import Testing

/// Every demo a built-in card offers (`d` in the quiz) runs with the options the note gives
/// it, in both languages: a misspelt option or a value out of range in a note fails here, not
/// in front of a learner.
@Suite struct CardDemoTests {
    static let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("content")

    @Test func everyCardsDemoRunsWithItsOptions() throws {
        var calls: Set<DemoCall> = []
        var cardsWithDemos = 0
        let files = FileManager.default.enumerator(atPath: Self.content.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".md") }
        for file in files {
            let path = Self.content.appendingPathComponent(file).path
            let note = try NoteParser().parse(
                bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path, defaultID: file)
            for card in note.cards {
                guard let demo = card.demo else { continue }
                cardsWithDemos += 1
                calls.insert(demo.call)
            }
        }
        #expect(cardsWithDemos >= 280)
        #expect(calls.count >= 100)
        for call in calls.sorted(by: { "\($0)" < "\($1)" }) {
            #expect(throws: Never.self, "\(call)") { _ = try QuizDemo.execute(call, style: .plain) }
        }
    }
}
