import Basics
import Foundation

/// The parts of a URL a browser uses (RFC 3986 §3), for `http` and `https` only.
public struct ParsedURL: Codable, Sendable, Equatable {
    public var scheme: String
    public var host: String
    /// The explicit port, or the scheme's default (80, 443).
    public var port: Int
    /// Path and query: the request target (RFC 9112 §3.2.1).
    public var target: String
    /// Never sent: it stays in the browser.
    public var fragment: String?

    public init(_ text: String) throws {
        guard let schemeEnd = text.range(of: "://") else {
            throw DemoError.badOption("'\(text)' has no scheme: write http://... or https://...")
        }
        scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw DemoError.badOption("scheme '\(scheme)': only http and https are modelled")
        }
        var rest = String(text[schemeEnd.upperBound...])
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = String(rest[..<hash])
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        let pathAndQuery = String(rest[authorityEnd...])
        target = pathAndQuery.isEmpty ? "/" : (pathAndQuery.hasPrefix("?") ? "/" + pathAndQuery : pathAndQuery)
        if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        port = scheme == "https" ? 443 : 80
        if let colon = authority.lastIndex(of: ":") {
            guard let value = Int(authority[authority.index(after: colon)...]), (1...65535).contains(value) else {
                throw DemoError.badOption("bad port in '\(text)'")
            }
            port = value
            authority = String(authority[..<colon])
        }
        host = DNSName.normalized(authority)
        guard !host.isEmpty, DNSName.isValid(host), !target.contains(" ") else {
            throw DemoError.badOption("'\(text)' has no usable host name")
        }
    }
}

/// One step of the journey.
public struct JourneyStep: Codable, Sendable, Equatable {
    /// `url`, `cache`, `arp`, `dns`, `tcp`, `tls`, `http`, `teardown`, `note` or `done`.
    public var phase: String
    /// Milliseconds since Enter was pressed.
    public var time: Int
    /// `browser`, `gateway`, `resolver` or `server`; absent for a note.
    public var from: String?
    public var to: String?
    public var text: String
    /// The whole frame as captured (Ethernet to payload), hex.
    public var bytes: String?
    public var ethernet: EthernetView?
    public var arp: ARPPacket?
    public var ipv4: IPv4Header?
    public var tcp: TCPHeader?
}

/// `url.journey`: everything after typing a URL and pressing Enter, composed from the other
/// models: URL parsing, ARP for the gateway, DNS through the resolver (`dns.resolve`), the TCP
/// handshake, TLS (`tls.handshake`, for https), the HTTP exchange (the HTTP model's writer)
/// and the teardown. Every packet is a real Ethernet frame with correct IPv4, UDP and TCP
/// checksums; TLS records carry the TLS model's bytes.
public enum URLJourneyDemo: Sendable {
    public struct Parameters: Codable, Sendable, Equatable {
        public var url: String
        /// Round trip between the browser and the web server, milliseconds.
        public var rtt: Int
        /// `1.3` or `1.2`, for https.
        public var tls: String

        public init(url: String = "https://www.example.com/", rtt: Int = 40, tls: String = "1.3") {
            self.url = url
            self.rtt = rtt
            self.tls = tls
        }
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var url: ParsedURL
        public var address: String?
        /// The HTTP status, or why the journey stopped (`NXDOMAIN`).
        public var status: String
        public var frames: Int
        public var bytesOnWire: Int
        /// Milliseconds from Enter to the first byte of the response.
        public var timeToFirstByte: Int?
        /// Round trips to the server before the request could go: TCP 1, TLS 1 (1.3) or 2 (1.2).
        public var roundTripsBeforeRequest: Int?
    }

    public static let name = "url.journey"

