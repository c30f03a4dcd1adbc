import Foundation

@testable import Models

/// Figures of the application notes (http/, https-tls/, sessions-sso/, dns/, gossip/, quic/, url-journey/).
extension NoteFiguresTests {
    static let applicationFigures: [Figure] = [
        // One page and 10 objects of 1 KB, no TLS, one connection at a time (the http.versions model).
        Figure(card: "http.versions#page-rtts", cloze: 1, model: { NoteFiguresTests.pageRTTs(.http10) }),
        Figure(card: "http.versions#page-rtts", cloze: 2, model: { NoteFiguresTests.pageRTTs(.keepAlive) }),
        Figure(card: "http.versions#page-rtts", cloze: 3, model: { NoteFiguresTests.pageRTTs(.http2) }),
        // A 20,000-octet body in DATA frames under the default SETTINGS_MAX_FRAME_SIZE.
        Figure(card: "http.http2#data-frames", cloze: 1, model: { "\(NoteFiguresTests.http2DataFrames().first?.length ?? 0)" }),
        Figure(card: "http.http2#data-frames", cloze: 2, model: { "\(NoteFiguresTests.http2DataFrames().last?.length ?? 0)" }),
        Figure(
            card: "http.http2#data-frames", cloze: 3,
            model: { "\(NoteFiguresTests.http2DataFrames().first.map { $0.bytes.bytes.count - $0.length } ?? 0)" }),
        // RFC 7541 Appendix C.3.1 / C.4.1, encoded by the model's HPACK encoder, then repeated.
        Figure(card: "http.hpack#example-sizes", cloze: 1, model: { "\(NoteFiguresTests.hpackExample(huffman: false)[0])" }),
        Figure(card: "http.hpack#example-sizes", cloze: 2, model: { "\(NoteFiguresTests.hpackExample(huffman: true)[0])" }),
        Figure(card: "http.hpack#example-sizes", cloze: 3, model: { "\(NoteFiguresTests.hpackExample(huffman: true)[1])" }),
        Figure(
            card: "http.hpack#entry-size", cloze: 1,
            model: {
                var encoder = HPACKEncoder()
                _ = encoder.encode([HTTPField("custom-key", "custom-value")])
                return "\(encoder.table.size)"
            }),
        // The chunked coding as the HTTP/1.1 writer puts it on the wire.
        Figure(
            card: "http.chunked#last-chunk", cloze: 1, model: { NoteFiguresTests.chunkSizeLines(body: 5, chunk: 2).last ?? "?" }),
        Figure(
            card: "http.chunked#hex-size", cloze: 1, model: { NoteFiguresTests.chunkSizeLines(body: 26, chunk: 26).first ?? "?" }),
        Figure(
            card: "http.chunked#hex-size", cloze: 2,
            model: { NoteFiguresTests.chunkSizeLines(body: 4096, chunk: 4096).first ?? "?" }),
        // Linux's keepalive defaults: 7200 s idle, 9 probes 75 s apart, peer gone.
        Figure(
            card: "http.keepalive-vs-tcp#dead-peer", cloze: 1,
            model: {
                let parameters = KeepaliveDemo.Parameters(
                    peerAlive: false, time: 7200, interval: 75, probes: 9, rtt: 0.1, cycles: 2)
                let detected = (try? KeepaliveDemo.run(parameters, seed: 1))?.result.detectedAt
                return detected.map { "\(Int($0))" } ?? "not detected"
            }),
        // The pre-master secret the TLS 1.2 client encrypts under the server's RSA key.
        Figure(
            card: "https-tls.handshake#numbers", cloze: 1,
            model: {
                let trace = try? TLSHandshakeDemo.run(TLSHandshakeDemo.Parameters(version: "1.2", keyExchange: "rsa"), seed: 1)
                return "\((trace?.result.secrets["pre_master_secret"]?.count ?? 0) / 2)"
            }),
        // Round trips before application data, counted from the flights of each handshake.
        Figure(card: "https-tls.handshake#rtt-figures", cloze: 1, model: { NoteFiguresTests.tlsRoundTrips("1.2") }),
        Figure(card: "https-tls.handshake#rtt-figures", cloze: 2, model: { NoteFiguresTests.tlsRoundTrips("1.3") }),
        Figure(card: "https-tls.handshake#rtt-figures", cloze: 3, model: { NoteFiguresTests.tlsRoundTrips("1.2", resume: true) }),
        Figure(
            card: "https-tls.handshake#rtt-figures", cloze: 4,
            model: { NoteFiguresTests.tlsRoundTrips("1.3", resume: true, earlyData: true) }),
        // Round trips to the server before the request, from the url.journey model.
        Figure(
            card: "url-journey.overview#handshake-rtts", cloze: 1,
            model: { NoteFiguresTests.journeyRoundTrips(URLJourneyDemo.Parameters(tls: "1.3")) }),
        Figure(
            card: "url-journey.overview#handshake-rtts", cloze: 2,
            model: { NoteFiguresTests.journeyRoundTrips(URLJourneyDemo.Parameters(tls: "1.2")) }),
        Figure(
            card: "url-journey.overview#handshake-rtts", cloze: 3,
            model: { NoteFiguresTests.journeyRoundTrips(URLJourneyDemo.Parameters(url: "http://www.example.com/")) }),
        // Default ports, as the URL parser fills them in.
        Figure(card: "url-journey.url-parsing#ports", cloze: 1, model: { NoteFiguresTests.defaultPort("http") }),
        Figure(card: "url-journey.url-parsing#ports", cloze: 2, model: { NoteFiguresTests.defaultPort("https") }),
        Figure(card: "https-tls.why#ports", cloze: 1, model: { NoteFiguresTests.defaultPort("http") }),
        Figure(card: "https-tls.why#ports", cloze: 2, model: { NoteFiguresTests.defaultPort("https") }),
        // Rounds to inform every node, fanout 1, no loss (GossipTheory), rounded.
        Figure(card: "gossip.overview#push-rounds", cloze: 1, model: { NoteFiguresTests.gossipRounds(.push, nodes: 1000) }),
        Figure(card: "gossip.overview#push-rounds", cloze: 2, model: { NoteFiguresTests.gossipRounds(.push, nodes: 1_000_000) }),
        Figure(card: "gossip.variants#mode-rounds", cloze: 1, model: { NoteFiguresTests.gossipRounds(.push, nodes: 1000) }),
        Figure(card: "gossip.variants#mode-rounds", cloze: 2, model: { NoteFiguresTests.gossipRounds(.pull, nodes: 1000) }),
        Figure(card: "gossip.variants#mode-rounds", cloze: 3, model: { NoteFiguresTests.gossipRounds(.pushPull, nodes: 1000) }),
        // The DNS header alone (no question), and a whole query for www.example.com A.
        Figure(
            card: "dns.resolution#header-bytes", cloze: 1,
            model: {
                var message = DNSMessage(id: 1, query: DNSQuestion("www.example.com", .a), recursionDesired: true)
                message.questions = []
                return "\(message.encoded().count)"
            }),
        Figure(
            card: "dns.resolution#header-bytes", cloze: 2,
            model: { "\(DNSMessage(id: 1, query: DNSQuestion("www.example.com", .a), recursionDesired: true).encoded().count)" }),
        // A record cached with TTL 300 s, looked up 10 s later (the cache's clock is in ms).
        Figure(
            card: "dns.caching#ttl-countdown", cloze: 1,
            model: {
                var cache = DNSCache()
                cache.store([DNSRecord("www.example.com", ttl: 300, .a([192, 0, 2, 1]))], now: 0)
                if case .hit(let records, _) = cache.lookup("www.example.com", .a, now: 10_000) { return "\(records[0].ttl)" }
                return "miss"
            }),
        // A token the JWT model signs with HS256.
        Figure(card: "sessions-sso.token#jwt-shape", cloze: 1, model: { "\(NoteFiguresTests.jwtParts().count)" }),
        Figure(card: "sessions-sso.token#jwt-shape", cloze: 2, model: { "\(NoteFiguresTests.jwtParts().last?.count ?? 0)" }),
    ]

