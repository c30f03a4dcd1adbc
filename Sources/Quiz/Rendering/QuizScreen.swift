import Basics
import Foundation
import Scheduler

/// The interactive quiz screen as lines of text, exactly `height` of them, each within `width`
/// columns: the topic path and progress on top, the question, the answer when shown, the keys
/// (with each rating's interval) at the bottom. Pure, so it is tested without a terminal.
public struct QuizScreen: Sendable {
    public enum Phase: Sendable, Equatable {
        case question
        /// The answer is shown; the intervals each rating would give.
        case answer(intervals: [Rating: TimeInterval])
        /// A generated card waiting for the typed answer.
        case typing(String)
        /// A generated card after grading (the rating is already recorded).
        case graded(correct: Bool, typed: String)
        /// A demo's output over the card.
        case demo(String)
    }

    public var width: Int
    public var height: Int
    public var color: Bool

    public init(width: Int, height: Int, color: Bool) {
        self.width = max(20, width)
        self.height = max(8, height)
        self.color = color
    }

    /// The screen, with the body scrolled down by `scroll` lines; also the largest useful scroll.
    public func render(
        item: QuizItem, progress: QuizProgress, phase: Phase, scroll: Int = 0, message: String? = nil
    ) -> (lines: [String], maxScroll: Int) {
        let markdown = TerminalMarkdown(color: color, width: width - 2)
        var header = item.card.topicPath.joined(separator: " › ")
        let count = "\(progress.position)/\(progress.total)"
        header = TerminalText.truncate(header, width: max(10, width - count.count - 2))
        let gap = max(1, width - TerminalText.width(of: header) - count.count)
        let counts =
            "due \(progress.due) · new \(progress.new) · learning \(progress.learning)"
        let idText = TerminalText.truncate(item.card.id, width: max(8, width - counts.count - 3))
        var top = [
            bold(header) + String(repeating: " ", count: gap) + count,
            counts + String(repeating: " ", count: max(2, width - counts.count - TerminalText.width(of: idText))) + dim(idText),
            dim(String(repeating: "─", count: width)),
        ]
        top = top.map { TerminalText.width(of: $0) > width ? TerminalText.truncate($0, width: width) : $0 }

        var body: [String] = []
        func add(_ lines: [String]) { body += lines.map { " " + $0 } }
        switch phase {
        case .demo(let output):
            body.append(bold("demo: \((item.question?.demo ?? item.card.demo)?.text ?? "")"))
            body += output.split(separator: "\n", omittingEmptySubsequences: false).map {
                TerminalText.truncate(String($0), width: width)
            }
        default:
            if let question = item.question {
                add(markdown.render(question.prompt))
            } else {
                add(
                    markdown.render(
                        item.card.kind == .cloze ? TerminalMarkdown.hidingClozes(item.card.prompt) : item.card.prompt))
            }
            body.append("")
            switch phase {
            case .question, .demo:
                break
            case .typing(let typed):
                body.append(" answer> " + typed + (color ? "\u{1B}[7m \u{1B}[27m" : "_"))
            case .graded(let correct, let typed):
                body.append(" answer> " + typed)
                body.append(correct ? green(" ✓ correct") : red(" ✗ wrong"))
                body.append(dim(" ── answer " + String(repeating: "─", count: max(0, width - 11))))
                add(markdown.render(item.question?.answer ?? item.card.answer))
                if let explanation = item.question?.explanation, !explanation.isEmpty {
                    body.append("")
                    add(markdown.render(explanation))
                }
            case .answer:
                body.append(dim(" ── answer " + String(repeating: "─", count: max(0, width - 11))))
                add(markdown.render(item.card.answer))
            }
        }

        let footer = keys(for: phase, hasDemo: (item.question?.demo ?? item.card.demo) != nil, message: message)
        let available = height - top.count - footer.count
        // A body taller than the screen scrolls, with its last row kept for a marker.
        let rows = body.count > available ? available - 1 : available
        let maxScroll = max(0, body.count - rows)
        let offset = min(max(0, scroll), maxScroll)
        var visible = Array(body.dropFirst(offset).prefix(rows))
        if maxScroll > 0 {
            visible.append(offset < maxScroll ? dim("  ↓ more: j/k or arrows scroll") : dim("  ↑ top: k"))
        }
        while visible.count < available { visible.append("") }
        let lines = (top + visible + footer).map { line in
            TerminalText.width(of: line) > width ? TerminalText.truncate(line, width: width) : line
        }
        return (lines, maxScroll)
    }

    func keys(for phase: Phase, hasDemo: Bool, message: String?) -> [String] {
        let demo = hasDemo ? "  d demo" : ""
        var line: String
        switch phase {
        case .question:
            line = "space show answer  s skip  u undo\(demo)  q quit"
        case .answer(let intervals):
            let ratings = Rating.allCases.map { rating -> String in
                let label = "\(rating.rawValue) \(rating) \(formatInterval(intervals[rating] ?? 0))"
                return color ? "\u{1B}[1m\(rating.rawValue)\u{1B}[22m" + label.dropFirst() : label
            }
            line = ratings.joined(separator: "  ")
            let rest = "  u undo\(demo)  q quit"
            if TerminalText.width(of: line + rest) <= width { line += rest }
        case .typing:
            line = "type the answer, enter to check  (esc: s skip, u undo, q quit)"
        case .graded:
            line = "space next  u undo\(demo)  q quit"
        case .demo:
            line = "j/k scroll  any other key: back to the card"
        }
        var lines = [dim(String(repeating: "─", count: width)), line]
        if let message { lines[0] = TerminalText.truncate(message, width: width) }
        return lines
    }

    func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[22m" : text }
    func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[22m" : text }
    func green(_ text: String) -> String { color ? "\u{1B}[32m\(text)\u{1B}[39m" : text }
    func red(_ text: String) -> String { color ? "\u{1B}[31m\(text)\u{1B}[39m" : text }
}
