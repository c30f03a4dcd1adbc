import Foundation
import Models

/// Draws a `tls.handshake` trace as a ladder between client and server.
enum TLSRenderer {
    typealias Trace = DemoTrace<TLSHandshakeDemo.Parameters, TLSHandshakeDemo.Step, TLSHandshakeDemo.Outcome>

    static func ladder(_ trace: Trace) -> Ladder {
        let p = trace.params
        let r = trace.result
        var kind = p.resume ? "resumed" : "full"
        if p.earlyData { kind += ", 0-RTT" }
        var title = "TLS \(p.version) \(kind) handshake, \(r.cipherSuite)"
        if let group = r.group { title += ", \(group)" }
        var ladder = Ladder(lanes: ["client", "server (\(p.host))"], title: title)
        var lastSender: String?
        var elapsed = 0
        for step in trace.trace {
            switch step.kind {
            case .compute:
                ladder.note("* \(step.side): \(step.label)", tone: step.label.contains("rejected") ? .failed : .plain)
                for note in step.notes { ladder.note("    " + note) }
            case .message, .alert:
                let fromClient = step.side == "client"
                // Each client flight is tagged with the time it leaves, in round trips.
                var tag: String?
                if !fromClient && lastSender == "client" { elapsed += 1 }
                if fromClient && lastSender != "client" { tag = "t=\(elapsed) RTT" }
                lastSender = step.side
                ladder.message(
                    from: fromClient ? 0 : 1, to: fromClient ? 1 : 0, step.label, tag: tag,
                    tone: step.kind == .alert ? .failed : .plain)
                for note in step.notes { ladder.note(note, lane: 0) }
            }
        }
        ladder.gap()
        if r.completed {
            ladder.footer(
                "Handshake complete; the server read \(r.applicationData?.utf8.count ?? 0) bytes of application data.",
                tone: .good)
            if let rtts = r.roundTripsBeforeApplicationData {
                ladder.footer("Round trips before the first application byte: \(rtts) (+1 for TCP's handshake).")
            }
        } else {
            ladder.footer("Handshake aborted: the client sent a fatal \(r.alert ?? "alert").", tone: .failed)
            for problem in r.certificateProblems { ladder.footer("  " + problem, tone: .failed) }
        }
        return ladder
    }
}
