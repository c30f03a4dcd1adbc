import Basics

/// A sender and a receiver moving data through TCP's sliding window (RFC 9293 §3.8.6):
/// cumulative ACKs, out-of-order segments held by the receiver, fast retransmit on three
/// duplicate ACKs, a retransmission timer, and flow control with a zero window and persist
/// probes (§3.8.6.1). Time is virtual, in milliseconds.
struct SlidingWindowSimulation {
    struct Configuration {
        var total: Int
        var mss: Int
        var buffer: Int
        var oneWayDelay: Int
        var rto: Int
        var persist: Int
        var lose: Set<Int>
        var delay: Set<Int>
        var loseUpdate: Bool
        /// Bytes the application reads per read; nil: it reads at once.
        var readSize: Int?
        var readEvery: Int
        var readAfter: Int
        var isn: UInt32
        var lossProbability: Double
        var seed: UInt64
    }

    enum Scheduled {
        case segmentArrives(seq: Int, length: Int)
        case ackArrives(ack: Int, window: Int)
        case retransmit(generation: Int)
        case persist(generation: Int)
        case read
    }

    var configuration: Configuration
    var now = 0
    var queue = EventQueue<Scheduled>()
    var events: [WindowEvent] = []
    var random: SplitMix64

    // Sender: offsets relative to the first data byte.
    var sndUna = 0
    var sndNxt = 0
    var sndWnd: Int
    var duplicateACKs = 0
    var retransmitGeneration = 0
    var persistGeneration = 0
    var persistBackoff: Int
    var persistRunning = false
    var firstTransmissions = 0
    var sentOnce: Set<Int> = []
    var retransmissions = 0
    var probes = 0

    // Receiver.
    var rcvNxt = 0
    var unread = 0
    var outOfOrder: [Int: Int] = [:]
    var delivered = 0
    var advertised: Int
    var updatesSent = 0
    var readsStarted = false
    var outOfOrderArrivals = 0

    init(_ configuration: Configuration) {
        self.configuration = configuration
        sndWnd = configuration.buffer
        advertised = configuration.buffer
        persistBackoff = configuration.persist
        random = SplitMix64(seed: configuration.seed)
    }

    var receiveWindow: Int {
        max(0, configuration.buffer - unread - outOfOrder.values.reduce(0, +))
    }

    func absolute(_ offset: Int) -> UInt32 {
        configuration.isn &+ 1 &+ UInt32(truncatingIfNeeded: offset)
    }

    mutating func schedule(_ event: Scheduled, after delay: Int) {
        queue.schedule(event, at: now + delay)
    }

    mutating func run(limit: Int = 3_600_000) {
        if configuration.readSize != nil {
            schedule(.read, after: configuration.readAfter)
        }
        trySend()
        while let (time, event) = queue.next() {
            if time > limit { break }
            now = time
            switch event {
            case .segmentArrives(let seq, let length): receive(seq: seq, length: length)
            case .ackArrives(let ack, let window): acknowledged(ack, window: window)
            case .retransmit(let generation):
                guard generation == retransmitGeneration, sndUna < sndNxt else { continue }
                note(.sender, "RTO \(TCPText.number(Double(configuration.rto) / 1000)) s expired")
                retransmitFirst()
                retransmitGeneration += 1
                schedule(.retransmit(generation: retransmitGeneration), after: configuration.rto)
            case .persist(let generation):
                guard generation == persistGeneration, persistRunning else { continue }
                probe()
            case .read:
                applicationReads()
            }
        }
    }

    mutating func note(_ side: WindowEvent.Role, _ text: String) {
        events.append(WindowEvent(time: Double(now) / 1000, side: side, kind: .note, text: text))
    }

