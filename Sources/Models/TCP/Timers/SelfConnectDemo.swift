import Basics

/// `tcp.self-connect`: a client that connects to a port in the ephemeral range on its own
/// host can be given that same port as its source, and then connects to itself through a
/// simultaneous open.
///
/// The model draws each source port uniformly from the range. Linux instead walks the range
/// two ports at a time from an offset hashed from the addresses, so a loop of connect() calls
/// meets the destination port within half the range; either way the odds are one per port.
public enum SelfConnectDemo: Sendable {
    public static let name = "tcp.self-connect"

    public struct Parameters: Codable, Sendable, Equatable {
        public var port: UInt16
        public var low: UInt16
        public var high: UInt16
        public var maxAttempts: Int

        public init(port: UInt16, low: UInt16, high: UInt16, maxAttempts: Int) {
            self.port = port
            self.low = low
            self.high = high
            self.maxAttempts = maxAttempts
        }
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

}
