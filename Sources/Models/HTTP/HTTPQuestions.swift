import Basics

/// Quiz questions drawn from the HTTP models; each answer is computed by the model itself.

/// Round trips to load a page of small objects over one HTTP version (`http.versions`).
public enum PageLoadRTTQuestion: QuestionGenerator {
    public static let name = "http.versions.rtts"
    public static let summary = "RTTs to load a page of N small objects over HTTP/1.0, 1.1 or 2"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let objects = Int.random(in: 1...10, using: &random)
        let tls = ["none", "none", "1.3", "1.2"].randomElement(using: &random)!
        let version = PageLoadDemo.Version.allCases.randomElement(using: &random)!
        let rtt = [20, 50, 80, 100, 150].randomElement(using: &random)!
        let parameters = PageLoadDemo.Parameters(objects: objects, sizeKB: 1, rtt: rtt, tls: tls, versions: [version])
        // The model cannot fail on these parameters; a zero would show up in tests.
        let result = (try? PageLoadDemo.run(parameters, seed: seed))?.result.versions.first
        let rtts = result?.rtts ?? 0
        let security = tls == "none" ? "plain TCP, no TLS" : "TLS \(tls)"
        let prompt =
            "A page is one HTML file referencing \(objects) small objects; every response fits in one "
            + "TCP segment. RTT \(rtt) ms, \(security), one connection at a time. Counting from the first SYN, "
            + "how many RTTs until the last object has arrived over \(version.label)?"
        let handshake = 1 + parameters.tlsRTTs
        let setup = tls == "none" ? "TCP handshake (1 RTT)" : "TCP + TLS \(tls) handshakes (\(handshake) RTT)"
        let explanation: String =
            switch version {
            case .http10:
                "Each of the \(objects + 1) objects needs its own connection: \(setup) "
                    + "plus 1 RTT for request and response, so \(objects + 1) × \(handshake + 1) = \(rtts) RTT."
            case .keepAlive:
                "One \(setup), 1 RTT for the HTML, then 1 RTT per object, one after "
                    + "the other: \(handshake) + 1 + \(objects) = \(rtts) RTT."
            case .pipelining, .http2:
                "One \(setup), 1 RTT for the HTML, then all \(objects) requests go "
                    + "out at once and their responses fit in one flight: \(rtts) RTT."
            }
        return GeneratedQuestion(
            generator: name, prompt: prompt, answer: "\(rtts) RTT (\(rtts * rtt) ms)",
            accepted: ["\(rtts)", "\(rtts) rtt", "\(rtts) rtts", "\(rtts * rtt) ms", "\(rtts * rtt)ms"],
            explanation: explanation,
            demo: "http.versions --objects \(objects) --size 1 --rtt \(rtt) --tls \(tls) --version \(version.rawValue)")
    }
}

/// The index of a field or name in HPACK's static table (RFC 7541 Appendix A).
public enum HPACKStaticIndexQuestion: QuestionGenerator {
    public static let name = "http2.hpack.static-index"
    public static let summary = "Index of a header field in HPACK's static table"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let index = Int.random(in: 1...HPACKStaticTable.entries.count, using: &random)
        let field = HPACKStaticTable.entries[index - 1]
        let what = field.value.isEmpty ? "the header name '\(field.name)'" : "the field '\(field.name): \(field.value)'"
        let octet = Hex.string([0x80 | UInt8(index)])
        let explanation =
            field.value.isEmpty
            ? "Entry \(index) of RFC 7541 Appendix A carries the name only; a literal with incremental "
                + "indexing names it with the single octet 0x\(Hex.string([0x40 | UInt8(min(index, 63))]))"
                + (index >= 63 ? " and a continuation octet" : "") + "."
            : "Entry \(index) of RFC 7541 Appendix A; the whole field is then sent as one octet, 0x\(octet)."
        return GeneratedQuestion(
            generator: name, prompt: "What is the index of \(what) in HPACK's static table?", answer: "\(index)",
            accepted: ["\(index)"], explanation: explanation, demo: "http2.hpack --requests 1")
    }
}

/// How many octets an HTTP/2 DATA frame takes on the wire (RFC 9113 §4.1, §6.1).
public enum HTTP2FrameSizeQuestion: QuestionGenerator {
    public static let name = "http2.frame.size"
    public static let summary = "Octets on the wire of an HTTP/2 DATA frame, with or without padding"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let data = [0, 1, 100, 1000, 4096, 16384].randomElement(using: &random)!
        let padLength = Bool.random(using: &random) ? Int.random(in: 0...20, using: &random) : nil
        let frame = HTTP2Frame.data(
            stream: 1, [UInt8](repeating: 0, count: data), endStream: false,
            padding: padLength.map { $0 + 1 } ?? 0)
        let total = frame.bytes.count
        let prompt =
            "An HTTP/2 DATA frame carries \(data) octets of data"
            + (padLength.map { " with the PADDED flag set and a Pad Length of \($0)" } ?? " and no padding")
            + ". How many octets does the whole frame take on the wire?"
        let explanation =
            "Every frame starts with a 9-octet header (length 24 bits, type, flags, R + 31-bit stream id)"
            + (padLength.map { "; PADDED adds the 1-octet Pad Length field and \($0) octets of padding" } ?? "")
            + ": 9 + \(frame.payload.count) = \(total). The Length field says \(frame.payload.count)."
        return GeneratedQuestion(
            generator: name, prompt: prompt, answer: "\(total)", accepted: ["\(total)", "\(total) octets", "\(total) bytes"],
            explanation: explanation,
            demo: DemoCall(name: "http2.frames", arguments: padLength.map { ["--padding", "\($0 + 1)"] } ?? []))
    }
}

