/// An Ethernet frame as the JSON trace shows it: fields decoded, and (in the step) its bytes.
public struct EthernetView: Codable, Sendable, Equatable {
    public var destination: MACAddress
    public var source: MACAddress
    /// `0x0806` for ARP, `0x0800` for IPv4.
    public var etherType: String
    /// Bytes as captured: header, payload, padding to 60 (no FCS).
    public var length: Int
    /// The CRC-32 frame check sequence sent after them, hex.
    public var fcs: String

    public init(_ frame: EthernetFrame) {
        destination = frame.destination
        source = frame.source
        let hex = Hex.string([UInt8(frame.etherType >> 8), UInt8(frame.etherType & 0xFF)])
        etherType = "0x" + hex
        length = frame.bytes().count
        fcs = Hex.string(frame.frameCheckSequence)
    }
}

/// One line of an ARP trace.
public struct ARPStep: Codable, Sendable, Equatable {
    /// `send` (a host wants to send an IP datagram), `frame`, `note` or `result`.
    public var kind: String
    /// Milliseconds.
    public var time: Int
    public var from: String?
    /// A host name, or `broadcast`.
    public var to: String?
    public var text: String
    public var ethernet: EthernetView?
    public var arp: ARPPacket?
    /// The captured frame, hex.
    public var bytes: String?
}

/// `arp`: a host on a LAN resolves an IPv4 address to a MAC: broadcast request, unicast
/// reply, a cache entry that ages out, and a gratuitous ARP when the gateway's MAC moves.
public enum ARPDemo: Sendable {
    public struct Parameters: Codable, Sendable, Equatable {
        /// The address the laptop sends to.
        public var target: String
        /// Cache entry lifetime, seconds.
        public var timeout: Int
        /// When the laptop sends, seconds.
        public var sends: [Int]
        /// When the gateway fails over to a backup with another MAC and announces it; nil: never.
        public var failover: Int?

        public init(
            target: String = "192.168.1.1", timeout: Int = 60, sends: [Int] = [0, 5, 40, 100], failover: Int? = 30
        ) {
            self.target = target
            self.timeout = timeout
            self.sends = sends
            self.failover = failover
        }
    }

    public struct SendResult: Codable, Sendable, Equatable {
        public var at: Int
        /// `cache hit`, `resolved`, `resolved after expiry` or `unreachable`.
        public var result: String
        public var mac: MACAddress?
        /// ARP frames this send caused.
        public var arpFrames: Int
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var sends: [SendResult]
        public var frames: Int
        /// Each host's table after the last event.
        public var tables: [String: [ARPTable.Entry]]
    }

    public struct Host: Sendable {
        public var name: String
        public var ip: IPv4Address
        public var mac: MACAddress
    }

    /// The LAN: 192.168.1.0/24 with locally administered MACs.
    public static let hosts = [
        Host(name: "laptop", ip: IPv4Address(192, 168, 1, 23), mac: MACAddress("02:00:00:aa:00:23")!),
        Host(name: "gateway", ip: IPv4Address(192, 168, 1, 1), mac: MACAddress("02:00:00:aa:00:01")!),
        Host(name: "printer", ip: IPv4Address(192, 168, 1, 40), mac: MACAddress("02:00:00:aa:00:40")!),
        Host(name: "nas", ip: IPv4Address(192, 168, 1, 50), mac: MACAddress("02:00:00:aa:00:50")!),
    ]
    /// The backup router's MAC that takes over 192.168.1.1 on failover.
    public static let backupMAC = MACAddress("02:00:00:aa:00:fe")!
    /// How long a request waits for its reply before it is sent again; three tries in all.
    public static let retryInterval = 1000

