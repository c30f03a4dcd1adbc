/// `tcp.window`: sliding window with cumulative ACKs, out-of-order arrival, and flow control.
public enum WindowDemo: Demo {
    public static let name = "tcp.window"
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

    public struct Parameters: Codable, Sendable, Equatable {
        public var bytes: Int
        public var mss: Int
        public var buffer: Int
        public var lose: [Int]
        public var delay: [Int]
        public var slowReader: Bool
        public var read: Int
        public var readEvery: Double
        public var readAfter: Double
        public var loseUpdate: Bool
        public var rtt: Double
        public var rto: Double
        public var persist: Double
        public var isn: UInt32
        public var loss: Double
    }

    public typealias Step = WindowEvent

    public struct Outcome: Codable, Sendable, Equatable {
        /// Seconds until the last byte was acknowledged; nil if it never was.
        public var completedAt: Double?
        public var retransmissions: Int
        public var probes: Int
        public var outOfOrderArrivals: Int
        public var finalAck: UInt32
    }

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

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        let ms = { (seconds: Double) in Int((seconds * 1000).rounded()) }
        var simulation = SlidingWindowSimulation(
            SlidingWindowSimulation.Configuration(
                total: parameters.bytes, mss: parameters.mss, buffer: parameters.buffer, oneWayDelay: ms(parameters.rtt / 2),
                rto: ms(parameters.rto), persist: ms(parameters.persist), lose: Set(parameters.lose),
                delay: Set(parameters.delay),
                loseUpdate: parameters.loseUpdate, readSize: parameters.slowReader ? parameters.read : nil,
                readEvery: ms(parameters.readEvery), readAfter: ms(parameters.readAfter), isn: parameters.isn,
                lossProbability: parameters.loss, seed: seed))
        simulation.run()
        let lastAck = simulation.events.last { $0.side == .receiver && $0.kind == .send }?.segment?.ack ?? parameters.isn &+ 1
        let done =
            simulation.sndUna >= parameters.bytes
            ? simulation.events.last { $0.side == .receiver && $0.segment?.ack == simulation.absolute(parameters.bytes) }
                .map { $0.time + parameters.rtt / 2 } : nil
        return DemoTrace(
            demo: name, params: parameters, trace: simulation.events,
            result: Outcome(
                completedAt: done, retransmissions: simulation.retransmissions, probes: simulation.probes,
                outOfOrderArrivals: simulation.outOfOrderArrivals, finalAck: lastAck))
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        var ladder = TCPLadder(leftTitle: "sender", rightTitle: "receiver")
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
                ladder.rows.append(.arrow(time: event.time, rightward: event.side == .sender, label: label, lost: segment.lost))
                if let text = event.text { ladder.rows.append(.note(time: nil, text: text)) }
            } else {
                ladder.rows.append(.note(time: event.time, text: "\(event.side): \(event.text ?? "")"))
            }
        }
        var lines = [
            TCPPaint(style).bold("Sliding window (RFC 9293 §3.8.6): \(p.bytes) bytes, MSS \(p.mss), receive buffer \(p.buffer)"),
            "",
            ladder.render(style: style),
        ]
        let r = trace.result
        lines.append(
            (r.completedAt.map { "all data acknowledged at \(TCPText.seconds($0)) s" } ?? "data not all acknowledged")
        )
        lines.append(
            "\(r.retransmissions) retransmission(s), \(r.outOfOrderArrivals) out-of-order arrival(s), \(r.probes) window probe(s)"
        )
        return lines.joined(separator: "\n") + "\n"
    }
}