/// The type of an HTTP/2 frame, read off its 9-octet header (RFC 9113 §4.1, §6).
public enum HTTP2FrameTypeQuestion: QuestionGenerator {
    public static let name = "http2.frame.type"
    public static let summary = "Name the HTTP/2 frame type from a frame header in hex"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let stream = UInt32(2 * Int.random(in: 0...20, using: &random) + 1)
        let frames: [HTTP2Frame] = [
            .data(stream: stream, [UInt8](repeating: 0, count: Int.random(in: 1...500, using: &random)), endStream: true),
            .headers(stream: stream, block: [0x82, 0x87, 0x84], endStream: true),
            .settings([(.maxConcurrentStreams, 100), (.initialWindowSize, 65535)]), .settingsAck,
            .windowUpdate(stream: stream, increment: 32768), .rstStream(stream: stream, errorCode: 8),
            .ping([0, 1, 2, 3, 4, 5, 6, 7], ack: false), .goaway(lastStream: stream, errorCode: 0),
        ]
        let frame = frames.randomElement(using: &random)!
        let kind = frame.kind!
        let header = frame.bytes.prefix(HTTP2Frame.headerSize).map { Hex.string([$0]) }.joined(separator: " ")
        let flags = frame.flagNames.isEmpty ? "no flags" : "flags " + frame.flagNames.joined(separator: "|")
        return GeneratedQuestion(
            generator: name,
            prompt: "An HTTP/2 frame header reads \(header) (hex). What type of frame is it?",
            answer: kind.name,
            accepted: [kind.name, "\(kind.rawValue)", "0x\(kind.rawValue)", "0x0\(kind.rawValue)"],
            explanation:
                "Octets 1-3 are the length (\(frame.payload.count)), octet 4 the type (0x0\(kind.rawValue) = \(kind.name)), "
                + "octet 5 the flags (\(flags)), the last 4 the stream (\(frame.stream)). RFC 9113 §6.",
            demo: "http2.frames")
    }
}

/// Whether a method is idempotent (RFC 9110 §9.2.2).
public enum MethodIdempotentQuestion: QuestionGenerator {
    public static let name = "http.method.idempotent"
    public static let summary = "Is this HTTP method idempotent?"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let traits = HTTPMethodTraits.all.randomElement(using: &random)!
        let answer = traits.idempotent ? "yes" : "no"
        let why =
            traits.idempotent
            ? "sending it twice leaves the server as sending it once"
                + (traits.safe ? " (it is even safe: read-only)" : "") + ", so a browser may resend it after a dropped connection"
            : "repeating it may repeat its effect (a second order), so a browser must not resend it by itself"
        return GeneratedQuestion(
            generator: name, prompt: "Is \(traits.method) idempotent?", answer: answer,
            accepted: traits.idempotent ? ["yes", "y", "true", "是"] : ["no", "n", "false", "否", "不是"],
            explanation: "\(traits.method): \(why). \(traits.section); idempotence is RFC 9110 §9.2.2.",
            demo: "http.methods --method \(traits.method) --scenario retry")
    }
}

/// Whether a method is safe (RFC 9110 §9.2.1).
public enum MethodSafeQuestion: QuestionGenerator {
    public static let name = "http.method.safe"
    public static let summary = "Is this HTTP method safe (read-only)?"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let traits = HTTPMethodTraits.all.randomElement(using: &random)!
        return GeneratedQuestion(
            generator: name, prompt: "Is \(traits.method) a safe method?", answer: traits.safe ? "yes" : "no",
            accepted: traits.safe ? ["yes", "y", "true", "是"] : ["no", "n", "false", "否", "不是"],
            explanation:
                "Safe means the client asks for no change on the server (RFC 9110 §9.2.1): GET, HEAD, OPTIONS "
                + "and TRACE. Safe methods may be prefetched and are all idempotent; \(traits.method) is "
                + (traits.safe ? "one of them." : "not."),
            demo: "http.methods --method \(traits.method)")
    }
}

/// The payload length of a chunked body (RFC 9112 §7.1), sizes in hex.
public enum ChunkedLengthQuestion: QuestionGenerator {
    public static let name = "http.chunked.length"
    public static let summary = "Octets of content in a chunked body (hex chunk sizes)"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let sizes = (0..<Int.random(in: 2...3, using: &random)).map { _ in Int.random(in: 10...40, using: &random) }
        let body = (0..<sizes.reduce(0, +)).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        let message = HTTP1Writer.serialize(
            .response(200, "OK", fields: []), body: body, framing: .chunked(chunkSizes: sizes, trailers: []))
        var parser = HTTP1Parser(role: .client)
        parser.requestSent(method: "GET")
        let total = parser.receive(message).reduce(0) { sum, action in
            if case .body(let bytes) = action { return sum + bytes.count }
            return sum
        }
        let text = String(decoding: message, as: UTF8.self)
        let wire = text[text.range(of: "\r\n\r\n")!.upperBound...]
            .split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.count > 12 ? "\($0.prefix(6))..." : String($0) }.joined(separator: "\\r\\n")
        let hexSizes = sizes.map { String($0, radix: 16) }
        return GeneratedQuestion(
            generator: name,
            prompt: "A response has Transfer-Encoding: chunked and this body (data abridged): \(wire). "
                + "How many octets of content does it carry?",
            answer: "\(total)", accepted: ["\(total)", "\(total) octets", "\(total) bytes"],
            explanation: "Chunk sizes are hex: " + zip(hexSizes, sizes).map { "\($0) = \($1)" }.joined(separator: ", ")
                + "; the 0 chunk ends the body (RFC 9112 §7.1). Total \(total).",
            demo: "http.message --chunked")
    }
}
