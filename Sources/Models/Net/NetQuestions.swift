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
        let explanation =
            cached
            ? "The entry is still fresh (\(elapsed) s < \(ttl) s), so the resolver answers from its cache and "
                + "counts the TTL down: \(ttl) - \(elapsed) = \(answer) (RFC 1035 §4.1.3, §7.4)."
            : "The entry expired at \(ttl) s, so the resolver asks the authoritative server again and passes on "
                + "the record with its full TTL, \(ttl)."
        return GeneratedQuestion(
            generator: name,
            prompt: "A recursive resolver caches an A record whose TTL is \(ttl) s. \(elapsed) s later a stub asks "
                + "for the same name. What TTL does the answer the stub gets carry (in seconds)?",
            answer: "\(answer)", accepted: ["\(answer)", "\(answer) s", "\(answer)s"], explanation: explanation,
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
        let explanation =
            hit
            ? "The entry learnt at \(learnt) s lives until \(learnt + timeout) s; at \(later) s it is still there, "
                + "so the frame goes straight to the cached MAC with no ARP traffic."
            : "The entry learnt at \(learnt) s expired at \(learnt + timeout) s; at \(later) s the host broadcasts "
                + "a who-has request to ff:ff:ff:ff:ff:ff and waits for the unicast reply (RFC 826)."
        return GeneratedQuestion(
            generator: name,
            prompt: "A host learnt the gateway's MAC by ARP at t = \(learnt) s; its ARP entries live \(timeout) s "
                + "and nothing refreshed this one. At t = \(later) s it sends a packet to the gateway. Cache hit, "
                + "or broadcast request?",
            answer: hit ? "cache hit" : "broadcast request",
            accepted: hit
                ? ["cache hit", "hit", "cache"] : ["broadcast request", "request", "broadcast", "miss", "arp request"],
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
        return GeneratedQuestion(
            generator: name,
            prompt: "An HTTP request of \(size) bytes is sent over Ethernet with an MTU of \(mtu) (IPv4 and TCP "
                + "headers without options). How many bytes of TCP, IPv4 and Ethernet headers and FCS do its "
                + "frames carry in all?",
            answer: "\(overhead)", accepted: ["\(overhead)", "\(overhead) b", "\(overhead) bytes"],
            explanation: "MSS = \(mtu) - 20 - 20 = \(mss), so \(size) bytes take \(segments) segment"
                + (segments == 1 ? "" : "s") + "; each carries TCP 20 + IPv4 20 + Ethernet 14 + FCS 4 = 58 bytes: "
                + "\(segments) x 58 = \(overhead).",
            demo: "net.encapsulation --body \(size) --mtu \(mtu)")
    }
}
