import Basics

/// `tcp.keepalive`: keep-alive probes on an idle connection with Linux's default timers.
public enum KeepaliveDemo: Sendable {
    public static let name = "tcp.keepalive"

    public struct Parameters: Codable, Sendable, Equatable {
        public var peerAlive: Bool
        public var time: Double
        public var interval: Double
        public var probes: Int
        public var rtt: Double
        public var cycles: Int

        public init(peerAlive: Bool, time: Double, interval: Double, probes: Int, rtt: Double, cycles: Int) {
            self.peerAlive = peerAlive
            self.time = time
            self.interval = interval
            self.probes = probes
            self.rtt = rtt
            self.cycles = cycles
        }
    }

    public struct Step: Codable, Sendable, Equatable {
        public var time: Double
        /// `probe`, `ack` or `reset`.
        public var event: String
        public var text: String
        /// The segment, an IPv4 datagram in hex, for probes and their ACKs.
        public var bytes: String?
    }

    public struct Outcome: Codable, Sendable, Equatable {
        /// When the dead peer was detected (ETIMEDOUT), seconds after the last data.
        public var detectedAt: Double?
        public var probesSent: Int
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var random = SplitMix64(seed: seed)
        let clientNext = UInt32(truncatingIfNeeded: random.next())
        let serverNext = UInt32(truncatingIfNeeded: random.next())
        let client = IPv4Address(10, 0, 0, 1), server = IPv4Address(10, 0, 0, 2)
        // A probe repeats the last byte already acknowledged (SEG.SEQ = SND.NXT - 1), so the
        // peer must answer with an ACK (RFC 9293 §3.8.4).
        let probe = TCPSegment(
            source: client, destination: server,
            tcp: TCPHeader(
                sourcePort: 50000, destinationPort: 80, sequenceNumber: clientNext &- 1, acknowledgmentNumber: serverNext,
                flags: .ack, window: 64240))
        let ack = TCPSegment(
            source: server, destination: client,
            tcp: TCPHeader(
                sourcePort: 80, destinationPort: 50000, sequenceNumber: serverNext, acknowledgmentNumber: clientNext, flags: .ack,
                window: 64240))
        var steps: [Step] = []
        var now = 0.0
        var sent = 0
        var detected: Double?
        if parameters.peerAlive {
            for _ in 0..<parameters.cycles {
                now += parameters.time
                sent += 1
                steps.append(
                    Step(
                        time: now, event: "probe",
                        text: "idle \(TCPText.number(parameters.time)) s: probe seq=\(clientNext &- 1)",
                        bytes: probe.datagramBytes.hexString))
                steps.append(
                    Step(
                        time: now + parameters.rtt, event: "ack", text: "peer answers ack=\(clientNext): idle timer restarts",
                        bytes: ack.datagramBytes.hexString))
                now += parameters.rtt
            }
        } else {
            now = parameters.time
            for index in 1...parameters.probes {
                sent += 1
                steps.append(
                    Step(
                        time: now, event: "probe", text: "probe \(index) of \(parameters.probes), no answer",
                        bytes: probe.datagramBytes.hexString))
                now += parameters.interval
            }
            detected = parameters.time + Double(parameters.probes) * parameters.interval
            steps.append(
                Step(
                    time: detected!, event: "reset",
                    text: "\(parameters.probes) probes unanswered: connection dropped, ETIMEDOUT", bytes: nil))
        }
        return DemoTrace(demo: name, params: parameters, trace: steps, result: Outcome(detectedAt: detected, probesSent: sent))
    }

}
