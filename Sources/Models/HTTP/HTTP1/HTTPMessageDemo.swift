import Basics

/// `http.message`: pipelined HTTP/1.1 requests and their responses written per RFC 9112, then
/// read back by the incremental parser in reads of random size, as a socket delivers them.
public enum HTTPMessageDemo: Sendable {
    public static let name = "http.message"

    /// A mistake injected into the last request, each one a parser must refuse.
    public enum Malformation: String, Codable, Sendable, CaseIterable {
        case spaceBeforeColon = "space-before-colon"
        case noHost = "no-host"
        case obsFold = "obs-fold"
        case bareLF = "bare-lf"
        case smuggling
        case badChunkSize = "bad-chunk-size"
    }

    public struct Parameters: Codable, Sendable, Equatable {
        public var requests: Int
        public var chunked: Bool
        public var maxRead: Int
        public var malformed: Malformation?

        public init(requests: Int, chunked: Bool, maxRead: Int, malformed: Malformation? = nil) {
            self.requests = requests
            self.chunked = chunked
            self.maxRead = maxRead
            self.malformed = malformed
        }
    }

    public struct Step: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// A message written whole: `head`, `body` and its octets.
            case write
            /// One read: the octets a parser was given and what it made of them.
            case read
        }
        public var kind: Kind
        /// Who writes (write) or who parses (read): `client` or `server`.
        public var side: String
        public var bytes: HTTPBytes
        /// The message as handed to the writer; the framing field (Content-Length or
        /// Transfer-Encoding: chunked) is added on the wire only, so it is in `bytes`, not here.
        public var head: HTTP1Head?
        public var body: HTTPBytes?
        /// Trailer fields sent after a chunked body.
        public var trailers: [HTTPField]?
        /// For a response: the method of the request it answers (a reader needs it for HEAD).
        public var requestMethod: String?
        public var malformed: Malformation?
        public var events: [String]
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var requestsParsed: Int
        public var responsesParsed: Int
        public var serverReads: Int
        public var clientReads: Int
        /// The server parser's error, if the input was malformed.
        public var error: String?
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var random = SplitMix64(seed: seed)
        var steps: [Step] = []
        var requestStream: [UInt8] = []
        var methods: [String] = []
        for number in 0..<parameters.requests {
            let isLast = number == parameters.requests - 1
            let malformed = isLast ? parameters.malformed : nil
            let needsBody = malformed == .smuggling || malformed == .badChunkSize
            // A 400 is answered with a body, so the broken request must not be HEAD.
            let (head, body) = request(number: number, needsBody: needsBody, allowHead: malformed == nil, random: &random)
            let chunked = !body.isEmpty && (parameters.chunked || malformed == .badChunkSize)
            var bytes = HTTP1Writer.serialize(head, body: body, framing: framing(chunked, body, &random))
            if let malformed { bytes = inject(malformed, into: bytes) }
            methods.append(head.method!)
            requestStream += bytes
            steps.append(
                Step(
                    kind: .write, side: "client", bytes: HTTPBytes(bytes), head: head, body: HTTPBytes(body),
                    malformed: malformed, events: []))
        }

        var server = HTTP1Parser(role: .server)
        var received: [(head: HTTP1Head, body: [UInt8])] = []
        var current: (head: HTTP1Head, body: [UInt8])?
        var error: HTTP1ParseError?
        var serverReads = 0
        for piece in split(requestStream, maxRead: parameters.maxRead, random: &random) where error == nil {
            serverReads += 1
            let actions = server.receive(piece)
            for action in actions {
                switch action {
                case .head(let head): current = (head, [])
                case .body(let bytes): current?.body += bytes
                case .end: if let current { received.append(current) }
                case .error(let failure): error = failure
                }
            }
            steps.append(Step(kind: .read, side: "server", bytes: HTTPBytes(piece), events: actions.map(describe)))
        }

        var responseStream: [UInt8] = []
        for (index, request) in received.enumerated() {
            var (head, body, chunked) = response(to: request.head, body: request.body, chunked: parameters.chunked)
            // A chunked response can send fields after the body, announced by Trailer
            // (RFC 9112 §7.1.2, RFC 9110 §6.5): here the time it took, known only at the end.
            let trailers = chunked && !body.isEmpty ? [HTTPField("Server-Timing", "app;dur=\(3 + body.count % 50)")] : []
            if !trailers.isEmpty { head.fields.append(HTTPField("Trailer", "Server-Timing")) }
            let bytes = HTTP1Writer.serialize(
                head, body: body,
                framing: request.head.method == "HEAD" ? .untilClose : framing(chunked, body, trailers: trailers, &random))
            responseStream += bytes
            steps.append(
                Step(
                    kind: .write, side: "server", bytes: HTTPBytes(bytes), head: head, body: HTTPBytes(body),
                    trailers: trailers.isEmpty ? nil : trailers, requestMethod: methods[index], events: []))
        }
        if let error {
            let body = Array("\(error)\n".utf8)
            let head = HTTP1Head.response(400, "Bad Request", fields: [HTTPField("Connection", "close")])
            let bytes = HTTP1Writer.serialize(head, body: body)
            responseStream += bytes
            steps.append(
                Step(
                    kind: .write, side: "server", bytes: HTTPBytes(bytes), head: head, body: HTTPBytes(body),
                    requestMethod: methods[received.count], events: []))
        }

        var client = HTTP1Parser(role: .client)
        for method in methods { client.requestSent(method: method) }
        var responses = 0
        var clientReads = 0
        for piece in split(responseStream, maxRead: parameters.maxRead, random: &random) {
            clientReads += 1
            let actions = client.receive(piece)
            responses += actions.filter { if case .end = $0 { true } else { false } }.count
            steps.append(Step(kind: .read, side: "client", bytes: HTTPBytes(piece), events: actions.map(describe)))
        }
        let outcome = Outcome(
            requestsParsed: received.count, responsesParsed: responses, serverReads: serverReads,
            clientReads: clientReads, error: error.map(String.init(describing:)))
        return DemoTrace(demo: name, params: parameters, trace: steps, result: outcome)
    }

    static let paths = ["/", "/index.html", "/style.css", "/img/logo.png", "/search?q=tcp+handshake", "/api/items/7"]

    static func request(number: Int, needsBody: Bool, allowHead: Bool = true, random: inout SplitMix64)
        -> (HTTP1Head, [UInt8])
    {
        let methods = needsBody ? ["POST", "PUT"] : ["GET", "GET", allowHead ? "HEAD" : "GET", "POST", "PUT", "DELETE"]
        let method = methods.randomElement(using: &random)!
        var fields = [HTTPField("Host", "example.com"), HTTPField("User-Agent", "netprep/1")]
        var body: [UInt8] = []
        var path = paths.randomElement(using: &random)!
        if method == "POST" || method == "PUT" {
            path = method == "POST" ? "/api/items" : "/api/items/\(number + 1)"
            let quantity = Int.random(in: 1...999, using: &random)
            body = Array("{\"item\":\"widget-\(number + 1)\",\"quantity\":\(quantity)}".utf8)
            fields.append(HTTPField("Content-Type", "application/json"))
        } else {
            fields.append(HTTPField("Accept", "*/*"))
        }
        return (.request(method, path, fields: fields), body)
    }

    static func framing(_ chunked: Bool, _ body: [UInt8], trailers: [HTTPField] = [], _ random: inout SplitMix64)
        -> HTTP1Framing
    {
        guard chunked, !body.isEmpty else { return .contentLength }
        var sizes: [Int] = []
        var total = 0
        while total < body.count {
            let size = Int.random(in: 5...20, using: &random)
            sizes.append(size)
            total += size
        }
        return .chunked(chunkSizes: sizes, trailers: trailers)
    }

    static func response(to request: HTTP1Head, body: [UInt8], chunked: Bool) -> (HTTP1Head, [UInt8], Bool) {
        let fields = [HTTPField("Server", "netprep"), HTTPField("Content-Type", "text/plain")]
        let target = request.target ?? "/"
        switch request.method {
        case "POST":
            return (
                .response(201, "Created", fields: fields + [HTTPField("Location", "/api/items/42")]),
                Array("stored \(body.count) bytes\n".utf8), chunked
            )
        case "PUT":
            return (.response(200, "OK", fields: fields), Array("replaced \(target) with \(body.count) bytes\n".utf8), chunked)
        case "DELETE":
            return (.response(204, "No Content", fields: [HTTPField("Server", "netprep")]), [], false)
        case "HEAD":
            let length = "contents of \(target)\n".utf8.count
            return (.response(200, "OK", fields: fields + [HTTPField("Content-Length", String(length))]), [], false)
        default:
            return (.response(200, "OK", fields: fields), Array("contents of \(target)\n".utf8), chunked)
        }
    }

    /// Breaks well-formed request octets in the way `malformation` names.
    static func inject(_ malformation: Malformation, into bytes: [UInt8]) -> [UInt8] {
        var text = String(decoding: bytes, as: UTF8.self)
        func replaceFirst(_ old: String, _ new: String) {
            if let range = text.range(of: old) { text.replaceSubrange(range, with: new) }
        }
        switch malformation {
        case .spaceBeforeColon: replaceFirst("Host: ", "Host : ")
        case .noHost: replaceFirst("Host: example.com\r\n", "")
        case .obsFold: replaceFirst("User-Agent: netprep/1\r\n", "User-Agent: netprep/1\r\n (folded)\r\n")
        case .bareLF: replaceFirst(" HTTP/1.1\r\n", " HTTP/1.1\n")
        case .smuggling: replaceFirst("Host: example.com\r\n", "Host: example.com\r\nTransfer-Encoding: chunked\r\n")
        case .badChunkSize:
            if let range = text.range(of: "\r\n\r\n") {
                let sizeEnd = text[range.upperBound...].range(of: "\r\n")!.lowerBound
                text.replaceSubrange(range.upperBound..<sizeEnd, with: "zz")
            }
        }
        return Array(text.utf8)
    }

    static func split(_ bytes: [UInt8], maxRead: Int, random: inout SplitMix64) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            let size = min(Int.random(in: 1...maxRead, using: &random), bytes.count - offset)
            pieces.append(Array(bytes[offset..<offset + size]))
            offset += size
        }
        return pieces
    }

    static func describe(_ action: HTTP1Parser.Action) -> String {
        switch action {
        case .head(let head): "head \(head.startLine)"
        case .body(let bytes): "body \(bytes.count) B"
        case .end(let trailers): trailers.isEmpty ? "end" : "end, \(trailers.count) trailers"
        case .error(let error): "error: \(error)"
        }
    }

}
