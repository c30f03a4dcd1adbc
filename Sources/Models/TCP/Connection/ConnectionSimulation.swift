import Basics

/// One side of a connection.
public enum ConnectionSide: String, Codable, Sendable, CaseIterable {
    case client, server

    var peer: ConnectionSide { self == .client ? .server : .client }
}

/// A segment as a ladder diagram and `--json` show it.
public struct SegmentRecord: Codable, Sendable, Equatable {
    /// What the segment is in the exchange: `syn`, `syn-ack`, `ack`, `fin`, `ack-fin`, `fin2`,
    /// `last-ack`, `rst`: the names `--lose` takes.
    public var label: String
    public var flags: TCPFlags
    public var seq: UInt32
    /// The acknowledgement number, when ACK is set.
    public var ack: UInt32?
    public var lost: Bool
    public var retransmission: Bool
    /// The IPv4 datagram, hex, both checksums correct.
    public var bytes: String

    package var summary: String {
        "\(flags) seq=\(seq)" + (ack.map { " ack=\($0)" } ?? "")
    }
}

/// One line of a connection's trace.
public struct ConnectionEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A segment leaves `side` (and is possibly lost).
        case send
        /// `side` enters `state`.
        case state
        /// A timer of `side` fires, or an application call is made.
        case note
    }

    /// Seconds since the start.
    public var time: Double
    public var side: ConnectionSide
    public var kind: Kind
    public var state: TCPState?
    public var segment: SegmentRecord?
    public var text: String?
}

/// Two endpoints running `TCPStateMachine` over a link with a fixed one-way delay, with
/// retransmission timers for SYN, SYN+ACK and FIN (RFC 6298: initial RTO, doubled on each
/// expiry) and the 2MSL timer of TIME_WAIT. Time is virtual, in milliseconds.
struct ConnectionSimulation {
    struct Configuration {
        var clientISN: UInt32
        var serverISN: UInt32
        var oneWayDelay: Int
        var initialRTO: Int
        /// Retransmissions before a side gives up (Linux: tcp_syn_retries 6, tcp_synack_retries 5).
        var maxRetries: Int
        /// Maximum segment lifetime; TIME_WAIT lasts twice this.
        var msl: Int
        /// Labels of segments to lose, each used once, in order of sending.
        var losses: [String]
        var lossProbability: Double
        var seed: UInt64
        /// The side that closes first in a teardown.
        var activeCloser: ConnectionSide = .client
        /// How long the passive closer's application takes to call close in CLOSE_WAIT.
        var closeDelay: Int = 200
    }

    struct Pending {
        var flags: TCPFlags
        var seq: UInt32
        var label: String
        var attempts = 0
        var rto: Int
        var lastSent: Int
    }

    struct Endpoint {
        var side: ConnectionSide
        var machine: TCPStateMachine
        var address: IPv4Address
        var port: UInt16
        var iss: UInt32
        var sndNxt: UInt32
        var rcvNxt: UInt32 = 0
        var finSeq: UInt32?
        var pending: Pending?
        var retransmitGeneration = 0
        var timeWaitGeneration = 0
        var lastControlReceived = ""
        var ipID: UInt16 = 1
        var timeWaitRestarts = 0
    }

    enum Scheduled {
        case arrive(ConnectionSide, TCPHeader, String)
        case retransmit(ConnectionSide, generation: Int)
        case timeWaitEnds(ConnectionSide, generation: Int)
        case close(ConnectionSide)
    }

    var configuration: Configuration
    var now = 0
    var endpoints: [ConnectionSide: Endpoint]
    var queue = EventQueue<Scheduled>()
    var events: [ConnectionEvent] = []
    var random: SplitMix64
    var losses: [String]
    var retransmissions = 0
    var failure: String?

    init(_ configuration: Configuration) {
        self.configuration = configuration
        random = SplitMix64(seed: configuration.seed)
        losses = configuration.losses
        endpoints = [
            .client: Endpoint(
                side: .client, machine: TCPStateMachine(), address: IPv4Address(10, 0, 0, 1), port: 50000,
                iss: configuration.clientISN, sndNxt: configuration.clientISN),
            .server: Endpoint(
                side: .server, machine: TCPStateMachine(), address: IPv4Address(10, 0, 0, 2), port: 80,
                iss: configuration.serverISN, sndNxt: configuration.serverISN),
        ]
    }

    /// Both sides synchronised, as after a handshake with the configured ISNs.
    mutating func startEstablished() {
        for side in ConnectionSide.allCases {
            endpoints[side]!.machine = TCPStateMachine(state: .established, passive: side == .server)
            endpoints[side]!.sndNxt = endpoints[side]!.iss &+ 1
            endpoints[side]!.rcvNxt = endpoints[side.peer]!.iss &+ 1
        }
    }

