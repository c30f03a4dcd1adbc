import ArgumentParser
import Basics
import Foundation
import Notes
import Quiz
import Store

struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz", _superCommandName: Netprep.name,
        abstract: "Answer the cards that are due, then new ones.",
        discussion: """
            The queue: learning cards that are due, then due reviews (the most overdue for \
            their stability first), then new cards up to the daily limit, prerequisites first.

            Keys: Space or Enter shows the answer; 1 Again, 2 Hard, 3 Good, 4 Easy; d runs the \
            card's demo; u undoes the last answer; s skips; q quits. Every answer is saved the \
            moment it is given.

            When stdin is not a terminal, the quiz speaks a line protocol: it prints the \
            question and a "> " prompt, then reads a line: empty shows the answer, 1 to 4 rates, \
            s skips, u undoes, q quits.

            Examples:
              netprep quiz
              netprep quiz --topic tcp --new 5
              netprep quiz --lang zh --limit 20
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only cards under this topic (tcp, tcp.handshake).")
    var topic: String?

    @Option(name: .customLong("new"), help: "New cards a day (cards first answered today count).")
    var newPerDay: Int = Self.defaultNewPerDay

    @Option(help: "At most this many cards in the session.")
    var limit: Int?

    @Option(help: "Card language: en or zh (a card without it shows the other). Default: yours (netprep config).")
    var lang: Language?

    @Option(help: "Desired retention, between 0 and 1 (default: yours, netprep config retention, else 0.9).")
    var retention: Double?

    @Option(help: ArgumentHelp("Seed for interval fuzz and generated questions.", visibility: .hidden))
    var seed: UInt64?

    static let defaultNewPerDay = 20

    func validate() throws {
        try Self.check(newPerDay: newPerDay, limit: limit, retention: retention)
    }

    static func check(newPerDay: Int, limit: Int?, retention: Double?) throws {
        if newPerDay < 0 { throw ValidationError("--new must be 0 or more") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let retention, !(retention > 0 && retention < 1) {
            throw ValidationError("--retention must be greater than 0 and less than 1 (0.9 is usual)")
        }
    }

    func run() throws {
        try Self.start(
            database: try global.openDatabase(), topic: topic, newPerDay: newPerDay, limit: limit, language: lang,
            retention: retention, seed: seed)
    }

    /// `netprep quiz` in its plain forms (`QuickArguments`); false for any other.
    static func quickRun(_ arguments: [String]) throws -> Bool {
        guard
            let quick = QuickArguments(
                arguments, flags: [], options: ["--topic", "--new", "--limit", "--lang", "--retention", "--seed"],
                positionals: 0...0),
            let newPerDay = quick.value("--new", or: defaultNewPerDay),
            let limit: Int? = quick.optionalValue("--limit"),
            let language: Language? = quick.optionalValue("--lang"),
            let retention: Double? = quick.optionalValue("--retention"),
            let seed: UInt64? = quick.optionalValue("--seed"),
            (try? check(newPerDay: newPerDay, limit: limit, retention: retention)) != nil
        else { return false }
        try start(
            database: try GlobalOptions.openDatabase(quick), topic: quick.values["--topic"], newPerDay: newPerDay, limit: limit,
            language: language, retention: retention, seed: seed)
        return true
    }

    static func start(
        database: @autoclosure () throws -> AppDatabase, topic: String?, newPerDay: Int, limit: Int?, language: Language?,
        retention: Double?, seed: UInt64?
    ) throws {
        try reportingErrors {
            let database = try database()
            let store = ReviewStore(database)
            if let topic { try TopicCheck.ensureCards(under: topic, in: store) }
            let language = GlobalOptions.readerLanguage(language, database: database)
            let now = Date()
            let options = QuizOptions(
                scope: topic.map(TopicScope.init), newPerDay: newPerDay, limit: limit, language: language)
            var session = try QuizSession(
                store: store, scheduler: try SchedulingPreferences.scheduler(database, retention: retention),
                options: options, at: now, seed: seed ?? UInt64(now.milliseconds))
            if Terminal.isInteractive {
                let answered = try TerminalQuiz(color: Terminal.colorEnabled).run(&session)
                Terminal.write("\(answered) answered. netprep shows what is left for today.\n")
            } else {
                try LineProtocol(readLine: { Swift.readLine() }, write: Terminal.write, now: Date.init).run(&session)
            }
        }
    }
}
