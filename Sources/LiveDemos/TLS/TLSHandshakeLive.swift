import ArgumentParser
import Basics
import Demos
import Foundation
import Models
import NIOCore
import NIOPosix
import NIOSSL

/// `tls.handshake --live`: a real TLS handshake on 127.0.0.1 between a SwiftNIO SSL server and
/// client in this process, with a certificate chain made on the spot. The client's raw bytes are
/// tapped below the TLS handler, so the records on the wire are shown as they passed, and the
/// negotiated cipher suite is read from the ServerHello itself (RFC 8446 §4.1.3).
public enum TLSHandshakeLive: LiveDemo {
    public static let name = "tls.handshake"
    public static let summary = "a real TLS handshake on 127.0.0.1 (SwiftNIO SSL), chain made on the spot"

    /// What one live run saw.
    public struct Report: Codable, Sendable, Equatable {
        public var port: Int
        public var version: String
        public var cipherSuite: String
        /// The key exchange group from the ServerHello's key_share (TLS 1.3 only).
        public var keyShareGroup: String?
        public var chain: [String]
        /// The peer's leaf certificate is the one made for this run.
        public var leafMatches: Bool
        public var records: [TLSWireRecord]
        public var reply: String
        /// `openssl s_client` against the same server, when asked for and installed.
        public var openssl: OpenSSLProbe.Result?
    }

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("The highest TLS version the client offers: 1.2 or 1.3.", valueName: "v"))
        var version = "1.3"
        @Flag(help: "Also connect with `openssl s_client`, when installed, and compare.")
        var openssl = false

        public init() {}
    }

    public static func run(options: Options, json: Bool, style: RenderStyle) async throws -> String {
        guard let maximum = ["1.2": TLSVersion.tlsv12, "1.3": TLSVersion.tlsv13][options.version] else {
            throw DemoError.badOption("--version takes 1.2 or 1.3")
        }
        let withOpenSSL = options.openssl
        let report = try await handshake(maximumVersion: maximum, probeOpenSSL: withOpenSSL)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(report), as: UTF8.self)
        }
        return render(report, style: style)
    }

    /// Runs the server and the client once (and `openssl s_client` if asked), then shuts down.
    public static func handshake(maximumVersion: TLSVersion, probeOpenSSL: Bool) async throws -> Report {
        let pki = try LoopbackPKI.make()
        let server = try await TLSLoopbackServer.start(pki: pki, maximumVersion: maximumVersion)
        do {
            var report = try await runClient(pki: pki, port: server.port, maximumVersion: maximumVersion)
            if probeOpenSSL {
                report.openssl = try await OpenSSLProbe.run(
                    port: server.port, rootPEM: pki.rootPEM, version: maximumVersion == .tlsv13 ? "1.3" : "1.2")
            }
            try await server.stop()
            return report
        } catch {
            try? await server.stop()
            throw error
        }
    }

    static func runClient(pki: LoopbackPKI, port: Int, maximumVersion: TLSVersion) async throws -> Report {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(pki.rootPEM.utf8), format: .pem)])
        configuration.maximumTLSVersion = maximumVersion
        configuration.minimumTLSVersion = .tlsv12
        let context = try NIOSSLContext(configuration: configuration)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let tap = WireTap()
        let promise = group.next().makePromise(of: ClientResult.self)
        do {
            let channel = try await ClientBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(WireTapHandler(tap: tap))
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: context, serverHostname: "localhost"))
                        try channel.pipeline.syncOperations.addHandler(RequestHandler(promise: promise))
                    }
                }
                .connect(host: "127.0.0.1", port: port).get()
            channel.eventLoop.scheduleTask(in: .seconds(5)) {
                promise.fail(DemoError.impossible("the TLS handshake on 127.0.0.1 took longer than 5 s"))
            }
            let result = try await promise.futureResult.get()
            try? await channel.close().get()
            try await group.shutdownGracefully()
            let records = tap.records()
            let negotiated = TLSWireRecord.negotiated(records: records, fallback: result.version)
            return Report(
                port: port, version: negotiated.version, cipherSuite: negotiated.suite, keyShareGroup: negotiated.group,
                chain: pki.chainSubjects,
                leafMatches: result.peerLeaf == pki.leafDER, records: records, reply: result.reply, openssl: nil)
        } catch {
            promise.fail(error)
            try? await group.shutdownGracefully()
            throw error
        }
    }

    static func render(_ report: Report, style: RenderStyle) -> String {
        var lines = [
            "Live TLS on 127.0.0.1:\(report.port) (SwiftNIO SSL, BoringSSL); chain made on the spot",
            "",
            " client                                                         server",
        ]
        for record in report.records {
            let text = "\(record.contentType): \(record.summary) (\(record.length) bytes)"
            let shown = text.count > 58 ? String(text.prefix(55)) + "..." : text
            if record.direction == "client->server" {
                lines.append("   |-- " + (shown + " ").padding(toLength: 58, withPad: "-", startingAt: 0) + ">|")
            } else {
                lines.append("   |<" + String(repeating: "-", count: max(0, 58 - shown.count)) + " " + shown + " -|")
            }
        }
        lines.append("")
        let bold = Paint(style).bold
        lines.append(bold("negotiated: \(report.version), \(report.cipherSuite)"))
        lines.append(
            "key share:  " + (report.keyShareGroup ?? "in ServerKeyExchange (TLS 1.2)")
                + "; both read from the ServerHello bytes")
        for (index, subject) in report.chain.enumerated() {
            lines.append((index == 0 ? "chain:      " : "        <-  ") + subject)
        }
        lines.append(
            "verified:   by BoringSSL, trusting only the new root; "
                + (report.leafMatches ? "leaf matches" : "LEAF DIFFERS"))
        let parts = report.reply.components(separatedBy: "\r\n")
        let status = parts.first ?? ""
        let body = (parts.last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        lines.append(String(("reply:      " + status + " / " + body).prefix(80)))
        if let probe = report.openssl {
            lines.append(String(("openssl:    " + probe.summary).prefix(80)))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

struct ClientResult: Sendable {
    var version: String
    var reply: String
    var peerLeaf: [UInt8]
}

/// Sends one request once the channel is up (NIO SSL holds it until the handshake is done) and
/// reports the handshake's results with the reply.
final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private let promise: EventLoopPromise<ClientResult>
    private var version = "?"
    private var peerLeaf: [UInt8] = []

    init(promise: EventLoopPromise<ClientResult>) {
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        let request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: request)), promise: nil)
        context.fireChannelActive()
    }

    /// Application data arrives only after the handshake, so its results are there to read.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if let tls = try? context.pipeline.syncOperations.nioSSL_tlsVersion() { version = "\(tls)" }
        if let leaf = try? context.pipeline.syncOperations.nioSSL_peerCertificate() {
            peerLeaf = (try? leaf.toDERBytes()) ?? []
        }
        promise.succeed(ClientResult(version: version, reply: String(buffer: buffer), peerLeaf: peerLeaf))
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        promise.fail(error)
        context.close(promise: nil)
    }
}