    static func pageRTTs(_ version: PageLoadDemo.Version) -> String {
        let trace = try? PageLoadDemo.run(PageLoadDemo.Parameters(sizeKB: 1), seed: 1)
        return trace?.result.versions.first(where: { $0.version == version }).map { "\($0.rtts)" } ?? "?"
    }

    static func http2DataFrames() -> [HTTP2FramesDemo.Step] {
        let parameters = HTTP2FramesDemo.Parameters(streams: 1, size: 20000, window: 65535, maxFrame: 16384, padding: 0)
        return (try? HTTP2FramesDemo.run(parameters, seed: 1))?.trace.filter { $0.type == "DATA" } ?? []
    }

    /// Octets of the first header block and of the same block sent again.
    static func hpackExample(huffman: Bool) -> [Int] {
        var encoder = HPACKEncoder(huffman: huffman)
        let fields = [
            HTTPField(":method", "GET"), HTTPField(":scheme", "http"), HTTPField(":path", "/"),
            HTTPField(":authority", "www.example.com"),
        ]
        let first = encoder.encode(fields).bytes.bytes.count
        let again = encoder.encode(fields).bytes.bytes.count
        return [first, again]
    }

    /// The chunk-size lines of a chunked response body of `body` octets cut into `chunk`-octet chunks.
    static func chunkSizeLines(body: Int, chunk: Int) -> [String] {
        let bytes = HTTP1Writer.serialize(
            .response(200, "OK", fields: []), body: [UInt8](repeating: 0x61, count: body),
            framing: .chunked(chunkSizes: [chunk], trailers: []))
        let text = String(decoding: bytes, as: UTF8.self)
        guard let start = text.range(of: "\r\n\r\n") else { return [] }
        let lines = text[start.upperBound...].components(separatedBy: "\r\n")
        // Size line, data, size line, data, ..., "0", then the empty line that ends the message.
        return stride(from: 0, to: lines.count, by: 2).map { lines[$0] }.filter { !$0.isEmpty }
    }

