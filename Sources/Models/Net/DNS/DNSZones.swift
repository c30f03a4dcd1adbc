/// The authoritative side of the DNS model: zones, the servers that hold them, and a small
/// built-in internet to resolve against.

/// One zone (RFC 1034 §4.2): its origin, SOA and records, delegations (NS records below the
/// apex) and their glue included.
public struct DNSZone: Sendable, Equatable {
    public var origin: String
    public var soa: DNSRecord
    public var records: [DNSRecord]

    public init(origin: String, soa: DNSStartOfAuthority, soaTTL: UInt32, records: [DNSRecord]) {
        self.origin = DNSName.normalized(origin)
        self.soa = DNSRecord(origin, ttl: soaTTL, .soa(soa))
        self.records = records
    }

    /// The TTL of a negative answer from this zone: the lesser of the SOA's own TTL and its
    /// MINIMUM field (RFC 2308 §5).
    public var negativeTTL: UInt32 {
        guard case .soa(let fields) = soa.data else { return soa.ttl }
        return min(soa.ttl, fields.minimum)
    }

    /// The SOA record as it goes in the authority section of a negative answer.
    public var negativeSOA: DNSRecord {
        var record = soa
        record.ttl = negativeTTL
        return record
    }
}

/// An authoritative nameserver of the model.
public struct DNSNameServer: Sendable, Equatable {
    /// Its host name, as NS records name it.
    public var name: String
    public var address: IPv4Address
    /// A short name for ladder columns: `root`, `gtld`, `example.com`.
    public var label: String
    /// Round-trip time from the recursive resolver, in milliseconds.
    public var roundTripMilliseconds: Int
    public var zones: [DNSZone]

    /// Answers a query as an authoritative server does (RFC 1034 §4.3.2, without recursion):
    /// an answer (following CNAMEs inside its zones), a referral to a child zone with glue, or a
    /// negative answer with the zone's SOA.
    public func respond(to query: DNSMessage) -> DNSMessage {
        var response = DNSMessage(respondingTo: query)
        guard let question = query.question,
            let zone = zones.filter({ DNSName.isSubdomain(question.name, of: $0.origin) })
                .max(by: { $0.origin.count < $1.origin.count })
        else {
            response.responseCode = .refused
            return response
        }
        var name = question.name
        var seen: Set<String> = []
        while seen.insert(name).inserted {
            if let cut = delegation(in: zone, for: name) {
                // A referral: only when nothing has been answered yet (a CNAME leading into a
                // child zone simply ends the answer).
                if response.answers.isEmpty {
                    response.authority = zone.records.filter { $0.name == cut && $0.type == .ns }
                    response.additional = response.authority.flatMap { ns -> [DNSRecord] in
                        guard case .ns(let host) = ns.data else { return [] }
                        return zone.records.filter { $0.name == host && ($0.type == .a || $0.type == .aaaa) }
                    }
                }
                return response
            }
            response.authoritative = true
            let here = zone.records.filter { $0.name == name }
            let matching = here.filter { $0.type == question.type }
            if !matching.isEmpty {
                response.answers += matching
                return response
            }
            if let alias = here.first(where: { $0.type == .cname }), case .cname(let target) = alias.data {
                response.answers.append(alias)
                guard DNSName.isSubdomain(target, of: zone.origin) else { return response }
                name = target
                continue
            }
            // Nothing of the asked type here: NODATA if the name exists (an empty non-terminal
            // counts), NXDOMAIN if not (for the last name of a CNAME chain, RFC 6604 §2).
            let exists = !here.isEmpty || name == zone.origin || zone.records.contains { $0.name.hasSuffix("." + name) }
            if !exists { response.responseCode = .nameError }
            response.authority = [zone.negativeSOA]
            return response
        }
        return response
    }

    /// The zone cut between the zone's apex and `name`, if the zone delegates it.
    private func delegation(in zone: DNSZone, for name: String) -> String? {
        let cuts = Set(zone.records.filter { $0.type == .ns && $0.name != zone.origin }.map(\.name))
        return DNSName.suffixes(name).reversed().first { cuts.contains($0) && DNSName.isSubdomain($0, of: zone.origin) }
    }
}

/// The servers of the model internet, with the root hints a resolver starts from.
public struct DNSUniverse: Sendable {
    public var servers: [DNSNameServer]

    public func server(at address: IPv4Address) -> DNSNameServer? {
        servers.first { $0.address == address }
    }

    /// The root server's NS and address records, which a resolver is configured with
    /// (RFC 1034 §5.3.2, "SBELT") rather than learns.
    public var rootHints: [DNSRecord] {
        guard let root = servers.first(where: { $0.zones.contains { $0.origin.isEmpty } }) else { return [] }
        return [
            DNSRecord("", ttl: 518_400, .ns(root.name)),
            DNSRecord(root.name, ttl: 518_400, .a(root.address.octets)),
        ]
    }