/// Records the raw bytes in both directions, below the TLS handler.
final class WireTap: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [(outbound: Bool, bytes: [UInt8])] = []

    func add(outbound: Bool, _ bytes: [UInt8]) {
        lock.withLock { chunks.append((outbound, bytes)) }
    }

    /// Splits each direction's byte stream into records (RFC 8446 §5.1), in the order the
    /// chunks passed.
    func records() -> [TLSWireRecord] {
        let chunks = lock.withLock { self.chunks }
        var pending: [Bool: [UInt8]] = [true: [], false: []]
        var out: [TLSWireRecord] = []
        var encrypted: [Bool: Bool] = [true: false, false: false]
        for chunk in chunks {
            pending[chunk.outbound]! += chunk.bytes
            while let buffer = pending[chunk.outbound], buffer.count >= 5 {
                let length = Int(buffer[3]) << 8 | Int(buffer[4])
                guard buffer.count >= 5 + length else { break }
                let record = Array(buffer[0..<(5 + length)])
                pending[chunk.outbound] = Array(buffer[(5 + length)...])
                let parsed = TLSWireRecord(
                    record: record, outbound: chunk.outbound, afterChangeCipherSpec: encrypted[chunk.outbound]!)
                if record[0] == 20 { encrypted[chunk.outbound] = true }
                out.append(parsed)
            }
        }
        return out
    }
}

final class WireTapHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private let tap: WireTap

    init(tap: WireTap) {
        self.tap = tap
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        tap.add(outbound: false, Array(buffer.readableBytesView))
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let buffer = unwrapOutboundIn(data)
        tap.add(outbound: true, Array(buffer.readableBytesView))
        context.write(data, promise: promise)
    }
}

