/// One host's ARP module (RFC 826): its translation table and what it does with a packet.
///
/// Times are milliseconds of the model's clock. An entry lives `timeout` after it was last
/// learnt or refreshed (RFC 826 leaves ageing to the implementation; RFC 1122 §2.3.2.1 asks
/// for one). A lookup that misses sends a broadcast request and waits; the caller retries it.
public struct ARPTable: Sendable {
    public struct Entry: Sendable, Equatable, Codable {
        public var ip: IPv4Address
        public var mac: MACAddress
        /// When it stops being used, in milliseconds.
        public var expires: Int
    }

    public enum Lookup: Sendable, Equatable {
        /// The address is known: send the datagram to this MAC.
        case hit(MACAddress)
        /// Unknown or expired: broadcast this request and wait for the reply.
        case request(EthernetFrame, expired: Bool)
    }

    public let ip: IPv4Address
    public let mac: MACAddress
    /// Entry lifetime in milliseconds.
    public let timeout: Int
    public private(set) var entries: [IPv4Address: Entry] = [:]

    public init(ip: IPv4Address, mac: MACAddress, timeout: Int) {
        self.ip = ip
        self.mac = mac
        self.timeout = timeout
    }

    /// The table's live entries, by address.
    public func snapshot(now: Int) -> [Entry] {
        entries.values.filter { now < $0.expires }.sorted { $0.ip < $1.ip }
    }

    public mutating func lookup(_ target: IPv4Address, now: Int) -> Lookup {
        if let entry = entries[target] {
            if now < entry.expires { return .hit(entry.mac) }
            entries[target] = nil
            return .request(request(for: target), expired: true)
        }
        return .request(request(for: target), expired: false)
    }

    /// A broadcast who-has for `target`.
    public func request(for target: IPv4Address) -> EthernetFrame {
        let packet = ARPPacket(
            operation: .request, senderHardware: mac, senderProtocol: ip, targetHardware: .zero, targetProtocol: target)
        return EthernetFrame(
            destination: .broadcast, source: mac, etherType: EthernetFrame.arp, payload: packet.bytes())
    }

    /// A gratuitous ARP announcing this host's own address (RFC 5227 §3): a broadcast request
    /// whose target protocol address is the sender's.
    public func announcement() -> EthernetFrame {
        let packet = ARPPacket(
            operation: .request, senderHardware: mac, senderProtocol: ip, targetHardware: .zero, targetProtocol: ip)
        return EthernetFrame(
            destination: .broadcast, source: mac, etherType: EthernetFrame.arp, payload: packet.bytes())
    }

    /// What receiving a packet did to the table, and the reply it calls for.
    public struct Reception: Sendable, Equatable {
        /// "updated" (the sender was in the table: merge), "added" (we were the target), or nil.
        public var change: String?
        public var reply: EthernetFrame?
    }

    /// RFC 826's reception algorithm: merge the sender into the table if present; if this
    /// host is the target, add the sender, and answer a request with a unicast reply.
    public mutating func receive(_ frame: EthernetFrame, now: Int) throws -> Reception {
        guard frame.etherType == EthernetFrame.arp else { return Reception() }
        let packet = try ARPPacket.parse(frame.payload)
        var reception = Reception()
        var merged = false
        if entries[packet.senderProtocol] != nil {
            entries[packet.senderProtocol] = Entry(
                ip: packet.senderProtocol, mac: packet.senderHardware, expires: now + timeout)
            merged = true
            reception.change = "updated"
        }
        guard packet.targetProtocol == ip, packet.senderProtocol != ip else { return reception }
        if !merged {
            entries[packet.senderProtocol] = Entry(
                ip: packet.senderProtocol, mac: packet.senderHardware, expires: now + timeout)
            reception.change = "added"
        }
        if packet.operation == .request {
            let reply = ARPPacket(
                operation: .reply, senderHardware: mac, senderProtocol: ip, targetHardware: packet.senderHardware,
                targetProtocol: packet.senderProtocol)
            reception.reply = EthernetFrame(
                destination: packet.senderHardware, source: mac, etherType: EthernetFrame.arp, payload: reply.bytes())
        }
        return reception
    }
}