    public static let name = "arp"

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, ARPStep, Outcome> {
        guard let target = IPv4Address(parameters.target) else { throw DemoError.badOption("bad target") }
        var names = hosts.map(\.name)
        var tables = hosts.map { ARPTable(ip: $0.ip, mac: $0.mac, timeout: parameters.timeout * 1000) }
        var steps: [ARPStep] = []
        var results: [SendResult] = []

        func hostName(of mac: MACAddress) -> String {
            tables.firstIndex { $0.mac == mac }.map { names[$0] } ?? mac.description
        }
        func frameStep(_ frame: EthernetFrame, from: Int, at time: Int) -> ARPStep {
            let packet = try? ARPPacket.parse(frame.payload)
            let to = frame.destination == .broadcast ? "broadcast" : hostName(of: frame.destination)
            return ARPStep(
                kind: "frame", time: time, from: names[from], to: to,
                text: (packet?.summary ?? "IPv4") + " (\(frame.bytes().count) B)", ethernet: EthernetView(frame),
                arp: packet, bytes: Hex.string(frame.bytes()))
        }
        /// Delivers a frame as a switch does: a broadcast to every other host, a unicast to its
        /// owner. Returns the replies, in host order.
        func deliver(_ frame: EthernetFrame, from sender: Int, at time: Int) throws -> [(Int, EthernetFrame)] {
            steps.append(frameStep(frame, from: sender, at: time))
            var replies: [(Int, EthernetFrame)] = []
            for index in tables.indices where index != sender {
                guard frame.destination == .broadcast || frame.destination == tables[index].mac else { continue }
                let reception = try tables[index].receive(frame, now: time)
                if let change = reception.change, let packet = try? ARPPacket.parse(frame.payload) {
                    steps.append(
                        ARPStep(
                            kind: "note", time: time, from: names[index],
                            text: "\(change) \(packet.senderProtocol) -> \(packet.senderHardware)"))
                }
                if let reply = reception.reply { replies.append((index, reply)) }
            }
            return replies
        }

        var events = parameters.sends.map { ($0 * 1000, true) }
        if let failover = parameters.failover { events.append((failover * 1000, false)) }
        events.sort { $0.0 < $1.0 || ($0.0 == $1.0 && !$0.1 && $1.1) }
        for (time, isSend) in events {
            guard isSend else {
                // The backup router takes over 192.168.1.1 with its own MAC and an empty table.
                tables[1] = ARPTable(ip: hosts[1].ip, mac: backupMAC, timeout: parameters.timeout * 1000)
                names[1] = "gateway"
                steps.append(
                    ARPStep(
                        kind: "send", time: time, from: "gateway", text: "failover: 192.168.1.1 moves to \(backupMAC)"))
                _ = try deliver(tables[1].announcement(), from: 1, at: time)
                continue
            }
            steps.append(
                ARPStep(kind: "send", time: time, from: "laptop", text: "laptop sends an IPv4 datagram to \(target)"))
            var frames = 0
            var now = time
            var outcome: SendResult?
            switch tables[0].lookup(target, now: now) {
            case .hit(let mac):
                steps.append(
                    ARPStep(kind: "note", time: now, from: "laptop", text: "cache hit: \(target) is-at \(mac)"))
                outcome = SendResult(at: time / 1000, result: "cache hit", mac: mac, arpFrames: 0)
            case .request(let request, let expired):
                steps.append(
                    ARPStep(
                        kind: "note", time: now, from: "laptop",
                        text: expired ? "entry for \(target) expired: ask again" : "cache miss: \(target)"))
                for attempt in 1...3 {
                    frames += 1
                    let replies = try deliver(request, from: 0, at: now)
                    if let (replier, reply) = replies.first {
                        frames += 1
                        _ = try deliver(reply, from: replier, at: now + 1)
                        now += 1
                        if case .hit(let mac) = tables[0].lookup(target, now: now) {
                            outcome = SendResult(
                                at: time / 1000, result: expired ? "resolved after expiry" : "resolved", mac: mac,
                                arpFrames: frames)
                        }
                        break
                    }
                    if attempt < 3 {
                        steps.append(
                            ARPStep(kind: "note", time: now, from: "laptop", text: "no reply in 1 s: try again"))
                    }
                    now += retryInterval
                }
            }
            let result = outcome ?? SendResult(at: time / 1000, result: "unreachable", mac: nil, arpFrames: frames)
            results.append(result)
            let text =
                result.mac.map { "datagram goes in a frame to \($0)" }
                ?? "no reply after 3 tries: host unreachable (ICMP error to the sender)"
            steps.append(ARPStep(kind: "result", time: now, from: "laptop", text: text))
        }
        let end = (events.last?.0 ?? 0) + 2 * retryInterval
        var snapshot: [String: [ARPTable.Entry]] = [:]
        for (index, table) in tables.enumerated() { snapshot[names[index]] = table.snapshot(now: end) }
        return DemoTrace(
            demo: name, params: parameters, trace: steps,
            result: Outcome(sends: results, frames: steps.filter { $0.kind == "frame" }.count, tables: snapshot))
    }

}