/// One TLS record seen on the wire.
public struct TLSWireRecord: Codable, Sendable, Equatable {
    public var direction: String
    public var contentType: String
    /// The handshake messages inside, when the record is plaintext; `encrypted` otherwise.
    public var summary: String
    public var length: Int
    /// The first bytes of the record, hex (all of it for plaintext hello messages).
    public var bytes: String

    init(record: [UInt8], outbound: Bool, afterChangeCipherSpec: Bool) {
        direction = outbound ? "client->server" : "server->client"
        length = record.count
        let body = Array(record.dropFirst(5))
        let types: [UInt8: String] = [20: "change_cipher_spec", 21: "alert", 22: "handshake", 23: "application_data"]
        contentType = types[record[0]] ?? "type \(record[0])"
        switch record[0] {
        case 22 where !afterChangeCipherSpec:
            summary = Self.handshakeNames(body).joined(separator: ", ")
        case 23:
            summary = "encrypted"
        case 20:
            summary = "ChangeCipherSpec"
        default:
            summary = afterChangeCipherSpec ? "encrypted" : "alert"
        }
        bytes = record.prefix(record[0] == 22 && !afterChangeCipherSpec ? record.count : 32).map { String(format: "%02x", $0) }
            .joined()
    }

    static func handshakeNames(_ body: [UInt8]) -> [String] {
        let names: [UInt8: String] = [
            1: "ClientHello", 2: "ServerHello", 4: "NewSessionTicket", 8: "EncryptedExtensions", 11: "Certificate",
            12: "ServerKeyExchange", 13: "CertificateRequest", 14: "ServerHelloDone", 15: "CertificateVerify",
            16: "ClientKeyExchange", 20: "Finished",
        ]
        var out: [String] = []
        var index = 0
        while index + 4 <= body.count {
            out.append(names[body[index]] ?? "type \(body[index])")
            let length = Int(body[index + 1]) << 16 | Int(body[index + 2]) << 8 | Int(body[index + 3])
            index += 4 + length
        }
        return out
    }

    /// Version and cipher suite from the ServerHello's bytes: the suite at its fixed place,
    /// the version from supported_versions if present (RFC 8446 §4.2.1).
    static func negotiated(records: [TLSWireRecord], fallback: String) -> (version: String, suite: String, group: String?) {
        guard let hello = records.first(where: { $0.direction == "server->client" && $0.summary.hasPrefix("ServerHello") }) else {
            return (fallback, "unknown", nil)
        }
        var bytes: [UInt8] = []
        var chars = Array(hello.bytes.utf8)
        while chars.count >= 2 {
            bytes.append(UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) ?? 0)
            chars.removeFirst(2)
        }
        // record header 5, handshake header 4, version 2, random 32
        var index = 5 + 4 + 2 + 32
        guard index < bytes.count else { return (fallback, "unknown", nil) }
        index += 1 + Int(bytes[index])
        guard index + 3 <= bytes.count else { return (fallback, "unknown", nil) }
        let suite = Int(bytes[index]) << 8 | Int(bytes[index + 1])
        var version = "TLS 1.2"
        var group: String?
        let groups = [0x001d: "x25519", 0x0017: "secp256r1", 0x0018: "secp384r1", 0x11ec: "X25519MLKEM768"]
        var cursor = index + 3 + 2
        while cursor + 4 <= bytes.count {
            let type = Int(bytes[cursor]) << 8 | Int(bytes[cursor + 1])
            let length = Int(bytes[cursor + 2]) << 8 | Int(bytes[cursor + 3])
            if type == 43, cursor + 6 <= bytes.count, bytes[cursor + 4] == 3, bytes[cursor + 5] == 4 { version = "TLS 1.3" }
            if type == 51, cursor + 6 <= bytes.count {
                let code = Int(bytes[cursor + 4]) << 8 | Int(bytes[cursor + 5])
                group = groups[code] ?? String(format: "0x%04X", code)
            }
            cursor += 4 + length
        }
        let names = [
            0x1301: "TLS_AES_128_GCM_SHA256", 0x1302: "TLS_AES_256_GCM_SHA384", 0x1303: "TLS_CHACHA20_POLY1305_SHA256",
            0xC02B: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02C: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            0xCCA9: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        ]
        return (version, names[suite] ?? String(format: "0x%04X", suite), group)
    }
}