    private func datagram(seq: Int, length: Int, fromSender: Bool, ack: Int, window: Int) -> String {
        let header = TCPHeader(
            sourcePort: fromSender ? 50000 : 80, destinationPort: fromSender ? 80 : 50000,
            sequenceNumber: fromSender ? absolute(seq) : 1, acknowledgmentNumber: fromSender ? 1 : absolute(ack),
            flags: fromSender ? [.ack, .psh] : .ack, window: UInt16(min(window, 65535)))
        let payload = fromSender ? (0..<length).map { UInt8(truncatingIfNeeded: 0x61 + (seq + $0) % 26) } : []
        return TCPSegment(
            source: fromSender ? IPv4Address(10, 0, 0, 1) : IPv4Address(10, 0, 0, 2),
            destination: fromSender ? IPv4Address(10, 0, 0, 2) : IPv4Address(10, 0, 0, 1), tcp: header, payload: payload
        ).datagramBytes.hexString
    }

    private mutating func transmit(seq: Int, length: Int, label: String) {
        var lost = false
        var extra = 0
        let first = !sentOnce.contains(seq) && label == "data"
        if first {
            sentOnce.insert(seq)
            firstTransmissions += 1
            lost = configuration.lose.contains(firstTransmissions)
            if configuration.delay.contains(firstTransmissions) { extra = 2 * configuration.oneWayDelay / 3 + 1 }
        }
        if !lost && configuration.lossProbability > 0 {
            lost = Double(random.next() >> 11) / Double(1 << 53) < configuration.lossProbability
        }
        let record = WindowSegment(
            label: label, seq: absolute(seq), length: length, ack: nil, window: nil, lost: lost,
            bytes: datagram(seq: seq, length: length, fromSender: true, ack: 0, window: 64240))
        events.append(
            WindowEvent(
                time: Double(now) / 1000, side: .sender, kind: .send, segment: record,
                text: extra > 0 ? "delayed: arrives out of order" : nil))
        if !lost { schedule(.segmentArrives(seq: seq, length: length), after: configuration.oneWayDelay + extra) }
    }

    private mutating func trySend() {
        while sndNxt < configuration.total {
            let usable = sndUna + sndWnd - sndNxt
            let size = min(configuration.mss, configuration.total - sndNxt)
            // Sender-side silly window avoidance: only a full segment, or what fits when
            // nothing is outstanding (RFC 9293 §3.8.6.2.1).
            let length: Int
            if usable >= size {
                length = size
            } else if usable > 0 && sndUna == sndNxt {
                length = usable
            } else {
                break
            }
            let startTimer = sndUna == sndNxt
            transmit(seq: sndNxt, length: length, label: "data")
            sndNxt += length
            if startTimer {
                retransmitGeneration += 1
                schedule(.retransmit(generation: retransmitGeneration), after: configuration.rto)
            }
        }
        if sndWnd == 0 && sndNxt < configuration.total && sndUna == sndNxt && !persistRunning {
            persistRunning = true
            persistGeneration += 1
            note(.sender, "zero window: persist timer \(TCPText.number(Double(persistBackoff) / 1000)) s")
            schedule(.persist(generation: persistGeneration), after: persistBackoff)
        }
    }

    private mutating func retransmitFirst() {
        retransmissions += 1
        transmit(seq: sndUna, length: min(configuration.mss, sndNxt - sndUna), label: "retransmission")
    }

    private mutating func probe() {
        probes += 1
        // Linux's zero window probe: no data, SEG.SEQ = SND.UNA - 1, which the receiver must
        // acknowledge with its current window (RFC 9293 §3.8.6.1 lets a probe carry a byte).
        let record = WindowSegment(
            label: "probe", seq: absolute(sndNxt - 1), length: 0, ack: nil, window: nil, lost: false,
            bytes: datagram(seq: sndNxt - 1, length: 0, fromSender: true, ack: 0, window: 64240))
        events.append(WindowEvent(time: Double(now) / 1000, side: .sender, kind: .send, segment: record, text: nil))
        schedule(.segmentArrives(seq: sndNxt - 1, length: 0), after: configuration.oneWayDelay)
        persistBackoff = min(persistBackoff * 2, 60_000)
        persistGeneration += 1
        schedule(.persist(generation: persistGeneration), after: persistBackoff)
    }

