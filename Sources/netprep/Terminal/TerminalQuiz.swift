import Basics
import Demos
import Foundation
import Models
import Quiz
import Scheduler
import Store

/// The interactive quiz: raw mode on the alternate screen, redrawn on every key and on resize.
///
/// Space or Enter shows the answer; 1 to 4 rate; u undoes; s skips; d runs the card's demo;
/// j/k or the arrows scroll a long answer; q, Ctrl-C or Ctrl-D quit. A generated card takes a
/// typed answer (Esc leaves the typing for the other keys).
struct TerminalQuiz {
    let color: Bool

    /// Runs the session to its end or until the user quits; returns the answers given.
    func run(_ session: inout QuizSession) throws -> Int {
        let raw = try RawMode()
        Terminal.write("\u{1B}[?1049h\u{1B}[?25l")
        defer {
            Terminal.write("\u{1B}[?25h\u{1B}[?1049l")
            raw.restore()
        }
        var keys = KeyReader()
        var message: String?
        cards: while let item = try session.next(at: Date()) {
            var phase: QuizScreen.Phase = item.question != nil ? .typing("") : .question
            var returnPhase = phase
            var scroll = 0
            var maxScroll = 0
            var size = Terminal.size()
            func draw() {
                let screen = QuizScreen(width: size.width, height: size.height, color: color)
                let rendered = screen.render(
                    item: item, progress: session.progress, phase: phase, scroll: scroll, message: message)
                maxScroll = rendered.maxScroll
                scroll = min(scroll, maxScroll)
                Terminal.write("\u{1B}[H\u{1B}[2J" + rendered.lines.joined(separator: "\r\n"))
            }
            draw()
            while true {
                guard let key = keys.next(timeoutMilliseconds: 200) else {
                    let now = Terminal.size()
                    if now != size {
                        size = now
                        draw()
                    }
                    continue
                }
                if key == .interrupt || key == .endOfInput { break cards }
                if case .demo = phase {
                    switch key {
                    case .character("j"), .down: scroll = min(maxScroll, scroll + 1)
                    case .character("k"), .up: scroll = max(0, scroll - 1)
                    case .pageDown: scroll = min(maxScroll, scroll + size.height / 2)
                    case .pageUp: scroll = max(0, scroll - size.height / 2)
                    default:
                        phase = returnPhase
                        scroll = 0
                    }
                    draw()
                    continue
                }
                if case .typing(let typed) = phase {
                    switch key {
                    case .enter:
                        let rating = session.grade(typed)
                        let entry = try session.answer(rating, at: Date())
                        phase = .graded(correct: rating == .good, typed: typed)
                        message = recorded(entry)
                    case .backspace:
                        phase = .typing(String(typed.dropLast()))
                    case .escape:
                        phase = .question
                        message = "keys: s skip · u undo · q quit · enter back to typing"
                    case .character(let character):
                        phase = .typing(typed + String(character))
                    default:
                        break
                    }
                    draw()
                    continue
                }
                message = nil
                switch key {
                case .character("q"), .character("Q"), .escape:
                    break cards
                case .character("j"), .down:
                    scroll = min(maxScroll, scroll + 1)
                case .character("k"), .up:
                    scroll = max(0, scroll - 1)
                case .pageDown:
                    scroll = min(maxScroll, scroll + size.height / 2)
                case .pageUp:
                    scroll = max(0, scroll - size.height / 2)
                case .character("d"), .character("D"):
                    if let invocation = item.question?.demo ?? item.card.demo {
                        returnPhase = phase
                        phase = .demo(QuizDemo.run(invocation, style: RenderStyle(color: color, width: size.width)))
                        scroll = 0
                    } else {
                        message = "this card has no demo"
                    }
                case .character("u"), .character("U"):
                    if try session.undo(at: Date()) != nil {
                        message = "undone: answer the card again"
                        continue cards
                    }
                    message = "nothing to undo"
                case .character("s"), .character("S"):
                    if case .graded = phase { continue cards }
                    session.skip()
                    message = "skipped"
                    continue cards
                case .character(" "), .enter:
                    switch phase {
                    case .graded:
                        continue cards
                    case .question where item.question != nil:
                        phase = .typing("")
                    case .question:
                        phase = .answer(intervals: try session.intervals(at: Date()))
                    default:
                        break
                    }
                case .character(let character):
                    guard let digit = character.wholeNumberValue, let rating = Rating(rawValue: digit),
                        item.question == nil
                    else { break }
                    if case .graded = phase { break }
                    let entry = try session.answer(rating, at: Date())
                    message = recorded(entry)
                    continue cards
                default:
                    break
                }
                draw()
            }
        }
        return session.answered
    }

    func recorded(_ entry: ReviewEntry) -> String {
        let rating = Rating(rawValue: entry.rating).map(\.description) ?? "\(entry.rating)"
        return "recorded \(rating) · due in \(formatInterval(Double(entry.after.due - entry.reviewedAt) / 1000))"
    }
}