    package static let laptop = ARPDemo.hosts[0]
    package static let gateway = ARPDemo.hosts[1]

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, JourneyStep, Outcome> {
        let url = try ParsedURL(parameters.url)
        var random = SplitMix64(seed: seed)
        var steps: [JourneyStep] = []
        var now = 0
        var ipID = UInt16(truncatingIfNeeded: random.next())
        var wireBytes = 0

        func note(_ phase: String, _ text: String) {
            steps.append(JourneyStep(phase: phase, time: now, text: text))
        }
        func frame(_ phase: String, _ frame: EthernetFrame, from: String, to: String, _ text: String) {
            let bytes = frame.bytes()
            wireBytes += bytes.count + 4
            var step = JourneyStep(
                phase: phase, time: now, from: from, to: to, text: text, bytes: Hex.string(bytes),
                ethernet: EthernetView(frame))
            if frame.etherType == EthernetFrame.arp { step.arp = try? ARPPacket.parse(frame.payload) }
            if frame.etherType == EthernetFrame.ipv4, let (header, _) = try? IPv4Header.parse(frame.payload) {
                step.ipv4 = header
                if header.protocolNumber == IPv4Header.tcp {
                    step.tcp = try? TCPHeader.parse(Array(frame.payload[header.headerLength..<Int(header.totalLength)]))
                        .header
                }
            }
            steps.append(step)
        }
        func ipFrame(
            to destination: IPv4Address, from source: IPv4Address, protocolNumber: UInt8, _ payload: [UInt8],
            outbound: Bool
        )
            -> EthernetFrame
        {
            ipID &+= 1
            let header = IPv4Header(
                source: source, destination: destination, protocolNumber: protocolNumber, payloadLength: payload.count,
                identification: ipID, timeToLive: outbound ? 64 : 52)
            // Off-link traffic always crosses the gateway: the frame is addressed to its MAC (or
            // comes from it), whatever the IP destination.
            return EthernetFrame(
                destination: outbound ? gateway.mac : laptop.mac, source: outbound ? laptop.mac : gateway.mac,
                etherType: EthernetFrame.ipv4, payload: header.bytes() + payload)
        }

        // 1. The URL.
        note(
            "url",
            "scheme \(url.scheme), host \(url.host), port \(url.port), target \(url.target)"
                + (url.fragment.map { ", #\($0) not sent" } ?? ""))
        note("cache", "no cached address for \(url.host) in the browser or the OS")

        // 2. ARP for the gateway: the resolver is on another network.
        note("arp", "resolver \(DNSResolveDemo.resolverAddress) is off-link: next hop is the gateway \(gateway.ip)")
        var arpTable = ARPTable(ip: laptop.ip, mac: laptop.mac, timeout: 60_000)
        var gatewayTable = ARPTable(ip: gateway.ip, mac: gateway.mac, timeout: 60_000)
        guard case .request(let who, _) = arpTable.lookup(gateway.ip, now: now) else {
            throw DemoError.impossible("a fresh ARP table has no entries")
        }
        frame("arp", who, from: "browser", to: "gateway", "ARP who-has \(gateway.ip) (broadcast)")
        guard let reply = try gatewayTable.receive(who, now: now).reply else {
            throw DemoError.impossible("the gateway did not answer ARP")
        }
        now += 1
        frame("arp", reply, from: "gateway", to: "browser", "ARP \(gateway.ip) is-at \(gateway.mac)")
        _ = try arpTable.receive(reply, now: now)

        // 3. DNS: the stub's query in UDP, the resolver's work from the DNS model.
        let dns = try DNSResolveDemo.run(
            DNSResolveDemo.Parameters(name: url.host, type: "A", lookups: [0]), seed: random.next())
        let dnsMessages = dns.trace.filter { $0.kind == "message" }
        let dnsPort = UInt16(49152 + random.next() % 16384)
        guard let query = dnsMessages.first, let answer = dnsMessages.last, let lookup = dns.result.lookups.first else {
            throw DemoError.impossible("the DNS model returned no messages")
        }
        let queryUDP = UDPDatagram(sourcePort: dnsPort, destinationPort: 53, payload: Hex.bytes(query.bytes ?? "") ?? [])
        frame(
            "dns",
            ipFrame(
                to: DNSResolveDemo.resolverAddress, from: laptop.ip, protocolNumber: IPv4Header.udp,
                queryUDP.bytes(source: laptop.ip, destination: DNSResolveDemo.resolverAddress), outbound: true),
            from: "browser", to: "resolver", "DNS " + query.text + " in UDP to port 53")
        note("dns", "the resolver asks root, TLD, authoritative: \(lookup.resolverQueries) queries")
        now += lookup.latencyMilliseconds
        let answerUDP = UDPDatagram(sourcePort: 53, destinationPort: dnsPort, payload: Hex.bytes(answer.bytes ?? "") ?? [])
        frame(
            "dns",
            ipFrame(
                to: laptop.ip, from: DNSResolveDemo.resolverAddress, protocolNumber: IPv4Header.udp,
                answerUDP.bytes(source: DNSResolveDemo.resolverAddress, destination: laptop.ip), outbound: false),
            from: "resolver", to: "browser",
            "DNS answer: \(lookup.answer.last?.split(separator: " ").suffix(2).joined(separator: " ") ?? lookup.rcode)"
                + (lookup.answer.count > 1
                    ? " via \(lookup.answer.count - 1) CNAME" + (lookup.answer.count > 2 ? "s" : "") : ""))
        guard lookup.rcode == "NOERROR", let last = lookup.answer.last?.split(separator: " ").last,
            let server = IPv4Address(String(last))
        else {
            note("done", "\(lookup.rcode): the browser shows \"server not found\" and stops")
            return DemoTrace(
                demo: name, params: parameters, trace: steps,
                result: Outcome(
                    url: url, address: nil, status: lookup.rcode, frames: steps.filter { $0.bytes != nil }.count,
                    bytesOnWire: wireBytes, timeToFirstByte: nil, roundTripsBeforeRequest: nil))
        }

        // 4. TCP handshake (RFC 9293 §3.5).
        var stream = TCPStream(
            client: laptop.ip, server: server, clientPort: UInt16(49152 + random.next() % 16384),
            serverPort: UInt16(url.port), clientISN: UInt32(truncatingIfNeeded: random.next()),
            serverISN: UInt32(truncatingIfNeeded: random.next()), mss: 1460)
        let half = parameters.rtt / 2
        func send(_ phase: String, _ segments: [(TCPHeader, [UInt8])], fromClient: Bool, _ text: String) {
            for (index, (header, payload)) in segments.enumerated() {
                let (source, destination) = fromClient ? (laptop.ip, server) : (server, laptop.ip)
                let segment = header.segmentBytes(payload: payload, source: source, destination: destination)
                let label = segments.count == 1 ? text : "\(text) (\(index + 1)/\(segments.count))"
                frame(
                    phase,
                    ipFrame(
                        to: destination, from: source, protocolNumber: IPv4Header.tcp, segment, outbound: fromClient),
                    from: fromClient ? "browser" : "server", to: fromClient ? "server" : "browser",
                    "\(label) [\(header.flags)] seq \(header.sequenceNumber)"
                        + (payload.isEmpty ? "" : " len \(payload.count)"))
            }
        }
        let handshakeStart = now
        send("tcp", [stream.syn()], fromClient: true, "SYN, MSS 1460")
        now += half
        send("tcp", [stream.synAck()], fromClient: false, "SYN-ACK")
        now += half
        send("tcp", [stream.ack(fromClient: true)], fromClient: true, "ACK: established")

        // 5. TLS (https): the TLS model's records, in TCP segments.
        let request = HTTP1Writer.serialize(
            HTTP1Head.request(
                "GET", url.target,
                fields: [
                    HTTPField(
                        "Host", url.port == (url.scheme == "https" ? 443 : 80) ? url.host : "\(url.host):\(url.port)"),
                    HTTPField("User-Agent", "netprep/1.0"), HTTPField("Accept", "text/html"),
                    HTTPField("Connection", "close"),
                ]))
        var sealedRequest: [UInt8]?
        if url.scheme == "https" {
            let tls = try TLSHandshakeDemo.run(
                TLSHandshakeDemo.Parameters(
                    version: parameters.tls, host: url.host, message: String(decoding: request, as: UTF8.self)),
                seed: random.next())
            var side = "client"
            for step in tls.trace where step.kind == .message {
                guard let record = step.record else { continue }
                if step.side != side {
                    now += half
                    side = step.side
                }
                if step.label == "[application data]" {
                    sealedRequest = Hex.bytes(record) ?? []
                    break
                }
                send(
                    "tls", stream.data(Hex.bytes(record) ?? [], fromClient: step.side == "client"),
                    fromClient: step.side == "client", "TLS \(step.label)")
            }
            if side == "server" { now += half }
            note("tls", "keys agreed, certificate checked: HTTP goes in TLS records")
        }

        // 6. HTTP request and response (RFC 9112).
        let requestStart = now
        let encrypted = url.scheme == "https"
        let requestText = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self)
        send(
            "http", stream.data(sealedRequest ?? request, fromClient: true), fromClient: true,
            (encrypted ? "TLS app data: " : "") + requestText)
        now += half
        let body = Array("<!doctype html><title>\(url.host)</title><p>Hello from \(server).</p>\n".utf8)
        let response = HTTP1Writer.serialize(
            HTTP1Head.response(
                200, "OK",
                fields: [HTTPField("Content-Type", "text/html; charset=utf-8"), HTTPField("Connection", "close")]),
            body: body)
        let firstByte = now
        send(
            "http", stream.data(encrypted ? sealed(response) : response, fromClient: false), fromClient: false,
            (encrypted ? "TLS app data: " : "") + "HTTP/1.1 200 OK, \(response.count) B")
        note("http", "the browser parses the HTML and fetches what it references")

