import Basics
import Foundation
import Models

extension WebTranscript {
    static func ladder(parties: [String], steps: [WebStep], title: String, footer: [(String, Bool?)]) -> Ladder {
        var ladder = Ladder(lanes: parties, title: title)
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
            ladder.message(from: fromIndex, to: toIndex, "\(step.number). \(step.label)", tone: failed ? .failed : .plain)
            for line in lines { ladder.note(line, lane: min(fromIndex, toIndex)) }
        }
        ladder.gap()
        for (line, good) in footer {
            ladder.footer(line, tone: good == true ? .good : good == false ? .failed : .plain)
        }
        return ladder
    }
}