    mutating func schedule(_ event: Scheduled, after delay: Int) {
        queue.schedule(event, at: now + delay)
    }

    /// Applies a user call (`passive-open`, `active-open`, `close`, `abort`) now.
    mutating func call(_ event: TCPEvent, on side: ConnectionSide) {
        events.append(ConnectionEvent(time: seconds(now), side: side, kind: .note, text: "application: \(event)"))
        apply(event, on: side)
    }

    /// Runs until nothing is scheduled or `limit` milliseconds have passed.
    mutating func runUntilQuiet(limit: Int = 1_000_000) {
        while let (time, event) = queue.next() {
            if time > limit { break }
            now = time
            switch event {
            case .arrive(let side, let header, let label): receive(header, label: label, on: side)
            case .retransmit(let side, let generation): retransmissionTimerFires(on: side, generation: generation)
            case .timeWaitEnds(let side, let generation):
                guard endpoints[side]!.timeWaitGeneration == generation, endpoints[side]!.machine.state == .timeWait else {
                    continue
                }
                events.append(ConnectionEvent(time: seconds(now), side: side, kind: .note, text: "2MSL timer expires"))
                apply(.timeout, on: side)
            case .close(let side):
                guard endpoints[side]!.machine.state == .closeWait || endpoints[side]!.machine.state == .established else {
                    continue
                }
                call(.close, on: side)
            }
        }
    }

    func seconds(_ millis: Int) -> Double { Double(millis) / 1000 }

    private mutating func apply(_ event: TCPEvent, on side: ConnectionSide) {
        let before = endpoints[side]!.machine.state
        let action: TCPStateMachine.Action
        do {
            action = try endpoints[side]!.machine.handle(event)
        } catch {
            events.append(ConnectionEvent(time: seconds(now), side: side, kind: .note, text: "ignored: \(error)"))
            return
        }
        let after = endpoints[side]!.machine.state
        if after != before {
            events.append(ConnectionEvent(time: seconds(now), side: side, kind: .state, state: after))
            if after == .closeWait {
                schedule(.close(side), after: configuration.closeDelay)
            }
        }
        switch action {
        case .none: break
        case .send(let flags): send(flags, from: side)
        case .startTimeWait(let flags):
            if let flags { send(flags, from: side) }
            endpoints[side]!.pending = nil
            endpoints[side]!.timeWaitGeneration += 1
            schedule(.timeWaitEnds(side, generation: endpoints[side]!.timeWaitGeneration), after: 2 * configuration.msl)
        case .restartTimeWait(let flags):
            send(flags, from: side)
            endpoints[side]!.timeWaitRestarts += 1
            endpoints[side]!.timeWaitGeneration += 1
            events.append(ConnectionEvent(time: seconds(now), side: side, kind: .note, text: "2MSL timer restarted"))
            schedule(.timeWaitEnds(side, generation: endpoints[side]!.timeWaitGeneration), after: 2 * configuration.msl)
        case .deleteTCB(let flags):
            if let flags { send(flags, from: side) }
            endpoints[side]!.pending = nil
            endpoints[side]!.retransmitGeneration += 1
        }
    }

    private func label(for flags: TCPFlags, from side: ConnectionSide) -> String {
        let endpoint = endpoints[side]!
        if flags.contains(.rst) { return "rst" }
        if flags.contains(.syn) { return flags.contains(.ack) ? "syn-ack" : "syn" }
        if flags.contains(.fin) { return side == configuration.activeCloser ? "fin" : "fin2" }
        switch endpoint.lastControlReceived {
        case "fin": return "ack-fin"
        case "fin2": return "last-ack"
        default: return "ack"
        }
    }

    private mutating func send(_ flags: TCPFlags, from side: ConnectionSide, retransmitting: Pending? = nil) {
        var endpoint = endpoints[side]!
        let seq: UInt32
        if let retransmitting {
            seq = retransmitting.seq
        } else if flags.contains(.syn) {
            seq = endpoint.iss
            endpoint.sndNxt = endpoint.iss &+ 1
        } else if flags.contains(.fin) {
            seq = endpoint.sndNxt
            endpoint.finSeq = seq
            endpoint.sndNxt = seq &+ 1
        } else {
            seq = endpoint.sndNxt
        }
        let label = retransmitting?.label ?? label(for: flags, from: side)
        let header = TCPHeader(
            sourcePort: endpoint.port, destinationPort: endpoints[side.peer]!.port, sequenceNumber: seq,
            acknowledgmentNumber: flags.contains(.ack) ? endpoint.rcvNxt : 0, flags: flags, window: 64240,
            options: flags.contains(.syn) ? [.maximumSegmentSize(1460)] : [])
        let segment = TCPSegment(
            source: endpoint.address, destination: endpoints[side.peer]!.address, tcp: header, identification: endpoint.ipID)
        endpoint.ipID &+= 1
        if retransmitting == nil, flags.contains(.syn) || flags.contains(.fin) {
            endpoint.pending = Pending(flags: flags, seq: seq, label: label, rto: configuration.initialRTO, lastSent: now)
            endpoint.retransmitGeneration += 1
            schedule(.retransmit(side, generation: endpoint.retransmitGeneration), after: configuration.initialRTO)
        }
        endpoints[side] = endpoint
        var lost = false
        if let index = losses.firstIndex(of: label) {
            losses.remove(at: index)
            lost = true
        } else if configuration.lossProbability > 0 {
            lost = Double(random.next() >> 11) / Double(1 << 53) < configuration.lossProbability
        }
        let record = SegmentRecord(
            label: label, flags: flags, seq: seq, ack: flags.contains(.ack) ? endpoint.rcvNxt : nil, lost: lost,
            retransmission: retransmitting != nil, bytes: segment.datagramBytes.hexString)
        events.append(ConnectionEvent(time: seconds(now), side: side, kind: .send, segment: record))
        if !lost {
            schedule(.arrive(side.peer, header, label), after: configuration.oneWayDelay)
        }
    }