    /// A root, the com/net and org TLD servers, and two second-level zones:
    ///
    /// ```
    /// example.com  (ns1.example.com, 192.0.2.53)      example.net  (ns1.example.net, 198.51.100.53)
    ///   @     A 192.0.2.10, AAAA 2001:db8::10, MX      cdn     CNAME edge-7.example.net  ttl 120
    ///   www   CNAME cdn.example.net    ttl 300         edge-7  A 198.51.100.7            ttl 30
    ///   shop  CNAME www.example.com    ttl 300
    ///   api   A 192.0.2.20             ttl 60
    /// ```
    /// The root and TLD addresses are the real ones of a.root-servers.net, a.gtld-servers.net
    /// and a0.org.afilias-nst.info; the rest are documentation addresses (RFC 5737, RFC 3849).
    public static let standard: DNSUniverse = {
        func ipv4(_ text: String) -> DNSRecordData { .a(IPv4Address(text)!.octets) }
        let rootSOA = DNSStartOfAuthority(
            primary: "a.root-servers.net", mailbox: "nstld.verisign-grs.com", serial: 2_026_112_500,
            refresh: 1800, retry: 900, expire: 604_800, minimum: 86400)
        let root = DNSZone(
            origin: "", soa: rootSOA, soaTTL: 86400,
            records: [
                DNSRecord("com", ttl: 172_800, .ns("a.gtld-servers.net")),
                DNSRecord("net", ttl: 172_800, .ns("a.gtld-servers.net")),
                DNSRecord("org", ttl: 172_800, .ns("a0.org.afilias-nst.info")),
                DNSRecord("a.gtld-servers.net", ttl: 172_800, ipv4("192.5.6.30")),
                DNSRecord("a0.org.afilias-nst.info", ttl: 172_800, ipv4("199.19.56.1")),
            ])
        let gtldSOA = DNSStartOfAuthority(
            primary: "a.gtld-servers.net", mailbox: "nstld.verisign-grs.com", serial: 1_764_028_800,
            refresh: 1800, retry: 900, expire: 604_800, minimum: 900)
        let com = DNSZone(
            origin: "com", soa: gtldSOA, soaTTL: 900,
            records: [
                DNSRecord("example.com", ttl: 172_800, .ns("ns1.example.com")),
                DNSRecord("ns1.example.com", ttl: 172_800, ipv4("192.0.2.53")),
            ])
        let net = DNSZone(
            origin: "net", soa: gtldSOA, soaTTL: 900,
            records: [
                DNSRecord("example.net", ttl: 172_800, .ns("ns1.example.net")),
                DNSRecord("ns1.example.net", ttl: 172_800, ipv4("198.51.100.53")),
                DNSRecord("a.gtld-servers.net", ttl: 172_800, ipv4("192.5.6.30")),
            ])
        let org = DNSZone(
            origin: "org",
            soa: DNSStartOfAuthority(
                primary: "a0.org.afilias-nst.info", mailbox: "hostmaster.donuts.email", serial: 1_764_028_800,
                refresh: 7200, retry: 900, expire: 1_209_600, minimum: 3600),
            soaTTL: 3600, records: [])
        let exampleCom = DNSZone(
            origin: "example.com",
            soa: DNSStartOfAuthority(
                primary: "ns1.example.com", mailbox: "hostmaster.example.com", serial: 2_026_112_501,
                refresh: 7200, retry: 3600, expire: 1_209_600, minimum: 300),
            soaTTL: 3600,
            records: [
                DNSRecord("example.com", ttl: 86400, .ns("ns1.example.com")),
                DNSRecord("example.com", ttl: 3600, ipv4("192.0.2.10")),
                DNSRecord(
                    "example.com", ttl: 3600, .aaaa([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10])),
                DNSRecord("example.com", ttl: 3600, .mx(preference: 10, exchange: "mail.example.com")),
                DNSRecord("mail.example.com", ttl: 3600, ipv4("192.0.2.25")),
                DNSRecord("ns1.example.com", ttl: 86400, ipv4("192.0.2.53")),
                DNSRecord("www.example.com", ttl: 300, .cname("cdn.example.net")),
                DNSRecord("shop.example.com", ttl: 300, .cname("www.example.com")),
                DNSRecord("api.example.com", ttl: 60, ipv4("192.0.2.20")),
            ])
        let exampleNet = DNSZone(
            origin: "example.net",
            soa: DNSStartOfAuthority(
                primary: "ns1.example.net", mailbox: "hostmaster.example.net", serial: 2_026_112_502,
                refresh: 7200, retry: 3600, expire: 1_209_600, minimum: 60),
            soaTTL: 3600,
            records: [
                DNSRecord("example.net", ttl: 86400, .ns("ns1.example.net")),
                DNSRecord("ns1.example.net", ttl: 86400, ipv4("198.51.100.53")),
                DNSRecord("cdn.example.net", ttl: 120, .cname("edge-7.example.net")),
                DNSRecord("edge-7.example.net", ttl: 30, ipv4("198.51.100.7")),
                DNSRecord(
                    "edge-7.example.net", ttl: 30,
                    .aaaa([0x20, 0x01, 0x0d, 0xb8, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x07])),
            ])
        return DNSUniverse(servers: [
            DNSNameServer(
                name: "a.root-servers.net", address: IPv4Address("198.41.0.4")!, label: "root",
                roundTripMilliseconds: 12, zones: [root]),
            DNSNameServer(
                name: "a.gtld-servers.net", address: IPv4Address("192.5.6.30")!, label: "com/net",
                roundTripMilliseconds: 24, zones: [com, net]),
            DNSNameServer(
                name: "a0.org.afilias-nst.info", address: IPv4Address("199.19.56.1")!, label: "org",
                roundTripMilliseconds: 30, zones: [org]),
            DNSNameServer(
                name: "ns1.example.com", address: IPv4Address("192.0.2.53")!, label: "example.com",
                roundTripMilliseconds: 40, zones: [exampleCom]),
            DNSNameServer(
                name: "ns1.example.net", address: IPv4Address("198.51.100.53")!, label: "example.net",
                roundTripMilliseconds: 18, zones: [exampleNet]),
        ])
    }()
}
