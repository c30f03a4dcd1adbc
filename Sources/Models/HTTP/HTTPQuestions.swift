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
        let securityZh = tls == "none" ? "使用明文 TCP（不用 TLS）" : "使用 TLS \(tls)"
        let labelZh: String =
            switch version {
            case .http10: "HTTP/1.0"
            case .keepAlive: "HTTP/1.1 keep-alive（持久连接）"
            case .pipelining: "HTTP/1.1 pipelining（管线化）"
            case .http2: "HTTP/2"
            }
        let prompt: String = language.pick(
            en: "A page is one HTML file referencing \(objects) small objects; every response fits in one "
                + "TCP segment. RTT \(rtt) ms, \(security), one connection at a time. Counting from the first SYN, "
                + "how many RTTs until the last object has arrived over \(version.label)?",
            zh: "一个页面由一个 HTML 文件及其引用的 \(objects) 个小对象组成，每个响应都装得进一个 TCP 报文段。"
                + "RTT 为 \(rtt) ms，\(securityZh)，同一时刻只用一条连接，协议为 \(labelZh)。"
                + "从第一个 SYN 算起，要经过多少个 RTT 最后一个对象才到达？")
        let handshake = 1 + parameters.tlsRTTs
        let setup = tls == "none" ? "TCP handshake (1 RTT)" : "TCP + TLS \(tls) handshakes (\(handshake) RTT)"
        let setupZh = tls == "none" ? "TCP 握手（1 RTT）" : "TCP + TLS \(tls) 握手（\(handshake) RTT）"
        let explanation: String =
            switch version {
            case .http10:
                language.pick(
                    en: "Each of the \(objects + 1) objects needs its own connection: \(setup) "
                        + "plus 1 RTT for request and response, so \(objects + 1) × \(handshake + 1) = \(rtts) RTT.",
                    zh: "\(objects + 1) 个对象（连同 HTML）各需一条新连接：\(setupZh)，"
                        + "再加请求与响应的 1 RTT，所以 \(objects + 1) × \(handshake + 1) = \(rtts) RTT。")
            case .keepAlive:
                language.pick(
                    en: "One \(setup), 1 RTT for the HTML, then 1 RTT per object, one after "
                        + "the other: \(handshake) + 1 + \(objects) = \(rtts) RTT.",
                    zh: "先做一次 \(setupZh)，HTML 占 1 RTT，之后逐个请求对象，"
                        + "每个对象 1 RTT：\(handshake) + 1 + \(objects) = \(rtts) RTT。")
            case .pipelining, .http2:
                language.pick(
                    en: "One \(setup), 1 RTT for the HTML, then all \(objects) requests go "
                        + "out at once and their responses fit in one flight: \(rtts) RTT.",
                    zh: "先做一次 \(setupZh)，HTML 占 1 RTT，之后 \(objects) 个请求一齐发出，"
                        + "它们的响应在一轮之内全部到达：\(rtts) RTT。")
            }
        return GeneratedQuestion(
            generator: name, prompt: prompt, answer: "\(rtts) RTT (\(rtts * rtt) ms)",
            accepted: [
                "\(rtts)", "\(rtts) rtt", "\(rtts) rtts", "\(rtts * rtt) ms", "\(rtts * rtt)ms",
                "\(rtts) rtt (\(rtts * rtt) ms)", "\(rtts) 个 rtt", "\(rtts)个rtt", "\(rtts * rtt) 毫秒",
            ],
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
        let whatZh = field.value.isEmpty ? "首部名 “\(field.name)”" : "首部字段 “\(field.name): \(field.value)”"
        let octet = Hex.string([0x80 | UInt8(index)])
        let nameOctet = Hex.string([0x40 | UInt8(min(index, 63))])
        let continuation = index >= 63 ? " and a continuation octet" : ""
        let continuationZh = index >= 63 ? " 加一个后续字节" : " 这一个字节"
        let explanation: String =
            field.value.isEmpty
            ? language.pick(
                en: "Entry \(index) of RFC 7541 Appendix A carries the name only; a literal with incremental "
                    + "indexing names it with the single octet 0x\(nameOctet)\(continuation).",
                zh: "它是 RFC 7541 附录 A 的第 \(index) 项，只有名字没有值；带增量索引的字面量首部字段"
                    + "用 0x\(nameOctet)\(continuationZh)引用这个名字。")
            : language.pick(
                en: "Entry \(index) of RFC 7541 Appendix A; the whole field is then sent as one octet, 0x\(octet).",
                zh: "它是 RFC 7541 附录 A 的第 \(index) 项；于是整个字段只需发送一个字节：0x\(octet)。")
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "What is the index of \(what) in HPACK's static table?", zh: "\(whatZh) 在 HPACK 静态表中的索引是多少？"),
            answer: "\(index)", accepted: ["\(index)"], explanation: explanation, demo: "http2.hpack --requests 1")
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
        let padding = padLength.map { " with the PADDED flag set and a Pad Length of \($0)" } ?? " and no padding"
        let paddingZh = padLength.map { "，设置了 PADDED 标志，Pad Length 为 \($0)" } ?? "，不带填充"
        let prompt: String = language.pick(
            en: "An HTTP/2 DATA frame carries \(data) octets of data\(padding). "
                + "How many octets does the whole frame take on the wire?",
            zh: "一个 HTTP/2 DATA 帧携带 \(data) 字节数据\(paddingZh)。整个帧在线路上占多少字节？")
        let padded = padLength.map { "; PADDED adds the 1-octet Pad Length field and \($0) octets of padding" } ?? ""
        let paddedZh = padLength.map { "；PADDED 还要加上 1 字节的 Pad Length 字段和 \($0) 字节填充" } ?? ""
        let explanation: String = language.pick(
            en: "Every frame starts with a 9-octet header (length 24 bits, type, flags, R + 31-bit stream id)"
                + "\(padded): 9 + \(frame.payload.count) = \(total). The Length field says \(frame.payload.count).",
            zh: "每个帧都以 9 字节的帧首部开头（24 位长度、类型、标志、R 位 + 31 位流标识符）"
                + "\(paddedZh)：9 + \(frame.payload.count) = \(total)。Length 字段的值为 \(frame.payload.count)。")
        return GeneratedQuestion(
            generator: name, prompt: prompt, answer: "\(total)",
            accepted: ["\(total)", "\(total) octets", "\(total) bytes", "\(total) 字节", "\(total)字节"],
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
        let flagsZh = frame.flagNames.isEmpty ? "无标志" : "标志 " + frame.flagNames.joined(separator: "|")
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "An HTTP/2 frame header reads \(header) (hex). What type of frame is it?",
                zh: "某个 HTTP/2 帧的帧首部为 \(header)（十六进制）。这是什么类型的帧？"),
            answer: kind.name,
            accepted: [kind.name, "\(kind.rawValue)", "0x\(kind.rawValue)", "0x0\(kind.rawValue)"],
            explanation: language.pick(
                en: "Octets 1-3 are the length (\(frame.payload.count)), "
                    + "octet 4 the type (0x0\(kind.rawValue) = \(kind.name)), "
                    + "octet 5 the flags (\(flags)), the last 4 the stream (\(frame.stream)). RFC 9113 §6.",
                zh: "第 1 至 3 字节是长度（\(frame.payload.count)），第 4 字节是类型（0x0\(kind.rawValue) = \(kind.name)），"
                    + "第 5 字节是标志（\(flagsZh)），最后 4 字节是流标识符（\(frame.stream)）。RFC 9113 §6。"),
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
        let answer = traits.idempotent ? language.pick(en: "yes", zh: "是") : language.pick(en: "no", zh: "否")
        let why =
            traits.idempotent
            ? "sending it twice leaves the server as sending it once"
                + (traits.safe ? " (it is even safe: read-only)" : "") + ", so a browser may resend it after a dropped connection"
            : "repeating it may repeat its effect (a second order), so a browser must not resend it by itself"
        let whyZh: String =
            traits.idempotent
            ? "发送两次与发送一次对服务器的效果相同" + (traits.safe ? "（它甚至是安全的：只读）" : "")
                + "，所以连接断开后浏览器可以自动重发"
            : "重复发送可能重复产生效果（比如又下了一单），所以浏览器不得自行重发"
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(en: "Is \(traits.method) idempotent?", zh: "\(traits.method) 是幂等的吗？"),
            answer: answer,
            accepted: traits.idempotent
                ? ["yes", "y", "true", "是", "幂等"] : ["no", "n", "false", "否", "不是", "不幂等", "非幂等"],
            explanation: language.pick(
                en: "\(traits.method): \(why). \(traits.section); idempotence is RFC 9110 §9.2.2.",
                zh: "\(traits.method)：\(whyZh)。定义见 \(traits.section)；幂等性见 RFC 9110 §9.2.2。"),
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
        let verdict = traits.safe ? "one of them." : "not."
        let verdictZh = traits.safe ? "是其中之一。" : "不在其列。"
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(en: "Is \(traits.method) a safe method?", zh: "\(traits.method) 是安全方法吗？"),
            answer: traits.safe ? language.pick(en: "yes", zh: "是") : language.pick(en: "no", zh: "否"),
            accepted: traits.safe ? ["yes", "y", "true", "是", "安全"] : ["no", "n", "false", "否", "不是", "不安全"],
            explanation: language.pick(
                en: "Safe means the client asks for no change on the server (RFC 9110 §9.2.1): GET, HEAD, OPTIONS "
                    + "and TRACE. Safe methods may be prefetched and are all idempotent; "
                    + "\(traits.method) is \(verdict)",
                zh: "安全指客户端不要求服务器发生任何改变（RFC 9110 §9.2.1）：GET、HEAD、OPTIONS 和 TRACE。"
                    + "安全方法可以被预取，而且都是幂等的；\(traits.method) \(verdictZh)"),
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
        let chunks = zip(hexSizes, sizes).map { "\($0) = \($1)" }
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "A response has Transfer-Encoding: chunked and this body (data abridged): \(wire). "
                    + "How many octets of content does it carry?",
                zh: "某个响应带有 Transfer-Encoding: chunked，消息体如下（数据有删节）：\(wire)。"
                    + "它携带了多少字节的内容？"),
            answer: "\(total)",
            accepted: ["\(total)", "\(total) octets", "\(total) bytes", "\(total) 字节", "\(total)字节"],
            explanation: language.pick(
                en: "Chunk sizes are hex: \(chunks.joined(separator: ", "))"
                    + "; the 0 chunk ends the body (RFC 9112 §7.1). Total \(total).",
                zh: "块大小以十六进制表示：\(chunks.joined(separator: "，"))"
                    + "；大小为 0 的块标志消息体结束（RFC 9112 §7.1）。共 \(total) 字节。"),
            demo: "http.message --chunked")
    }
}