        // 7. Teardown (RFC 9293 §3.6): Connection: close, so the server closes first here.
        now += 1
        send("teardown", [stream.fin(fromClient: false)], fromClient: false, "FIN")
        now += half
        send("teardown", [stream.fin(fromClient: true)], fromClient: true, "FIN (ACKs the server's FIN)")
        now += half
        send("teardown", [stream.ack(fromClient: false)], fromClient: false, "ACK")
        note("teardown", "the server closed first, so the server side waits in TIME_WAIT for 2 MSL")
        note("done", "page shown after \(now) ms; first response byte at \(firstByte + half) ms")

        let outcome = Outcome(
            url: url, address: server.description, status: "200 OK", frames: steps.filter { $0.bytes != nil }.count,
            bytesOnWire: wireBytes, timeToFirstByte: firstByte + half,
            roundTripsBeforeRequest: (requestStart - handshakeStart) / max(1, parameters.rtt))
        return DemoTrace(demo: name, params: parameters, trace: steps, result: outcome)
    }

    /// Stand-in for the response's TLS application-data record: the right header and length
    /// (content type 23, legacy version 3.3, 1-byte inner type, 16-byte AEAD tag) with zeros
    /// for the ciphertext. The request's record is the TLS model's real one.
    static func sealed(_ plaintext: [UInt8]) -> [UInt8] {
        let length = plaintext.count + 1 + 16
        return [23, 3, 3, UInt8(length >> 8), UInt8(length & 0xFF)] + [UInt8](repeating: 0, count: length)
    }

}

