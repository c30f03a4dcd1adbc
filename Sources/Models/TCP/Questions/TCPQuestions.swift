import Basics

/// `tcp.reno.cwnd`: cwnd in a given round of Reno with scripted losses.
public enum RenoCwndQuestion: QuestionGenerator {
    public static let name = "tcp.reno.cwnd"
    public static let summary = "Reno's cwnd in transmission round k, given ssthresh and the losses"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let ssthresh = [8, 12, 16, 20, 32][TCPText.draw(0...4, &random)]
        let dupRound = TCPText.draw(6...12, &random)
        let timeoutRound = dupRound + TCPText.draw(3...6, &random)
        let asked = TCPText.draw((dupRound + 1)...(timeoutRound + 4), &random)
        let losses = [
            CongestionDemo.Loss(round: dupRound, signal: .duplicateACKs, count: 1),
            CongestionDemo.Loss(round: timeoutRound, signal: .timeout, count: 1),
        ]
        let parameters = CongestionDemo.Parameters(
            algorithm: .reno, rounds: asked, losses: losses, randomLoss: 0, initialWindow: 1, ssthresh: Double(ssthresh),
            perACK: false, inflate: false, rtt: 0.1)
        // Valid by construction: the model only throws for parameters a user could mistype.
        let trace = try! CongestionDemo.run(parameters, seed: seed)
        let cwnd = Int(trace.trace[asked - 1].cwnd)
        let cwnds = trace.trace.map { TCPText.number($0.cwnd) }
        let path = cwnds.joined(separator: ", ")
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: """
                    TCP Reno starts with cwnd = 1 MSS and ssthresh = \(ssthresh) MSS. The window sent in round \(dupRound) \
                    loses a segment, detected by three duplicate ACKs; the window of round \(timeoutRound) is lost to a \
                    timeout. What is cwnd (in MSS) in round \(asked)?
                    """,
                zh: """
                    TCP Reno 的拥塞窗口初始为 cwnd = 1 MSS，慢启动阈值 ssthresh = \(ssthresh) MSS。第 \(dupRound) 轮\
                    发送的窗口丢失了一个报文段，发送方通过三个重复 ACK 发现这次丢失；第 \(timeoutRound) 轮发送的窗口\
                    丢失并触发超时重传。第 \(asked) 轮的 cwnd 是多少（以 MSS 为单位）？
                    """),
            answer: String(cwnd),
            accepted: [
                String(cwnd), "\(cwnd) mss", "\(cwnd) segments", "\(cwnd)mss",
                "\(cwnd) 个 MSS", "\(cwnd)个MSS", "\(cwnd) 个报文段", "\(cwnd)个报文段",
            ],
            explanation: language.pick(
                en: """
                    Slow start doubles cwnd each round up to ssthresh, then congestion avoidance adds 1 per round. Three \
                    duplicate ACKs set ssthresh = cwnd/2 and, after fast recovery, cwnd = ssthresh (RFC 5681); a timeout \
                    sets ssthresh = cwnd/2 and cwnd = 1. Rounds 1 to \(asked): \(path).
                    """,
                zh: """
                    慢启动阶段 cwnd 每轮翻倍，直到达到 ssthresh；之后进入拥塞避免阶段，每轮加 1。收到三个重复 ACK 时，\
                    ssthresh = cwnd/2，快速恢复结束后 cwnd = ssthresh（RFC 5681）；发生超时则 ssthresh = cwnd/2，\
                    cwnd = 1。第 1 轮到第 \(asked) 轮的 cwnd 依次为：\(cwnds.joined(separator: "、"))。
                    """),
            demo:
                "tcp.congestion --algorithm reno --ssthresh \(ssthresh) --losses \(dupRound):dup,\(timeoutRound):timeout --rounds \(asked)"
        )
    }
}

/// `tcp.states.next`: the state after an event.
public enum StateAfterEventQuestion: QuestionGenerator {
    public static let name = "tcp.states.next"
    public static let summary = "the TCP state after event X in state Y"

