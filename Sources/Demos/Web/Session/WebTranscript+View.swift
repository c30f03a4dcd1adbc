import Basics
import Foundation
import Models

extension WebTranscript {
    static func render(
        parties: [String], steps: [WebStep], title: String, footer: [(String, Bool?)], style: RenderStyle
    ) -> String {
        var ladder = Ladder(parties: parties, style: style, title: title)
        for step in steps {
            guard let to = step.to, let toIndex = parties.firstIndex(of: to),
                let fromIndex = parties.firstIndex(of: step.from)
            else {
                ladder.note("* \(step.number). \(step.from): \(step.label)")
                for note in step.notes { ladder.note("    " + note) }
                continue
            }
            var lines = step.http?.summaryLines(showing: shownHeaders) ?? []
            if let body = step.http?.body, !body.isEmpty, step.kind == .request {
                lines.append("body: " + body)
            }
            lines += step.notes
            let failed = step.kind == .response && (step.http?.status ?? 0) >= 400
            ladder.message(
                from: fromIndex, to: toIndex, label: "\(step.number). \(step.label)", notes: lines, failed: failed)
        }
        ladder.gap()
        for (line, good) in footer {
            ladder.footer(line, red: good == false, green: good == true)
        }
        return ladder.text + "\n"
    }
}
