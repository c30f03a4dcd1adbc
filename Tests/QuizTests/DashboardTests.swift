import Basics
import Foundation
import Scheduler
import Store
import Testing

@testable import Quiz

/// The dashboard's weakest notes come from the reviewed cards alone, and are the notes that
/// mastery over every card, grouped by note, would put first.
@Test func theWeakestNotesAreThoseMasteryOverEveryCardPutsFirst() throws {
    let fixture = try QuizFixture()
    var generator = SplitMix64(seed: 11)
    for note in ["arp", "dns", "tcp", "tcp.handshake", "tcpip", "udp", "tls"] {
        try fixture.note(note)
        for index in 0..<Int(generator.next() % 6 + 1) {
            let topic = index % 2 == 0 ? note : "\(note)#part\(index)"
            let id = "\(topic)-\(index)"
            try fixture.card(id, note: note, position: index)
            switch generator.next() % 4 {
            case 0: break  // new
            case 1: try fixture.retire(id)  // no text: not quizzable
            default:
                try fixture.setState(
                    id, reviewState(dueOffset: Double(generator.next() % 10) * day, stability: Double(generator.next() % 30 + 1)))
            }
        }
    }
    // A card filed under a note's section with a `#` in its topic, and a note with no card.
    try fixture.card("tcp#part9-9", note: "tcp", position: 9)
    try fixture.setState("tcp#part9-9", reviewState(dueOffset: -day, stability: 2))
    try fixture.note("ip")

    let scheduler = Scheduler()
    let everyCard = try QuizStatistics.mastery(store: fixture.store, scheduler: scheduler, at: noon) {
        ReviewStore.noteKey(of: $0)
    }
    let expected = everyCard.filter { $0.reviewed > 0 }
        .sorted { ($0.meanRetrievability, $0.topic) < ($1.meanRetrievability, $1.topic) }
    for count in [1, 3, 10] {
        let weakest = try QuizStatistics.weakestNotes(store: fixture.store, scheduler: scheduler, at: noon, count: count)
        #expect(weakest == Array(expected.prefix(count)))
    }
    #expect(expected.count >= 3)
    let dashboard = try QuizStatistics.dashboard(store: fixture.store, scheduler: scheduler, at: noon, timeZone: utc)
    #expect(dashboard.weakest == Array(expected.prefix(3)))
}