    private mutating func sendACK(label: String) {
        let window = receiveWindow
        var lost = false
        if label == "window update" && configuration.loseUpdate && updatesSent == 0 {
            lost = true
        }
        if label == "window update" { updatesSent += 1 }
        advertised = window
        let record = WindowSegment(
            label: label, seq: nil, length: 0, ack: absolute(rcvNxt), window: window, lost: lost,
            bytes: datagram(seq: 0, length: 0, fromSender: false, ack: rcvNxt, window: window))
        events.append(WindowEvent(time: Double(now) / 1000, side: .receiver, kind: .send, segment: record, text: nil))
        if !lost { schedule(.ackArrives(ack: rcvNxt, window: window), after: configuration.oneWayDelay) }
    }

    private mutating func receive(seq: Int, length: Int) {
        if seq == rcvNxt && length <= receiveWindow {
            rcvNxt += length
            unread += length
            while let held = outOfOrder.removeValue(forKey: rcvNxt) {
                note(.receiver, "held segment seq=\(absolute(rcvNxt)) now in order")
                rcvNxt += held
                unread += held
            }
            if configuration.readSize == nil {
                delivered += unread
                unread = 0
            }
            sendACK(label: "ack")
        } else if seq == rcvNxt {
            note(.receiver, "no room: \(length) byte(s) dropped")
            sendACK(label: "ack")
        } else if seq > rcvNxt {
            outOfOrderArrivals += 1
            if length <= receiveWindow, outOfOrder[seq] == nil {
                outOfOrder[seq] = length
                note(.receiver, "out of order: hold seq=\(absolute(seq)), ACK still \(absolute(rcvNxt))")
            }
            sendACK(label: "dup ack")
        } else {
            sendACK(label: "ack")
        }
    }

    private mutating func acknowledged(_ ack: Int, window: Int) {
        if ack > sndUna {
            sndUna = ack
            duplicateACKs = 0
            retransmitGeneration += 1
            if sndUna < sndNxt { schedule(.retransmit(generation: retransmitGeneration), after: configuration.rto) }
        } else if ack == sndUna && sndUna < sndNxt {
            duplicateACKs += 1
            if duplicateACKs == 3 {
                note(.sender, "3 duplicate ACKs: fast retransmit")
                retransmitFirst()
            }
        }
        if window > 0 && persistRunning {
            persistRunning = false
            persistGeneration += 1
            persistBackoff = configuration.persist
            note(.sender, "window open again: persist timer stopped")
        }
        sndWnd = window
        trySend()
    }

    private mutating func applicationReads() {
        guard let size = configuration.readSize else { return }
        let before = receiveWindow
        let taken = min(size, unread)
        unread -= taken
        delivered += taken
        if taken > 0 { note(.receiver, "application reads \(taken) bytes") }
        // Receiver-side silly window avoidance: announce a window that opened from below one
        // MSS to at least one MSS (RFC 9293 §3.8.6.2.2).
        if before < configuration.mss && receiveWindow >= configuration.mss && advertised < configuration.mss {
            sendACK(label: "window update")
        }
        if delivered < configuration.total { schedule(.read, after: configuration.readEvery) }
    }
}

/// A segment of the sliding window trace.
public struct WindowSegment: Codable, Sendable, Equatable {
    /// `data`, `retransmission`, `probe`, `ack`, `dup ack`, `window update`.
    public var label: String
    public var seq: UInt32?
    public var length: Int
    public var ack: UInt32?
    /// The receive window advertised, bytes.
    public var window: Int?
    public var lost: Bool
    /// The IPv4 datagram, hex.
    public var bytes: String
}

/// One line of the sliding window trace.
public struct WindowEvent: Codable, Sendable, Equatable {
    public enum Role: String, Codable, Sendable { case sender, receiver }
    public enum Kind: String, Codable, Sendable { case send, note }
    public var time: Double
    public var side: Role
    public var kind: Kind
    public var segment: WindowSegment?
    public var text: String?
}