    static let phrases: [TCPEvent: String] = [
        .passiveOpen: "the application calls listen() (passive open)",
        .activeOpen: "the application calls connect() (active open)",
        .send: "the application sends data, turning the listener into an active open",
        .close: "the application calls close()",
        .abort: "the application aborts the connection",
        .receiveSYN: "a SYN arrives",
        .receiveSYNACK: "a SYN+ACK acknowledging its SYN arrives",
        .receiveACK: "an ACK of its SYN or FIN arrives",
        .receiveFIN: "a FIN arrives",
        .receiveFINACK: "a FIN that also acknowledges its own FIN arrives",
        .receiveRST: "a RST arrives",
        .timeout: "the 2MSL timer expires",
    ]

    static let chinesePhrases: [TCPEvent: String] = [
        .passiveOpen: "应用调用 listen()（被动打开）",
        .activeOpen: "应用调用 connect()（主动打开）",
        .send: "应用发送数据，使监听套接字转为主动打开",
        .close: "应用调用 close()",
        .abort: "应用中止（abort）该连接",
        .receiveSYN: "收到一个 SYN",
        .receiveSYNACK: "收到确认本端 SYN 的 SYN+ACK",
        .receiveACK: "收到对本端 SYN 或 FIN 的 ACK",
        .receiveFIN: "收到一个 FIN",
        .receiveFINACK: "收到一个 FIN，且它同时确认了本端发出的 FIN",
        .receiveRST: "收到一个 RST",
        .timeout: "2MSL 定时器超时",
    ]

    /// `TCPStateMachine.Action`'s description, in Chinese.
    static func chineseAction(_ action: TCPStateMachine.Action) -> String {
        switch action {
        case .none: return "无"
        case .send(let flags): return "发送 \(flags)"
        case .startTimeWait(let flags): return (flags.map { "发送 \($0)，" } ?? "") + "启动 2MSL 定时器"
        case .restartTimeWait(let flags): return "发送 \(flags)，重启 2MSL 定时器"
        case .deleteTCB(let flags): return (flags.map { "发送 \($0)，" } ?? "") + "删除 TCB"
        }
    }

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        // Self-loops teach less; draw among the edges that change state.
        var edges: [(TCPState, TCPEvent, TCPStateMachine.Transition, Bool)] = []
        for state in TCPState.allCases {
            for event in TCPEvent.allCases {
                let passive = state == .synReceived
                if let transition = TCPStateMachine.transition(from: state, on: event, passive: passive), transition.to != state {
                    edges.append((state, event, transition, passive))
                }
            }
        }
        let (state, event, transition, passive) = edges[TCPText.draw(0...(edges.count - 1), &random)]
        let origin = state == .synReceived ? " (it came from a passive open)" : ""
        let chineseOrigin = state == .synReceived ? "（由被动打开而来）" : ""
        let returnsToListen = passive && event == .receiveRST
        var accepted = [transition.to.rawValue]
        if transition.to == .synReceived { accepted.append("SYN_RECEIVED") }
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "A TCP connection is in \(state)\(origin) and \(phrases[event]!). Which state does it enter?",
                zh: """
                    一个 TCP 连接处于 \(state) 状态\(chineseOrigin)，此时\(chinesePhrases[event]!)。\
                    它将进入哪个状态？
                    """),
            answer: transition.to.rawValue, accepted: accepted,
            explanation: language.pick(
                en: "RFC 9293 §3.3.2: \(state) --\(event)--> \(transition.to); action: \(transition.action)."
                    + (returnsToListen ? " A passive open returns to LISTEN." : ""),
                zh: """
                    RFC 9293 §3.3.2：\(state) --\(event)--> \(transition.to)；\
                    动作：\(chineseAction(transition.action))。\
                    \(returnsToListen ? "由被动打开而来的连接收到 RST 后回到 LISTEN。" : "")
                    """),
            demo: "tcp.states --from \(state.rawValue) --events \(event.rawValue)")
    }
}

