import Foundation
import GRDB
import Store
import Testing

@testable import Quiz

/// The built `netprep` next to the test bundle (or `NETPREP_BIN`).
func netprepBinary() -> URL? {
    if let path = ProcessInfo.processInfo.environment["NETPREP_BIN"] { return URL(fileURLWithPath: path) }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = folder.appendingPathComponent("netprep")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return nil
}

/// A `netprep quiz` child speaking the line protocol over pipes.
final class ChildQuiz {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    var buffer = ""

    init(binary: URL, database: String, seed: Int) throws {
        process.executableURL = binary
        process.arguments = ["quiz", "--db", database, "--seed", "\(seed)"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["NETPREP_BUILTIN"] = "0"
        for name in ["LANGUAGE", "LC_ALL", "LC_MESSAGES"] { environment[name] = nil }
        environment["LANG"] = "en_US.UTF-8"
        process.environment = environment
        try process.run()
    }

    /// Reads until `marker` has appeared `count` times more than already consumed; returns the text.
    @discardableResult
    func read(until marker: String) -> String {
        while !buffer.contains(marker) {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
        }
        guard let range = buffer.range(of: marker) else { return buffer }
        let text = String(buffer[..<range.upperBound])
        buffer = String(buffer[range.upperBound...])
        return text
    }

    func send(_ line: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

func temporaryDatabase(cards: Int) throws -> (path: String, fixture: QuizFixture) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-quiz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("test.sqlite").path
    let fixture = QuizFixture(database: try AppDatabase(path: path))
    try fixture.note("tcp", title: "TCP")
    for index in 0..<cards { try fixture.card(String(format: "tcp#%02d", index), note: "tcp", position: index) }
    return (path, fixture)
}

@Suite(.serialized) struct ProcessSafety {
    @Test func killingTheQuizMidSessionLosesNoAnsweredCard() throws {
        let binary = try #require(netprepBinary(), "build netprep first (swift build)")
        let (path, _) = try temporaryDatabase(cards: 10)
        let child = try ChildQuiz(binary: binary, database: path, seed: 1)
        var answered: [String] = []
        for rating in ["3", "1", "4", "2", "3", "3"] {
            let screen = child.read(until: "> ")
            let id = try #require(screen.split(separator: "\n").first { $0.hasPrefix("card ") }?.split(separator: " ").last)
            answered.append(String(id))
            child.send(rating)
            child.read(until: "recorded: ")
        }
        // Answered six; the seventh card is on screen, waiting. Kill it with no chance to clean up.
        child.read(until: "> ")
        child.kill()

        let store = ReviewStore(try AppDatabase(path: path))
        #expect(try store.reviewCount() == 6)
        for (id, rating) in zip(answered, [3, 1, 4, 2, 3, 3]) {
            #expect(try store.reviews(of: id).map(\.rating) == [rating])
            #expect(try store.state(of: id) != nil)
        }
        let integrity = try AppDatabase(path: path).writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }

    @Test func twoProcessesOnOneDatabaseBothCommitEveryAnswer() throws {
        let binary = try #require(netprepBinary(), "build netprep first (swift build)")
        let (path, _) = try temporaryDatabase(cards: 6)
        let first = try ChildQuiz(binary: binary, database: path, seed: 1)
        let second = try ChildQuiz(binary: binary, database: path, seed: 2)
        // Both planned the same new cards; they answer them in turn, often the same card.
        for _ in 0..<5 {
            for child in [first, second] {
                child.read(until: "> ")
                child.send("3")
                #expect(child.read(until: "\n").hasPrefix("recorded: good"))
            }
        }
        first.send("q")
        second.send("q")
        first.process.waitUntilExit()
        second.process.waitUntilExit()
        #expect(first.process.terminationStatus == 0 && second.process.terminationStatus == 0)

        let database = try AppDatabase(path: path)
        let store = ReviewStore(database)
        #expect(try store.reviewCount() == 10)
        // Every card's log is a chain: each review starts from the state the previous one left.
        for index in 0..<6 {
            let reviews = try store.reviews(of: String(format: "tcp#%02d", index))
            for (previous, next) in zip(reviews, reviews.dropFirst()) {
                #expect(next.before == previous.after)
            }
            if let last = reviews.last { #expect(try store.state(of: last.cardID) == last.after) }
        }
        #expect(try database.writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    }
}
