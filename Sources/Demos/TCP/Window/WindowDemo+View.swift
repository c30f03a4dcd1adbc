import ArgumentParser
import Basics
import Foundation
import Models

extension WindowDemo: Demo {
    public static let summary = "sliding window: cumulative ACKs, out-of-order arrival, zero window and persist probes"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Data to send.", valueName: "n"))
        var bytes = 6000
        @Option(help: ArgumentHelp("Segment size.", valueName: "n"))
        var mss = 1000
        @Option(help: ArgumentHelp("Receive buffer in bytes, the most the window can be.", valueName: "n"))
        var buffer = 4000
        @Option(help: ArgumentHelp("Lose the k-th segment sent (first transmissions, from 1).", valueName: "k,..."))
        var lose: String?
        @Option(help: ArgumentHelp("Delay the k-th segment so it arrives after the next one.", valueName: "k,..."))
        var delay: String?
        @Flag(
            name: .customLong("slow-reader"),
            help: "The application reads --read bytes every --read-every seconds from --read-after on: the window closes.")
        var slowReader = false
        @Option(help: ArgumentHelp("Bytes the application reads at a time, with --slow-reader.", valueName: "n"))
        var read = 2000
        @Option(
            name: .customLong("read-every"),
            help: ArgumentHelp("Seconds between the application's reads, with --slow-reader.", valueName: "seconds"))
        var readEvery = 1.0
        @Option(
            name: .customLong("read-after"),
            help: ArgumentHelp("Seconds before the application's first read, with --slow-reader.", valueName: "seconds"))
        var readAfter = 3.0
        @Flag(name: .customLong("lose-update"), help: "Lose the first window update: persist probes find the open window.")
        var loseUpdate = false
        @Option(help: ArgumentHelp("Round-trip time in seconds.", valueName: "seconds"))
        var rtt = 1.0
        @Option(help: ArgumentHelp("Retransmission timeout in seconds.", valueName: "seconds"))
        var rto = 3.0
        @Option(help: ArgumentHelp("First persist interval in seconds, doubled per probe.", valueName: "seconds"))
        var persist = 1.0
        @Option(help: ArgumentHelp("The sender's ISN (the default makes data start at seq 1).", valueName: "n"))
        var isn = "0"
        @Option(help: ArgumentHelp("Probability that any data segment is lost.", valueName: "p"))
        var loss = 0.0

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        func numbers(_ option: String?, _ key: String) throws -> [Int] {
            try OptionCheck.list(option).map { text in
                guard let value = Int(text), value >= 1 else {
                    throw DemoError.badOption("--\(key) takes segment numbers from 1, not '\(text)'")
                }
                return value
            }
        }
        let lose = try numbers(options.lose, "lose")
        let delay = try numbers(options.delay, "delay")
        let mss = try OptionCheck.within(options.mss, 1...65495, "mss")
        let buffer = try OptionCheck.within(options.buffer, 1...65535, "buffer")
        let isnText = options.isn
        guard let isn = UInt32(isnText) else { throw DemoError.badOption("--isn takes a number from 0 to 4294967295") }
        return Parameters(
            bytes: try OptionCheck.within(options.bytes, 1...1_000_000, "bytes"), mss: mss, buffer: buffer, lose: lose,
            delay: delay, slowReader: options.slowReader, read: try OptionCheck.within(options.read, 1...1_000_000, "read"),
            readEvery: try OptionCheck.within(options.readEvery, 0.001...3600, "read-every"),
            readAfter: try OptionCheck.within(options.readAfter, 0...3600, "read-after"), loseUpdate: options.loseUpdate,
            rtt: try OptionCheck.within(options.rtt, 0.002...60, "rtt"),
            rto: try OptionCheck.within(options.rto, 0.01...600, "rto"),
            persist: try OptionCheck.within(options.persist, 0.01...60, "persist"), isn: isn,
            loss: try OptionCheck.within(options.loss, 0...0.9, "loss"))
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