    private mutating func retransmissionTimerFires(on side: ConnectionSide, generation: Int) {
        guard endpoints[side]!.retransmitGeneration == generation, var pending = endpoints[side]!.pending else { return }
        if pending.attempts == configuration.maxRetries {
            events.append(
                ConnectionEvent(
                    time: seconds(now), side: side, kind: .note,
                    text: "gave up after \(pending.attempts) retransmissions of \(pending.label)"))
            failure = "\(side) gave up on \(pending.label) after \(pending.attempts) retransmissions"
            endpoints[side]!.pending = nil
            apply(.abort, on: side)
            return
        }
        pending.attempts += 1
        events.append(
            ConnectionEvent(
                time: seconds(now), side: side, kind: .note,
                text: "RTO \(TCPText.number(Double(pending.rto) / 1000)) s expired: retransmit \(pending.label)"))
        pending.rto *= 2
        pending.lastSent = now
        retransmissions += 1
        endpoints[side]!.pending = pending
        endpoints[side]!.retransmitGeneration += 1
        send(pending.flags, from: side, retransmitting: pending)
        schedule(.retransmit(side, generation: endpoints[side]!.retransmitGeneration), after: pending.rto)
    }

    private mutating func receive(_ header: TCPHeader, label: String, on side: ConnectionSide) {
        let flags = header.flags
        var endpoint = endpoints[side]!
        let state = endpoint.machine.state
        if state == .closed {
            events.append(ConnectionEvent(time: seconds(now), side: side, kind: .note, text: "no connection: \(label) dropped"))
            return
        }
        if flags.contains(.syn) || flags.contains(.fin) { endpoint.lastControlReceived = label }
        let acksPending = flags.contains(.ack) && endpoint.pending.map { header.acknowledgmentNumber == $0.seq &+ 1 } == true
        let event: TCPEvent
        if flags.contains(.rst) {
            event = .receiveRST
        } else if flags.contains(.syn) && !flags.contains(.ack) {
            if state == .listen || state == .synSent {
                endpoint.rcvNxt = header.sequenceNumber &+ 1
                event = .receiveSYN
            } else {
                endpoints[side] = endpoint
                if state == .synReceived, let pending = endpoint.pending, pending.lastSent != now {
                    events.append(
                        ConnectionEvent(time: seconds(now), side: side, kind: .note, text: "duplicate SYN: SYN+ACK again"))
                    send(pending.flags, from: side, retransmitting: pending)
                } else {
                    events.append(
                        ConnectionEvent(
                            time: seconds(now), side: side, kind: .note, text: "duplicate SYN: its SYN+ACK just went out again"))
                }
                return
            }
        } else if flags.contains(.syn) {
            if state == .synSent && acksPending {
                endpoint.rcvNxt = header.sequenceNumber &+ 1
                event = .receiveSYNACK
            } else if state == .synReceived && acksPending {
                event = .receiveACK
            } else {
                endpoints[side] = endpoint
                events.append(ConnectionEvent(time: seconds(now), side: side, kind: .note, text: "duplicate SYN+ACK: ACK again"))
                send(.ack, from: side)
                return
            }
        } else if flags.contains(.fin) {
            if header.sequenceNumber == endpoint.rcvNxt { endpoint.rcvNxt = header.sequenceNumber &+ 1 }
            if state == .finWait1 && acksPending {
                event = .receiveFINACK
            } else if state == .synReceived && acksPending {
                event = .receiveACK
            } else {
                event = .receiveFIN
            }
        } else if acksPending {
            event = .receiveACK
        } else {
            return
        }
        if acksPending {
            endpoint.pending = nil
            endpoint.retransmitGeneration += 1
        }
        endpoints[side] = endpoint
        apply(event, on: side)
    }
}
