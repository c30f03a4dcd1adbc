import Basics
import Demos
import Foundation
import Models

/// A deterministic corpus of mixed Chinese and English Markdown notes, for the search benchmark.
public enum SyntheticCorpus {
    static let english = """
        tcp udp segment handshake teardown congestion window sliding acknowledgement retransmission timeout \
        socket stream datagram buffer kernel packet frame router switch gateway latency bandwidth throughput \
        cookie session token certificate cipher handshake resolver cache record query response header body \
        pipelining multiplexing compression stream priority frame settings ping goaway server client proxy \
        gossip rumor epidemic membership failure detector heartbeat fanout round convergence anti-entropy
        """.split(separator: " ").map(String.init)
    static let chinese = """
        三次握手 四次挥手 拥塞控制 慢启动 快重传 快恢复 滑动窗口 流量控制 粘包 拆包 超时重传 序列号 确认号 \
        长连接 短连接 队头阻塞 多路复用 头部压缩 对称加密 非对称加密 证书链 会话 单点登录 跨站请求伪造 \
        域名解析 路由器 交换机 网关 数据包 报文 协议栈 网卡 缓冲区 内核 可靠传输 连接管理 状态机 定时器
        """.split(separator: " ").map(String.init)

    /// A vocabulary with a long tail, as real notes have: the networking terms above plus
    /// thousands of made-up English words and Chinese two-character words, drawn by a Zipf-like
    /// rule so that a few words are everywhere and most are rare.
    struct Vocabulary {
        var english: [String]
        var chinese: [String]

        init(seed: UInt64) {
            var random = SplitMix64(seed: seed)
            let syllables = [
                "ka", "lo", "ti", "ser", "an", "mo", "ve", "ri", "tu", "pel", "con", "dra", "ix", "nu", "sta", "ber",
            ]
            // The networking terms go after the commonest made-up words, so that each of them is
            // in a few percent of sections, as in real notes, not in every one.
            var english: [String] = []
            while english.count < 20_000 {
                let count = 2 + Int(random.next() % 3)
                english.append((0..<count).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined())
            }
            var chinese: [String] = []
            let characters = Array(
                "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
            )
            while chinese.count < 8_000 {
                let first = characters[Int(random.next() % UInt64(characters.count))]
                let second = characters[Int(random.next() % UInt64(characters.count))]
                chinese.append(String([first, second]))
            }
            english.insert(contentsOf: SyntheticCorpus.english, at: 300)
            chinese.insert(contentsOf: SyntheticCorpus.chinese, at: 300)
            self.english = english
            self.chinese = chinese
        }

        /// Index by a Zipf-like law: small indices (the real terms first) are common.
        static func zipf(_ count: Int, _ random: inout SplitMix64) -> Int {
            let u = Double(random.next() >> 11) / Double(1 << 53)
            return min(count - 1, Int(pow(Double(count), u)) - 1)
        }
    }

    /// Writes `files` notes under `directory` until about `totalBytes` are written.
    /// - Returns: the bytes written.
    public static func write(files: Int, totalBytes: Int, to directory: URL, seed: UInt64) throws -> Int {
        var random = SplitMix64(seed: seed)
        let vocabulary = Vocabulary(seed: seed &+ 1)
        let perFile = max(totalBytes / max(files, 1), 1024)
        var written = 0
        for index in 0..<files {
            var text =
                "---\nid: bench.n\(index)\ntitle: Note \(index)\n---\n# \(pick(english, &random)) \(pick(chinese, &random)) \(index)\n\n"
            var section = 0
            while text.utf8.count < perFile {
                section += 1
                if section % 4 == 0 {
                    text += "## \(pick(chinese, &random))\(pick(chinese, &random))？\n\n"
                } else {
                    text += "## \(pick(english, &random)) \(pick(english, &random)) \(section)\n\n"
                }
                for _ in 0..<6 {
                    text += sentence(vocabulary, &random) + "\n"
                }
                text +=
                    "\n- \(pick(english, &random)) :: \(pick(chinese, &random))\n- \(pick(chinese, &random))的\(pick(chinese, &random))\n\n"
            }
            let folder = directory.appendingPathComponent("d\(index % 50)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let data = Data(text.utf8)
            try data.write(to: folder.appendingPathComponent("note-\(index).md"))
            written += data.count
        }
        return written
    }

    private static func sentence(_ vocabulary: Vocabulary, _ random: inout SplitMix64) -> String {
        var words: [String] = []
        let chinese = random.next() % 2 == 0
        for _ in 0..<(8 + Int(random.next() % 10)) {
            if chinese {
                let word = vocabulary.chinese[Vocabulary.zipf(vocabulary.chinese.count, &random)]
                words.append(word + (random.next() % 3 == 0 ? "和" : "的"))
            } else {
                words.append(vocabulary.english[Vocabulary.zipf(vocabulary.english.count, &random)])
            }
        }
        return chinese ? words.joined() + "。" : words.joined(separator: " ") + "."
    }

    private static func pick(_ words: [String], _ random: inout SplitMix64) -> String {
        words[Int(random.next() % UInt64(words.count))]
    }
}