/// `tcp.checksum.words`: the Internet checksum of a few 16-bit words.
public enum ChecksumWordsQuestion: QuestionGenerator {
    public static let name = "tcp.checksum.words"
    public static let summary = "the RFC 1071 checksum of given 16-bit words"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let count = TCPText.draw(3...4, &random)
        // At least one large word so that a carry has to be folded back.
        let words = (0..<count).map { index in
            UInt16(index == 0 ? TCPText.draw(0x8000...0xFFFF, &random) : TCPText.draw(0...0xFFFF, &random))
        }
        let sum = InternetChecksum.onesComplementSum(words)
        let checksum = TCPText.hex4(~sum)
        let list = words.map(TCPText.hex4).joined(separator: " ")
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "What is the Internet checksum (RFC 1071) of the 16-bit words \(list)? Answer in hex.",
                zh: "按 RFC 1071 计算 16 位字 \(list) 的 Internet 校验和，结果是多少？请用十六进制作答。"),
            answer: checksum, accepted: [checksum, "0x" + checksum],
            explanation: language.pick(
                en: "Add the words, adding each carry out of bit 15 back in: the sum is \(TCPText.hex4(sum)); "
                    + "the checksum is its one's complement, \(checksum).",
                zh: """
                    把各个字相加，第 15 位每产生一次进位就把它加回最低位（回卷）：和为 \(TCPText.hex4(sum))；\
                    校验和是这个和的反码（按位取反），即 \(checksum)。
                    """),
            demo: "tcp.checksum --words \(words.map(TCPText.hex4).joined(separator: ","))")
    }
}

/// `tcp.handshake.ack`: acknowledgement numbers after a handshake with given ISNs.
public enum HandshakeAckQuestion: QuestionGenerator {
    public static let name = "tcp.handshake.ack"
    public static let summary = "the acknowledgement numbers of a handshake with given ISNs"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let client = UInt32(truncatingIfNeeded: random.next() % 4_000_000_000)
        // Now and then an ISN at the top of the space, where ISN + 1 wraps to 0.
        let server: UInt32 = random.next() % 8 == 0 ? UInt32.max : UInt32(truncatingIfNeeded: random.next() % 4_000_000_000)
        let parameters = ConnectionParameters(
            clientISN: client, serverISN: server, rtt: 0.1, rto: 1, retries: 6, msl: 30, lose: [], loss: 0, simultaneous: false,
            abort: false, closeDelay: 0.2)
        // Valid by construction, as above.
        let trace = try! HandshakeDemo.run(parameters, seed: seed)
        let synAck = trace.trace.first { $0.segment?.label == "syn-ack" }!.segment!.ack!
        let finalAck = trace.trace.first { $0.segment?.label == "ack" }!.segment!.ack!
        let answer = "\(synAck), \(finalAck)"
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: """
                    A client with ISN \(client) connects to a server with ISN \(server). What acknowledgement number does \
                    the server's SYN+ACK carry, and what does the client's final ACK carry? (two numbers)
                    """,
                zh: """
                    初始序列号 ISN 为 \(client) 的客户端向 ISN 为 \(server) 的服务器发起连接。服务器的 SYN+ACK \
                    携带的确认号是多少？客户端最后一个 ACK 携带的确认号又是多少？（两个数）
                    """),
            answer: answer,
            accepted: [answer, "\(synAck),\(finalAck)", "\(synAck) \(finalAck)", "\(synAck)、\(finalAck)"],
            explanation: language.pick(
                en: "A SYN occupies one sequence number, so each side acknowledges the other's ISN + 1 "
                    + "(mod 2^32): \(client) + 1 = \(synAck), \(server) + 1 = \(finalAck).",
                zh: """
                    SYN 要占用一个序列号，所以双方确认的都是对方的 ISN + 1（模 2^32）：\
                    \(client) + 1 = \(synAck)，\(server) + 1 = \(finalAck)。
                    """),
            demo: "tcp.handshake --client-isn \(client) --server-isn \(server)")
    }
}

