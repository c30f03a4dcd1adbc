import Foundation
import Models

/// A deterministic corpus of mixed Chinese and English Markdown notes, for the search benchmark.
enum SyntheticCorpus {
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

    /// Writes `files` notes under `directory` until about `totalBytes` are written.
    /// - Returns: the bytes written.
    static func write(files: Int, totalBytes: Int, to directory: URL, seed: UInt64) throws -> Int {
        var random = SplitMix64(seed: seed)
        let perFile = max(totalBytes / max(files, 1), 1024)
        var written = 0
        for index in 0..<files {
            var text = "---\nid: bench.n\(index)\ntitle: Note \(index)\n---\n# \(pick(english, &random)) \(pick(chinese, &random)) \(index)\n\n"
            var section = 0
            while text.utf8.count < perFile {
                section += 1
                if section % 4 == 0 {
                    text += "## \(pick(chinese, &random))\(pick(chinese, &random))？\n\n"
                } else {
                    text += "## \(pick(english, &random)) \(pick(english, &random)) \(section)\n\n"
                }
                for _ in 0..<6 {
                    text += sentence(&random) + "\n"
                }
                text += "\n- \(pick(english, &random)) :: \(pick(chinese, &random))\n- \(pick(chinese, &random))的\(pick(chinese, &random))\n\n"
            }
            let folder = directory.appendingPathComponent("d\(index % 50)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let data = Data(text.utf8)
            try data.write(to: folder.appendingPathComponent("note-\(index).md"))
            written += data.count
        }
        return written
    }

    private static func sentence(_ random: inout SplitMix64) -> String {
        var words: [String] = []
        let chinese = random.next() % 2 == 0
        for _ in 0..<(8 + Int(random.next() % 10)) {
            if chinese {
                words.append(pick(Self.chinese, &random) + (random.next() % 3 == 0 ? "和" : "的"))
            } else {
                words.append(pick(english, &random))
            }
        }
        return chinese ? words.joined() + "。" : words.joined(separator: " ") + "."
    }

    private static func pick(_ words: [String], _ random: inout SplitMix64) -> String {
        words[Int(random.next() % UInt64(words.count))]
    }
}
