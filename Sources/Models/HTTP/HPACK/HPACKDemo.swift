import Basics

/// `http2.hpack`: a browser's requests to one site compressed with HPACK (RFC 7541), block by
/// block, showing each representation, the dynamic table after it and the octets saved.
public enum HPACKDemo: Sendable {
    public static let name = "http2.hpack"

    public struct Parameters: Codable, Sendable, Equatable {
        public var requests: Int
        public var huffman: Bool
        public var tableSize: Int
        /// An RFC 7541 Appendix C example ("C.3"...), or nil for generated requests.
        public var example: String?

        public init(requests: Int, huffman: Bool, tableSize: Int, example: String? = nil) {
            self.requests = requests
            self.huffman = huffman
            self.tableSize = tableSize
            self.example = example
        }
    }

    public struct Step: Codable, Sendable, Equatable {
        public var block: Int
        public var fields: [HTTPField]
        /// The header block: give it to any HPACK decoder that has seen the blocks before it.
        public var bytes: HTTPBytes
        public var representations: [HPACKRepresentation]
        /// The dynamic table after this block, newest (index 62) first.
        public var table: [HTTPField]
        public var tableSize: Int
        /// Octets of the same fields written as HTTP/1.1 lines, `name: value\r\n`.
        public var plainSize: Int
        public var encodedSize: Int
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var blocks: Int
        public var plainSize: Int
        public var encodedSize: Int
        public var saved: Int
        /// Encoded size as a percentage of the plain size, rounded.
        public var percent: Int
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var parameters = parameters
        var lists: [[HTTPField]]
        if let example = parameters.example {
            let requests = example == "C.3" || example == "C.4"
            lists = requests ? rfcRequests : rfcResponses
            parameters.huffman = example == "C.4" || example == "C.6"
            parameters.tableSize = requests ? 4096 : 256
            parameters.requests = lists.count
        } else {
            var random = SplitMix64(seed: seed)
            lists = HTTPRequestGenerator.browserSession(count: parameters.requests, random: &random)
        }
        var encoder = HPACKEncoder(maximumTableSize: parameters.tableSize, huffman: parameters.huffman)
        var steps: [Step] = []
        for (number, fields) in lists.enumerated() {
            let block = encoder.encode(
                fields.map { ($0, HTTPRequestGenerator.isSensitive($0) ? HPACKIndexing.never : .incremental) })
            let plain = fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
            steps.append(
                Step(
                    block: number + 1, fields: fields, bytes: block.bytes, representations: block.representations,
                    table: encoder.table.entries, tableSize: encoder.table.size, plainSize: plain,
                    encodedSize: block.bytes.bytes.count))
        }
        let plain = steps.reduce(0) { $0 + $1.plainSize }
        let encoded = steps.reduce(0) { $0 + $1.encodedSize }
        let outcome = Outcome(
            blocks: steps.count, plainSize: plain, encodedSize: encoded, saved: plain - encoded,
            percent: plain == 0 ? 0 : (encoded * 100 + plain / 2) / plain)
        return DemoTrace(demo: name, params: parameters, trace: steps, result: outcome)
    }

    static let rfcRequests: [[HTTPField]] = [
        [
            HTTPField(":method", "GET"), HTTPField(":scheme", "http"), HTTPField(":path", "/"),
            HTTPField(":authority", "www.example.com"),
        ],
        [
            HTTPField(":method", "GET"), HTTPField(":scheme", "http"), HTTPField(":path", "/"),
            HTTPField(":authority", "www.example.com"), HTTPField("cache-control", "no-cache"),
        ],
        [
            HTTPField(":method", "GET"), HTTPField(":scheme", "https"), HTTPField(":path", "/index.html"),
            HTTPField(":authority", "www.example.com"), HTTPField("custom-key", "custom-value"),
        ],
    ]

    static let rfcResponses: [[HTTPField]] = [
        [
            HTTPField(":status", "302"), HTTPField("cache-control", "private"),
            HTTPField("date", "Mon, 21 Oct 2013 20:13:21 GMT"), HTTPField("location", "https://www.example.com"),
        ],
        [
            HTTPField(":status", "307"), HTTPField("cache-control", "private"),
            HTTPField("date", "Mon, 21 Oct 2013 20:13:21 GMT"), HTTPField("location", "https://www.example.com"),
        ],
        [
            HTTPField(":status", "200"), HTTPField("cache-control", "private"),
            HTTPField("date", "Mon, 21 Oct 2013 20:13:22 GMT"), HTTPField("location", "https://www.example.com"),
            HTTPField("content-encoding", "gzip"),
            HTTPField("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"),
        ],
    ]
}

/// Plausible requests of one browser to one site, drawn from a seed: the first loads the page,
/// the rest its assets, so most fields repeat and the dynamic table pays off.
enum HTTPRequestGenerator {
    static let agents = [
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
        "curl/8.5.0",
    ]
    static let hosts = ["www.example.com", "shop.example.net", "news.example.org"]
    static let assets: [(path: String, accept: String)] = [
        ("/style.css", "text/css,*/*;q=0.1"), ("/app.js", "*/*"), ("/logo.png", "image/avif,image/webp,*/*"),
        ("/api/cart", "application/json"), ("/fonts/inter.woff2", "*/*"), ("/favicon.ico", "image/*"),
    ]

    /// Fields a careful client sends never-indexed (RFC 7541 §7.1.3).
    static func isSensitive(_ field: HTTPField) -> Bool {
        field.name == "authorization" || field.name == "cookie"
    }

    static func browserSession(count: Int, random: inout SplitMix64) -> [[HTTPField]] {
        let host = hosts.randomElement(using: &random)!
        let agent = agents.randomElement(using: &random)!
        let session = String(random.next() % 1_000_000_000, radix: 16)
        var lists: [[HTTPField]] = []
        for number in 0..<count {
            var fields = [HTTPField(":method", "GET"), HTTPField(":scheme", "https")]
            if number == 0 {
                fields += [
                    HTTPField(":authority", host), HTTPField(":path", "/"),
                    HTTPField("accept", "text/html,application/xhtml+xml"),
                ]
            } else {
                let asset = assets.randomElement(using: &random)!
                fields += [
                    HTTPField(":authority", host), HTTPField(":path", asset.path), HTTPField("accept", asset.accept),
                    HTTPField("referer", "https://\(host)/"),
                ]
            }
            fields += [
                HTTPField("accept-encoding", "gzip, deflate, br"), HTTPField("user-agent", agent),
                HTTPField("cookie", "session=\(session)"),
            ]
            lists.append(fields)
        }
        return lists
    }
}