/// `tcp.rto.next`: RTO after one more RTT sample.
public enum RTONextQuestion: QuestionGenerator {
    public static let name = "tcp.rto.next"
    public static let summary = "RFC 6298's RTO after a new RTT sample"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        // Multiples of 8 and 4 keep every intermediate value a whole number of milliseconds.
        let srtt = 8 * TCPText.draw(25...100, &random)
        let rttvar = 4 * TCPText.draw(10...60, &random)
        let sample = 8 * TCPText.draw(15...150, &random)
        let newRTTVAR = (3 * rttvar + abs(srtt - sample)) / 4
        let newSRTT = (7 * srtt + sample) / 8
        let computed = newSRTT + 4 * newRTTVAR
        let rto = max(200, computed)
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: """
                    SRTT = \(srtt) ms and RTTVAR = \(rttvar) ms. A new RTT sample R = \(sample) ms arrives. Using RFC 6298 \
                    (alpha 1/8, beta 1/4, K 4, a 200 ms minimum as Linux uses), what is the new RTO in ms?
                    """,
                zh: """
                    当前 SRTT = \(srtt) ms，RTTVAR = \(rttvar) ms。此时得到一个新的 RTT 样本 R = \(sample) ms。\
                    按 RFC 6298 计算（alpha = 1/8，beta = 1/4，K = 4，并像 Linux 那样设 200 ms 下限），\
                    新的 RTO 是多少毫秒？
                    """),
            answer: String(rto), accepted: [String(rto), "\(rto) ms", "\(rto)ms", "\(rto) 毫秒", "\(rto)毫秒"],
            explanation: language.pick(
                en: """
                    RTTVAR = 3/4 × \(rttvar) + 1/4 × |\(srtt) − \(sample)| = \(newRTTVAR); SRTT = 7/8 × \(srtt) + 1/8 × \(sample) \
                    = \(newSRTT); RTO = SRTT + 4 × RTTVAR = \(computed)\(computed < 200 ? ", raised to 200" : "") ms.
                    """,
                zh: """
                    按 RFC 6298 依次更新：RTTVAR = 3/4 × \(rttvar) + 1/4 × |\(srtt) − \(sample)| = \(newRTTVAR)；\
                    SRTT = 7/8 × \(srtt) + 1/8 × \(sample) = \(newSRTT)；RTO = SRTT + 4 × RTTVAR = \(computed) ms\
                    \(computed < 200 ? "，低于 200 ms 下限，故取 200 ms" : "")。
                    """),
            demo: nil)
    }
}

/// `tcp.window.usable`: how much the sender may still send.
public enum UsableWindowQuestion: QuestionGenerator {
    public static let name = "tcp.window.usable"
    public static let summary = "bytes a sender may still send, from SND.UNA, SND.NXT and SND.WND"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let una = TCPText.draw(1000...90000, &random)
        let window = 1000 * TCPText.draw(2...16, &random)
        let inFlight = TCPText.draw(0...(window / 1000), &random) * 1000
        let nxt = una + inFlight
        let usable = una + window - nxt
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en:
                    "A sender has SND.UNA = \(una), SND.NXT = \(nxt) and the peer advertises a window of \(window) bytes. How many more bytes may it send now?",
                zh: """
                    发送方的 SND.UNA = \(una)，SND.NXT = \(nxt)，对端通告的窗口为 \(window) 字节。\
                    发送方现在还能再发送多少字节？
                    """),
            answer: String(usable), accepted: [String(usable), "\(usable) bytes", "\(usable) 字节", "\(usable)字节"],
            explanation: language.pick(
                en:
                    "Usable window = SND.UNA + SND.WND − SND.NXT = \(una) + \(window) − \(nxt) = \(usable) (RFC 9293 §3.8.6).",
                zh: """
                    可用窗口 = SND.UNA + SND.WND − SND.NXT = \(una) + \(window) − \(nxt) = \(usable)\
                    （RFC 9293 §3.8.6）。
                    """),
            demo: nil)
    }
}

