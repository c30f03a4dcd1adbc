import Basics

/// An IPv4 subnet in CIDR notation (RFC 4632): an address and a prefix length, with the
/// network and broadcast addresses and the host range they imply.
public struct IPv4Subnet: Sendable, Equatable, Codable {
    /// The address as written, host bits included (`192.168.10.77` of `192.168.10.77/26`).
    public var address: UInt32
    /// Network bits, 0 ... 32.
    public var prefix: Int

    public init(address: UInt32, prefix: Int) {
        precondition((0...32).contains(prefix), "an IPv4 prefix is 0 to 32 bits")
        self.address = address
        self.prefix = prefix
    }

    /// The mask with `prefix` leading ones (`/26` = 255.255.255.192).
    public var mask: UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }
    public var network: UInt32 { address & mask }
    public var broadcast: UInt32 { network | ~mask }

    /// Addresses that can be given to hosts: all but the network and broadcast addresses, except
    /// on /31 (both usable on a point-to-point link, RFC 3021) and /32 (one host).
    public var usableHosts: UInt64 {
        switch prefix {
        case 32: return 1
        case 31: return 2
        default: return (UInt64(1) << UInt64(32 - prefix)) - 2
        }
    }

    public var firstHost: UInt32 { prefix >= 31 ? network : network + 1 }
    public var lastHost: UInt32 { prefix >= 31 ? broadcast : broadcast - 1 }

    /// The classful class the first octet would have had before CIDR (RFC 791): A, B, C, D
    /// (multicast) or E (reserved).
    public var historicalClass: Character {
        switch address >> 24 {
        case 0..<128: return "A"
        case 128..<192: return "B"
        case 192..<224: return "C"
        case 224..<240: return "D"
        default: return "E"
        }
    }

    /// Dotted decimal.
    public static func format(_ address: UInt32) -> String {
        [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }

    /// Reads `a.b.c.d`; nil for anything else.
    public static func parse(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isNumber), let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }
}

/// `ip.subnet`: subnet arithmetic on a random address and prefix: the network address, the
/// broadcast address or the number of usable hosts.
public enum SubnetQuestion: QuestionGenerator {
    public static let name = "ip.subnet"
    public static let summary = "Network address, broadcast address or usable hosts of a random CIDR subnet"

    public static func generate(seed: UInt64, language: Language) -> GeneratedQuestion {
        var random = SplitMix64(seed: seed)
        // Private ranges, as in interview questions: 10/8, 172.16/12, 192.168/16.
        let bases: [(UInt32, UInt32)] = [(0x0A00_0000, 0x00FF_FFFF), (0xAC10_0000, 0x000F_FFFF), (0xC0A8_0000, 0x0000_FFFF)]
        let (base, span) = bases[Int(random.next() % UInt64(bases.count))]
        let address = base | UInt32(truncatingIfNeeded: random.next()) & span
        let prefix = 16 + Int(random.next() % 15)  // /16 ... /30
        let subnet = IPv4Subnet(address: address, prefix: prefix)
        let written = "\(IPv4Subnet.format(address))/\(prefix)"
        let mask = IPv4Subnet.format(subnet.mask)
        switch random.next() % 3 {
        case 0:
            let answer = IPv4Subnet.format(subnet.network)
            return GeneratedQuestion(
                generator: name,
                prompt: language.pick(
                    en: "What is the network address of \(written)?", zh: "\(written) 的网络地址是什么？"),
                answer: answer, accepted: [answer, "\(answer)/\(prefix)"],
                explanation: language.pick(
                    en: "The /\(prefix) mask is \(mask); the address AND the mask keeps the network bits: \(answer).",
                    zh: "/\(prefix) 的子网掩码是 \(mask)；地址与掩码按位与（AND），保留网络位：\(answer)。"),
                demo: nil)
        case 1:
            let answer = IPv4Subnet.format(subnet.broadcast)
            let network = IPv4Subnet.format(subnet.network)
            return GeneratedQuestion(
                generator: name,
                prompt: language.pick(
                    en: "What is the broadcast address of \(written)?", zh: "\(written) 的广播地址是什么？"),
                answer: answer, accepted: [answer],
                explanation: language.pick(
                    en: "The network is \(network); setting all \(32 - prefix) host bits to 1 gives \(answer).",
                    zh: "网络地址是 \(network)；把全部 \(32 - prefix) 个主机位置 1，得到 \(answer)。"),
                demo: nil)
        default:
            let answer = "\(subnet.usableHosts)"
            let first = IPv4Subnet.format(subnet.firstHost)
            let last = IPv4Subnet.format(subnet.lastHost)
            return GeneratedQuestion(
                generator: name,
                prompt: language.pick(
                    en: "How many usable host addresses does \(written) have?", zh: "\(written) 有多少个可用主机地址？"),
                answer: answer, accepted: [answer, "\(answer) 个", "\(answer)个"],
                explanation: language.pick(
                    en: "2^\(32 - prefix) addresses, less the network and the broadcast address: "
                        + "\(subnet.usableHosts), from \(first) to \(last).",
                    zh: "共 2^\(32 - prefix) 个地址，去掉网络地址和广播地址，可用 \(subnet.usableHosts) 个，"
                        + "从 \(first) 到 \(last)。"),
                demo: nil)
        }
    }
}