/// A UDP datagram (RFC 768) with its checksum over the IPv4 pseudo-header.
public struct UDPDatagram: Sendable, Equatable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var payload: [UInt8]

    public func bytes(source: IPv4Address, destination: IPv4Address) -> [UInt8] {
        let length = 8 + payload.count
        var out =
            [
                UInt8(sourcePort >> 8), UInt8(sourcePort & 0xFF), UInt8(destinationPort >> 8),
                UInt8(destinationPort & 0xFF),
                UInt8(length >> 8), UInt8(length & 0xFF), 0, 0,
            ] + payload
        var checksum = InternetChecksum.transportChecksum(
            source: source, destination: destination, protocolNumber: IPv4Header.udp, segment: out)
        // A computed zero is sent as all ones: zero means "no checksum" (RFC 768).
        if checksum == 0 { checksum = 0xFFFF }
        out[6] = UInt8(checksum >> 8)
        out[7] = UInt8(checksum & 0xFF)
        return out
    }
}

/// Sequence and acknowledgment numbers of one TCP connection seen from both ends, for
/// building its segments in order (RFC 9293 §3.4).
struct TCPStream {
    let client: IPv4Address
    let server: IPv4Address
    let clientPort: UInt16
    let serverPort: UInt16
    let mss: Int
    /// Next sequence number each side sends.
    var clientNext: UInt32
    var serverNext: UInt32
    let serverISN: UInt32

    init(
        client: IPv4Address, server: IPv4Address, clientPort: UInt16, serverPort: UInt16, clientISN: UInt32,
        serverISN: UInt32, mss: Int
    ) {
        self.client = client
        self.server = server
        self.clientPort = clientPort
        self.serverPort = serverPort
        self.mss = mss
        clientNext = clientISN
        serverNext = serverISN
        self.serverISN = serverISN
    }

    private func header(fromClient: Bool, flags: TCPFlags, options: [TCPOption] = []) -> TCPHeader {
        TCPHeader(
            sourcePort: fromClient ? clientPort : serverPort, destinationPort: fromClient ? serverPort : clientPort,
            sequenceNumber: fromClient ? clientNext : serverNext,
            acknowledgmentNumber: flags.contains(.ack) ? (fromClient ? serverNext : clientNext) : 0, flags: flags,
            window: 64_240, options: options)
    }

    mutating func syn() -> (TCPHeader, [UInt8]) {
        let segment = header(
            fromClient: true, flags: [.syn],
            options: [.maximumSegmentSize(UInt16(mss)), .sackPermitted, .noOperation, .windowScale(7)])
        clientNext &+= 1
        return (segment, [])
    }

    mutating func synAck() -> (TCPHeader, [UInt8]) {
        let segment = header(
            fromClient: false, flags: [.syn, .ack],
            options: [.maximumSegmentSize(UInt16(mss)), .sackPermitted, .noOperation, .windowScale(7)])
        serverNext &+= 1
        return (segment, [])
    }

    func ack(fromClient: Bool) -> (TCPHeader, [UInt8]) {
        (header(fromClient: fromClient, flags: [.ack]), [])
    }

    mutating func fin(fromClient: Bool) -> (TCPHeader, [UInt8]) {
        let segment = header(fromClient: fromClient, flags: [.fin, .ack])
        if fromClient { clientNext &+= 1 } else { serverNext &+= 1 }
        return (segment, [])
    }

    /// Data cut into MSS-sized segments, PSH on the last.
    mutating func data(_ bytes: [UInt8], fromClient: Bool) -> [(TCPHeader, [UInt8])] {
        var out: [(TCPHeader, [UInt8])] = []
        var offset = 0
        while offset < bytes.count {
            let chunk = Array(bytes[offset..<min(offset + mss, bytes.count)])
            let last = offset + chunk.count == bytes.count
            out.append((header(fromClient: fromClient, flags: last ? [.psh, .ack] : [.ack]), chunk))
            if fromClient { clientNext &+= UInt32(chunk.count) } else { serverNext &+= UInt32(chunk.count) }
            offset += chunk.count
        }
        return out
    }
}