/// `tcp.keepalive.detect`: how long keep-alive takes to notice a dead peer.
public enum KeepaliveDetectQuestion: QuestionGenerator {
    public static let name = "tcp.keepalive.detect"
    public static let summary = "seconds until keep-alive drops a connection to a vanished peer"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let time = [7200, 600, 60, 30][TCPText.draw(0...3, &random)]
        let interval = [75, 10, 5, 30][TCPText.draw(0...3, &random)]
        let probes = [9, 3, 5][TCPText.draw(0...2, &random)]
        let total = time + probes * interval
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: """
                    A Linux socket has SO_KEEPALIVE with tcp_keepalive_time = \(time) s, tcp_keepalive_intvl = \(interval) s and \
                    tcp_keepalive_probes = \(probes). The peer vanishes right after the last data. After how many seconds is \
                    the connection dropped?
                    """,
                zh: """
                    某 Linux 套接字开启了 SO_KEEPALIVE，tcp_keepalive_time = \(time) s，tcp_keepalive_intvl = \
                    \(interval) s，tcp_keepalive_probes = \(probes)。对端在最后一次数据传输后随即消失。\
                    从那时算起，连接会在多少秒后被断开？
                    """),
            answer: String(total),
            accepted: [String(total), "\(total) s", "\(total)s", "\(total) seconds", "\(total) 秒", "\(total)秒"],
            explanation: language.pick(
                en:
                    "The first probe goes out after \(time) s idle, then one every \(interval) s; after \(probes) unanswered "
                    + "probes and one more interval the connection is dropped: \(time) + \(probes) × \(interval) = \(total) s.",
                zh: """
                    连接空闲 \(time) s 后发出第一个保活探测，此后每隔 \(interval) s 发一个；\(probes) 个探测都没有\
                    应答，再过一个间隔后连接被断开：\(time) + \(probes) × \(interval) = \(total) s。
                    """),
            demo: "tcp.keepalive --time \(time) --intvl \(interval) --probes \(probes)")
    }
}

/// `tcp.timewait.end`: when TIME_WAIT ends after the last ACK is lost.
public enum TimeWaitEndQuestion: QuestionGenerator {
    public static let name = "tcp.timewait.end"
    public static let summary = "when TIME_WAIT ends after a retransmitted FIN restarts its timer"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let msl = [30, 60, 120][TCPText.draw(0...2, &random)]
        let rtt = 0.1 * Double(TCPText.draw(1...5, &random))
        let rto = Double(TCPText.draw(1...3, &random))
        let parameters = ConnectionParameters(
            clientISN: 1, serverISN: 1, rtt: rtt, rto: rto, retries: 6, msl: Double(msl), lose: ["last-ack"], loss: 0,
            simultaneous: false, abort: false, closeDelay: 0)
        // Valid by construction, as above.
        let trace = try! TeardownDemo.run(parameters, seed: seed)
        let entered = trace.trace.first { $0.side == .client && $0.state == .timeWait }!.time
        let end = trace.trace.last { $0.side == .client && $0.state == .closed }!.time
        let answer = TCPText.number(end - entered, digits: 3)
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: """
                    The client closes first; the server closes at once when the FIN arrives. MSL = \(msl) s, RTT = \
                    \(TCPText.number(rtt)) s, the server's RTO = \(TCPText.number(rto)) s. The client's last ACK is lost once. \
                    How many seconds after entering TIME_WAIT does the client reach CLOSED?
                    """,
                zh: """
                    客户端先关闭；服务器收到 FIN 后立即关闭。MSL = \(msl) s，RTT = \(TCPText.number(rtt)) s，服务器的 \
                    RTO = \(TCPText.number(rto)) s。客户端的最后一个 ACK 丢失了一次。\
                    客户端进入 TIME_WAIT 后，经过多少秒到达 CLOSED？
                    """),
            answer: answer, accepted: [answer, answer + " s", answer + "s", answer + " 秒", answer + "秒"],
            explanation: language.pick(
                en: """
                    The server retransmits its FIN one RTO after sending it; the FIN reaches the client \
                    \(TCPText.number(rto)) s after the client entered TIME_WAIT, and the client acknowledges it and restarts \
                    the 2MSL timer (RFC 9293 §3.10.7.4): \(TCPText.number(rto)) + 2 × \(msl) = \(answer) s.
                    """,
                zh: """
                    服务器发出 FIN 一个 RTO 之后超时重传该 FIN；重传的 FIN 在客户端进入 TIME_WAIT \
                    \(TCPText.number(rto)) s 后到达，客户端确认它并重启 2MSL 定时器（RFC 9293 §3.10.7.4）：\
                    \(TCPText.number(rto)) + 2 × \(msl) = \(answer) s。
                    """),
            demo:
                "tcp.teardown --lose last-ack --msl \(msl) --rtt \(TCPText.number(rtt)) --rto \(TCPText.number(rto)) --close-delay 0"
        )
    }
}

