import Basics
import Foundation
import Models

extension WindowDemo: Demo {
    public static let summary = "sliding window: cumulative ACKs, out-of-order arrival, zero window and persist probes"

    public static let usage = [
        "--bytes N        data to send (default 6000)",
        "--mss N          segment size (default 1000)",
        "--buffer N       receive buffer in bytes, the most the window can be (default 4000)",
        "--lose K,...     lose the K-th segment sent (first transmissions, from 1)",
        "--delay K,...    delay the K-th segment so it arrives after the next one",
        "--slow-reader    the application reads --read bytes every --read-every seconds,",
        "                 starting after --read-after (defaults 2000, 1, 3): the window closes",
        "--lose-update    lose the first window update: persist probes find the open window",
        "--rtt S          round-trip time in seconds (default 1)",
        "--rto S          retransmission timeout in seconds (default 3)",
        "--persist S      first persist interval in seconds, doubled per probe (default 1)",
        "--isn N          the sender's ISN (default 0, so data starts at seq 1)",
        "--loss P         probability that any data segment is lost (default 0)",
    ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        func numbers(_ key: String) throws -> [Int] {
            try options.list(key).map { text in
                guard let value = Int(text), value >= 1 else {
                    throw DemoError.badOption("--\(key) takes segment numbers from 1, not '\(text)'")
                }
                return value
            }
        }
        let lose = try numbers("lose")
        let delay = try numbers("delay")
        let mss = try options.int("mss", default: 1000, in: 1...65495)
        let buffer = try options.int("buffer", default: 4000, in: 1...65535)
        let isnText = options.string("isn", default: "0")
        guard let isn = UInt32(isnText) else { throw DemoError.badOption("--isn takes a number from 0 to 4294967295") }
        return Parameters(
            bytes: try options.int("bytes", default: 6000, in: 1...1_000_000), mss: mss, buffer: buffer, lose: lose, delay: delay,
            slowReader: options.flag("slow-reader"), read: try options.int("read", default: 2000, in: 1...1_000_000),
            readEvery: try options.double("read-every", default: 1, in: 0.001...3600),
            readAfter: try options.double("read-after", default: 3, in: 0...3600), loseUpdate: options.flag("lose-update"),
            rtt: try options.double("rtt", default: 1, in: 0.002...60),
            rto: try options.double("rto", default: 3, in: 0.01...600),
            persist: try options.double("persist", default: 1, in: 0.01...60), isn: isn,
            loss: try options.double("loss", default: 0, in: 0...0.9))
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        renderTimeline(ladder(trace)!, style: style)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Ladder? {
        let p = trace.params
        var ladder = Ladder(
            lanes: ["sender", "receiver"],
            title: "Sliding window (RFC 9293 §3.8.6): \(p.bytes) bytes, MSS \(p.mss), receive buffer \(p.buffer)")
        for event in trace.trace {
            if let segment = event.segment {
                let label: String
                if event.side == .sender {
                    let kind = segment.label == "data" ? "" : segment.label + " "
                    label = kind + "seq=\(segment.seq ?? 0)" + (segment.length > 0 ? " len=\(segment.length)" : "")
                } else {
                    let kind = segment.label == "ack" ? "" : segment.label + " "
                    label = kind + "ack=\(segment.ack ?? 0) win=\(segment.window ?? 0)"
                }
                let fromSender = event.side == .sender
                ladder.message(from: fromSender ? 0 : 1, to: fromSender ? 1 : 0, label, time: event.time, lost: segment.lost)
                if let text = event.text { ladder.note(text) }
            } else {
                ladder.note("\(event.side): \(event.text ?? "")", time: event.time)
            }
        }
        let r = trace.result
        ladder.footer(r.completedAt.map { "all data acknowledged at \(TCPText.seconds($0)) s" } ?? "data not all acknowledged")
        ladder.footer(
            "\(r.retransmissions) retransmission(s), \(r.outOfOrderArrivals) out-of-order arrival(s), \(r.probes) window probe(s)"
        )
        return ladder
    }
}