    static func tlsRoundTrips(_ version: String, resume: Bool = false, earlyData: Bool = false) -> String {
        let parameters = TLSHandshakeDemo.Parameters(version: version, resume: resume, earlyData: earlyData)
        let rounds = (try? TLSHandshakeDemo.run(parameters, seed: 1))?.result.roundTripsBeforeApplicationData
        return rounds.map { "\($0)" } ?? "?"
    }

    static func journeyRoundTrips(_ parameters: URLJourneyDemo.Parameters) -> String {
        let rounds = (try? URLJourneyDemo.run(parameters, seed: 1))?.result.roundTripsBeforeRequest
        return rounds.map { "\($0)" } ?? "?"
    }

    static func defaultPort(_ scheme: String) -> String {
        (try? ParsedURL("\(scheme)://www.example.com/")).map { "\($0.port)" } ?? "?"
    }

    static func gossipRounds(_ mode: GossipMode, nodes: Int) -> String {
        let theory = GossipTheory.predict(mode: mode, live: nodes, fanout: 1, loss: 0, failedFraction: 0)
        return "\(Int(theory.rounds.rounded()))"
    }

    static func jwtParts() -> [Substring] {
        let claims = JWT.Claims(sub: "alice", role: "user", iat: 1_767_225_600, exp: 1_767_226_500)
        return JWT.sign(claims, secret: Array("a demo secret".utf8)).split(separator: ".", omittingEmptySubsequences: false)
    }
}