/// `tcp.framing.remaining`: what a length-prefix decoder keeps after a read.
public enum FramingRemainingQuestion: QuestionGenerator {
    public static let name = "tcp.framing.remaining"
    public static let summary = "complete messages and bytes left after a length-prefix decoder's read"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let lengths = (0..<3).map { _ in TCPText.draw(1...9, &random) }
        let messages = lengths.enumerated().map {
            String(repeating: String(UnicodeScalar(UInt8(97 + $0.offset))), count: $0.element)
        }
        let stream = LengthPrefixDecoder.encode(messages)
        let cut = TCPText.draw(1...(stream.count - 1), &random)
        var decoder = LengthPrefixDecoder()
        // Lengths below 10 never reach the decoder's limit.
        let step = try! decoder.feed(Array(stream[0..<cut]))
        let answer = "\(step.messages.count), \(step.remaining)"
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: """
                    Messages of \(lengths.map(String.init).joined(separator: ", ")) bytes are sent, each after a 2-byte length \
                    prefix. The receiver's first read returns the first \(cut) bytes of the stream. How many complete messages \
                    can it decode, and how many bytes stay in its buffer? (two numbers)
                    """,
                zh: """
                    发送方依次发送长度为 \(lengths.map(String.init).joined(separator: "、")) 字节的消息，\
                    每条消息前带 2 字节的长度前缀。接收方第一次读取得到字节流的前 \(cut) 个字节。\
                    它能解码出几条完整的消息？缓冲区中还剩多少字节？（两个数）
                    """),
            answer: answer,
            accepted: [
                answer, "\(step.messages.count),\(step.remaining)", "\(step.messages.count) \(step.remaining)",
                "\(step.messages.count)、\(step.remaining)",
            ],
            explanation: language.pick(
                en: """
                    Each message takes 2 + its length bytes: \(lengths.map { String($0 + 2) }.joined(separator: ", ")). \
                    The first \(cut) bytes hold \(step.messages.count) whole message(s) (\(step.consumed) bytes); \
                    the other \(step.remaining) wait for the next read.
                    """,
                zh: """
                    每条消息占 2 + 消息长度个字节：\(lengths.map { String($0 + 2) }.joined(separator: "、"))。\
                    前 \(cut) 个字节包含 \(step.messages.count) 条完整消息（共 \(step.consumed) 字节）；\
                    其余 \(step.remaining) 个字节等待下一次读取。
                    """),
            demo: "tcp.framing --framing length --messages \(messages.joined(separator: ",")) --cuts \(cut)")
    }
}
