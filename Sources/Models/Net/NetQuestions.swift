import Basics

/// `dns.cache.ttl`: the TTL a cached answer carries t seconds later, or a fresh one after expiry.
public enum DNSCacheTTLQuestion: QuestionGenerator {
    public static let name = "dns.cache.ttl"
    public static let summary = "TTL of a DNS answer served from a resolver's cache, or refetched after expiry"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let ttls = [30, 60, 120, 300, 600, 3600]
        let ttl = ttls[Int(random.next() % UInt64(ttls.count))]
        // Half the time before expiry, half after.
        let elapsed = random.next() % 2 == 0 ? Int(random.next() % UInt64(ttl)) : ttl + Int(random.next() % UInt64(ttl))
        let cached = elapsed < ttl
        let answer = cached ? ttl - elapsed : ttl
        let explanation: String =
            cached
            ? language.pick(
                en: "The entry is still fresh (\(elapsed) s < \(ttl) s), so the resolver answers from its cache and "
                    + "counts the TTL down: \(ttl) - \(elapsed) = \(answer) (RFC 1035 §4.1.3, §7.4).",
                zh: "该缓存条目仍未过期（\(elapsed) s < \(ttl) s），所以解析器直接用缓存应答，"
                    + "并把 TTL 递减：\(ttl) - \(elapsed) = \(answer)（RFC 1035 §4.1.3、§7.4）。")
            : language.pick(
                en: "The entry expired at \(ttl) s, so the resolver asks the authoritative server again and passes on "
                    + "the record with its full TTL, \(ttl).",
                zh: "该缓存条目在 \(ttl) s 时已过期，所以解析器重新向权威服务器查询，"
                    + "并把记录连同完整的 TTL（\(ttl)）转交给存根解析器。")
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "A recursive resolver caches an A record whose TTL is \(ttl) s. \(elapsed) s later a stub asks "
                    + "for the same name. What TTL does the answer the stub gets carry (in seconds)?",
                zh: "递归解析器缓存了一条 TTL 为 \(ttl) 秒的 A 记录。\(elapsed) 秒后，存根解析器（stub）查询同一个域名。"
                    + "它收到的应答中 TTL 是多少（单位：秒）？"),
            answer: "\(answer)", accepted: ["\(answer)", "\(answer) s", "\(answer)s", "\(answer) 秒", "\(answer)秒"],
            explanation: explanation,
            demo: "dns.resolve --name api.example.com --lookups 0,30,90")
    }
}

/// `arp.cache.hit`: whether a send finds the ARP entry or has to broadcast a request.
public enum ARPCacheHitQuestion: QuestionGenerator {
    public static let name = "arp.cache.hit"
    public static let summary = "ARP cache hit or broadcast request, given when the entry was learnt"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let timeouts = [20, 30, 60, 120, 300]
        let timeout = timeouts[Int(random.next() % UInt64(timeouts.count))]
        let learnt = Int(random.next() % 50)
        let later = learnt + 1 + Int(random.next() % UInt64(2 * timeout))
        let hit = later - learnt < timeout
        let explanation: String =
            hit
            ? language.pick(
                en: "The entry learnt at \(learnt) s lives until \(learnt + timeout) s; "
                    + "at \(later) s it is still there, so the frame goes straight to the cached MAC "
                    + "with no ARP traffic.",
                zh: "在 \(learnt) s 学到的表项有效到 \(learnt + timeout) s；\(later) s 时它仍在缓存中，"
                    + "所以帧直接发往缓存的 MAC 地址，不产生任何 ARP 流量。")
            : language.pick(
                en: "The entry learnt at \(learnt) s expired at \(learnt + timeout) s; "
                    + "at \(later) s the host broadcasts a who-has request to ff:ff:ff:ff:ff:ff "
                    + "and waits for the unicast reply (RFC 826).",
                zh: "在 \(learnt) s 学到的表项已于 \(learnt + timeout) s 过期；\(later) s 时主机向 ff:ff:ff:ff:ff:ff "
                    + "广播 who-has 请求，并等待单播应答（RFC 826）。")
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "A host learnt the gateway's MAC by ARP at t = \(learnt) s; its ARP entries live \(timeout) s "
                    + "and nothing refreshed this one. At t = \(later) s it sends a packet to the gateway. Cache hit, "
                    + "or broadcast request?",
                zh: "主机在 t = \(learnt) s 时通过 ARP 得知网关的 MAC 地址；它的 ARP 表项存活 \(timeout) s，"
                    + "且这一项此后没有被刷新。t = \(later) s 时它向网关发送一个分组。是缓存命中，还是广播请求？"),
            answer: hit
                ? language.pick(en: "cache hit", zh: "缓存命中") : language.pick(en: "broadcast request", zh: "广播请求"),
            accepted: hit
                ? ["cache hit", "hit", "cache", "缓存命中", "命中"]
                : [
                    "broadcast request", "request", "broadcast", "miss", "arp request", "广播请求", "广播", "未命中",
                    "arp 请求", "arp请求", "广播 arp 请求", "广播arp请求",
                ],
            explanation: explanation,
            demo: "arp --timeout \(timeout) --sends \(learnt),\(later) --failover none")
    }
}

/// `net.overhead`: header bytes the layers below HTTP add to a request.
public enum OverheadBytesQuestion: QuestionGenerator {
    public static let name = "net.overhead"
    public static let summary = "Header bytes TCP, IPv4 and Ethernet add to an HTTP message, by MSS"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        let mtus = [1500, 576, 9000]
        let mtu = mtus[Int(random.next() % UInt64(mtus.count))]
        let mss = mtu - 40
        let size = 100 + Int(random.next() % UInt64(4 * mss))
        let segments = (size + mss - 1) / mss
        let overhead = segments * (20 + 20 + 14 + 4)
        let plural = segments == 1 ? "" : "s"
        return GeneratedQuestion(
            generator: name,
            prompt: language.pick(
                en: "An HTTP request of \(size) bytes is sent over Ethernet with an MTU of \(mtu) (IPv4 and TCP "
                    + "headers without options). How many bytes of TCP, IPv4 and Ethernet headers and FCS do its "
                    + "frames carry in all?",
                zh: "一个 \(size) 字节的 HTTP 请求经 MTU 为 \(mtu) 的以太网发送（IPv4 和 TCP 首部均不带选项）。"
                    + "它的各个帧总共携带多少字节的 TCP、IPv4、以太网首部和 FCS？"),
            answer: "\(overhead)",
            accepted: ["\(overhead)", "\(overhead) b", "\(overhead) bytes", "\(overhead) 字节", "\(overhead)字节"],
            explanation: language.pick(
                en: "MSS = \(mtu) - 20 - 20 = \(mss), so \(size) bytes take \(segments) segment"
                    + "\(plural); each carries TCP 20 + IPv4 20 + Ethernet 14 + FCS 4 = 58 bytes: "
                    + "\(segments) x 58 = \(overhead).",
                zh: "MSS = \(mtu) - 20 - 20 = \(mss)，所以 \(size) 字节要分成 \(segments) 个报文段；"
                    + "每段携带 TCP 20 + IPv4 20 + 以太网 14 + FCS 4 = 58 字节："
                    + "\(segments) x 58 = \(overhead)。"),
            demo: "net.encapsulation --body \(size) --mtu \(mtu)")
    }
}
