import Basics

/// `tcp.self-connect`: a client that connects to a port in the ephemeral range on its own
/// host can be given that same port as its source, and then connects to itself through a
/// simultaneous open.
///
/// The model draws each source port uniformly from the range. Linux instead walks the range
/// two ports at a time from an offset hashed from the addresses, so a loop of connect() calls
/// meets the destination port within half the range; either way the odds are one per port.
public enum SelfConnectDemo: Demo {
    public static let name = "tcp.self-connect"
    public static let summary = "a socket connected to itself: ephemeral port = destination port, simultaneous open"
    public static let usage = [
        "--port N         the destination port, nobody listening (default 50000)",
        "--range LO-HI    the ephemeral port range (default 32768-60999, Linux's ip_local_port_range)",
        "--max N          give up after N attempts (default 1000000)",
    ]

    public struct Parameters: Codable, Sendable, Equatable {
        public var port: UInt16
        public var low: UInt16
        public var high: UInt16
        public var maxAttempts: Int
    }

    public struct Step: Codable, Sendable, Equatable {
        public var attempt: Int
        public var sourcePort: UInt16
        public var text: String
        public var state: TCPState?
        /// The segment, an IPv4 datagram in hex.
        public var bytes: String?
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var attempts: Int
        public var selfConnected: Bool
        /// getsockname() equals getpeername(): the check a client makes to refuse it.
        public var detected: Bool
    }

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        let range = options.string("range", default: "32768-60999")
        let parts = range.split(separator: "-").compactMap { UInt16($0) }
        guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else {
            throw DemoError.badOption("--range takes LOW-HIGH ports such as 32768-60999, not '\(range)'")
        }
        let port = UInt16(try options.int("port", default: 50000, in: 1...65535))
        guard (parts[0]...parts[1]).contains(port) else {
            throw DemoError.badOption(
                "port \(port) is outside the ephemeral range \(range): a client can never be given it, so it cannot connect to itself"
            )
        }
        return Parameters(
            port: port, low: parts[0], high: parts[1],
            maxAttempts: try options.int("max", default: 1_000_000, in: 1...100_000_000))
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var random = SplitMix64(seed: seed)
        let size = UInt64(parameters.high - parameters.low) + 1
        var steps: [Step] = []
        var attempt = 0
        var hit = false
        while attempt < parameters.maxAttempts {
            attempt += 1
            let source = parameters.low + UInt16(random.next() % size)
            if source == parameters.port {
                hit = true
                break
            }
            if attempt <= 3 {
                steps.append(
                    Step(
                        attempt: attempt, sourcePort: source, text: "SYN from port \(source): RST back, ECONNREFUSED",
                        state: .closed))
            }
        }
        let refusedUnlisted = (hit ? attempt - 1 : attempt) - 3
        if refusedUnlisted > 0 {
            steps.append(
                Step(attempt: attempt - 1, sourcePort: 0, text: "... \(refusedUnlisted) more refused attempts ...", state: nil))
        }
        let port = parameters.port
        var connected = false
        if hit {
            var machine = TCPStateMachine()
            let isn = UInt32(truncatingIfNeeded: random.next())
            func segment(_ flags: TCPFlags, seq: UInt32, ack: UInt32) -> String {
                TCPSegment(
                    source: .loopback, destination: .loopback,
                    tcp: TCPHeader(
                        sourcePort: port, destinationPort: port, sequenceNumber: seq, acknowledgmentNumber: ack, flags: flags,
                        window: 65495, options: flags.contains(.syn) ? [.maximumSegmentSize(65495)] : [])
                ).datagramBytes.hexString
            }
            do {
                _ = try machine.handle(.activeOpen)
                steps.append(
                    Step(
                        attempt: attempt, sourcePort: port, text: "source port \(port) = destination: SYN seq=\(isn)",
                        state: machine.state, bytes: segment(.syn, seq: isn, ack: 0)))
                _ = try machine.handle(.receiveSYN)
                steps.append(
                    Step(
                        attempt: attempt, sourcePort: port, text: "own SYN arrives: SYN+ACK seq=\(isn) ack=\(isn &+ 1)",
                        state: machine.state, bytes: segment([.syn, .ack], seq: isn, ack: isn &+ 1)))
                _ = try machine.handle(.receiveACK)
                steps.append(
                    Step(
                        attempt: attempt, sourcePort: port, text: "own SYN+ACK acknowledges its SYN", state: machine.state,
                        bytes: nil))
                connected = machine.state == .established
            } catch {
                throw DemoError.impossible(error.description)
            }
            steps.append(
                Step(attempt: attempt, sourcePort: port, text: "getsockname() == getpeername(): close, retry", state: nil))
        }
        return DemoTrace(
            demo: name, params: parameters, trace: steps,
            result: Outcome(attempts: attempt, selfConnected: connected, detected: connected))
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        var lines = [
            TCPPaint(style).bold("TCP self-connect on 127.0.0.1:\(p.port)"),
            "connect() in a loop to a port nobody listens on,",
            "inside the ephemeral range \(p.low)-\(p.high)",
            "",
        ]
        for step in trace.trace {
            let attempt = step.sourcePort == 0 ? "" : "#\(step.attempt)"
            let state = step.state.map { "  [\($0)]" } ?? ""
            lines.append(
                TCPText.pad(attempt, 10, right: true) + "  " + step.text
                    + (step.state == .established ? TCPPaint(style).bold(state) : state))
        }
        lines.append("")
        if trace.result.selfConnected {
            lines.append(
                "self-connected after \(trace.result.attempts) attempts (\(Int(p.high - p.low) + 1) expected on average);")
            lines.append("detected by comparing the two addresses: \(trace.result.detected ? "yes" : "no")")
        } else {
            lines.append("no self-connect in \(trace.result.attempts) attempts")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
