import Basics
import Demos
import Foundation
import Models
import Scheduler
import Store

/// The quiz over plain lines, for pipes and scripts (stdin not a terminal).
///
/// For each card it prints a header, the question and a `> ` prompt, then reads a line:
/// empty shows the answer (and the ratings with their intervals); `1` ... `4` (or `again`,
/// `hard`, `good`, `easy`) rates; `s` skips; `u` undoes the last answer; `d` runs the card's demo;
/// `q` (or the end of input) quits. A generated card reads the typed answer instead and grades
/// it. Each answer is acknowledged with a `recorded:` line once it is committed.
public struct LineProtocol {
    public var readLine: () -> String?
    public var write: (String) -> Void
    public var now: () -> Date
    public var markdown: TerminalMarkdown

    public init(
        readLine: @escaping () -> String?, write: @escaping (String) -> Void, now: @escaping () -> Date,
        width: Int = 80
    ) {
        self.readLine = readLine
        self.write = write
        self.now = now
        self.markdown = TerminalMarkdown(color: false, width: width)
    }

    /// Runs the session until the queue is empty or the user quits; returns the answers given.
    @discardableResult
    public func run(_ session: inout QuizSession) throws -> Int {
        cards: while let item = try session.next(at: now()) {
            let progress = session.progress
            write(
                "card \(progress.position)/\(progress.total) (due \(progress.due), new \(progress.new), learning \(progress.learning)) \(item.card.id)\n"
            )
            write("topic: \(item.card.topicPath.joined(separator: " › "))\n")
            if let question = item.question {
                write("question (type your answer):\n")
                print(question.prompt)
            } else {
                write("question:\n")
                print(item.card.kind == .cloze ? TerminalMarkdown.hidingClozes(item.card.prompt) : item.card.prompt)
            }
            var answerShown = false
            while true {
                write("> ")
                guard let line = readLine() else { break cards }
                let command = line.trimmingCharacters(in: .whitespaces)
                switch command.lowercased() {
                case "q", "quit":
                    break cards
                case "s", "skip":
                    session.skip()
                    write("skipped\n")
                    continue cards
                case "u", "undo":
                    if try session.undo(at: now()) != nil {
                        write("undone\n")
                        continue cards
                    }
                    write("nothing to undo\n")
                    continue
                case "d", "demo":
                    showDemo(item)
                    continue
                default:
                    break
                }
                if let question = item.question {
                    let correct = question.isCorrect(command)
                    write(correct ? "correct\n" : "wrong; the answer is: \(question.answer)\n")
                    if !question.explanation.isEmpty { print(question.explanation) }
                    let entry = try session.answer(correct ? .good : .again, at: now())
                    acknowledge(entry)
                    continue cards
                }
                if command.isEmpty {
                    if !answerShown {
                        write("answer:\n")
                        print(item.card.answer)
                        answerShown = true
                    }
                    let ratings = try ratingLine(session)
                    write("rate: \(ratings)\n")
                    continue
                }
                guard let rating = Rating(text: command) else {
                    write("keys: Enter shows the answer; 1 again, 2 hard, 3 good, 4 easy; s skip; u undo; d demo; q quit\n")
                    continue
                }
                let entry = try session.answer(rating, at: now())
                acknowledge(entry)
                continue cards
            }
        }
        write("done: \(session.answered) answered\n")
        return session.answered
    }

    func print(_ markdownText: String) {
        for line in markdown.render(markdownText) { write("  \(line)\n") }
    }

    func ratingLine(_ session: QuizSession) throws -> String {
        let intervals = try session.intervals(at: now())
        return Rating.allCases.map { "\($0.rawValue) \($0) \(formatInterval(intervals[$0] ?? 0))" }.joined(separator: " | ")
    }

    func acknowledge(_ entry: ReviewEntry) {
        let rating = Rating(rawValue: entry.rating).map(\.description) ?? "\(entry.rating)"
        let wait = Double(entry.after.due - entry.reviewedAt) / 1000
        write("recorded: \(rating), due in \(formatInterval(wait))\n")
    }

    func showDemo(_ item: QuizItem) {
        guard let invocation = item.question?.demo ?? item.card.demo else {
            write("this card has no demo\n")
            return
        }
        write(QuizDemo.run(invocation, style: .plain) + "\n")
    }
}

/// Runs the demo a card names (`tcp.handshake --loss 0.2`).
public enum QuizDemo {
    /// The demo's rendering, or a line saying why it could not run.
    public static func run(_ call: DemoCall, style: RenderStyle) -> String {
        do {
            return try execute(call, style: style)
        } catch {
            return "demo \(call.name): \(error)"
        }
    }

    /// The demo's rendering; `--seed N` among the options is the run's seed, as for `demo run`.
    public static func execute(_ call: DemoCall, style: RenderStyle) throws -> String {
        try DemoCatalog.execute(call, style: style)
    }
}
