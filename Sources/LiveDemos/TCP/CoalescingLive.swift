import ArgumentParser
import Basics
import Demos
import Models
import NIOCore
import NIOPosix

/// `tcp.framing --live`: two writes on a real loopback connection arrive as one read, and a
/// CRLF decoder recovers the two messages.
public enum CoalescingLive: LiveDemo {
    public static let name = "tcp.framing"
    public static let summary = "two writes coalesced into one read on a real loopback TCP socket"

    public struct Result: Codable, Sendable, Equatable {
        public var demo: String
        public var live: Bool
        public var port: Int
        /// Each write, hex.
        public var writes: [String]
        /// Each read the server saw, hex.
        public var reads: [String]
        /// What a CRLF decoder made of the reads.
        public var messages: [String]
    }

    /// Collects what arrives and reports once `expected` bytes are in.
    final class ReadCollector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let expected: Int
        let channelPromise: EventLoopPromise<Channel>
        let readsPromise: EventLoopPromise<[[UInt8]]>
        var reads: [[UInt8]] = []

        init(expected: Int, channelPromise: EventLoopPromise<Channel>, readsPromise: EventLoopPromise<[[UInt8]]>) {
            self.expected = expected
            self.channelPromise = channelPromise
            self.readsPromise = readsPromise
        }

        func channelActive(context: ChannelHandlerContext) {
            channelPromise.succeed(context.channel)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            reads.append(unwrapInboundIn(data).bytes)
            if reads.reduce(0, { $0 + $1.count }) >= expected {
                readsPromise.succeed(reads)
            } else {
                context.read()
            }
        }
    }

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("The first message written.", valueName: "text"))
        var first = "hello"
        @Option(help: ArgumentHelp("The second message, written right after it.", valueName: "text"))
        var second = "world"

        public init() {}
    }

    public static func run(options: Options, json: Bool, style: RenderStyle) async throws -> String {
        let messages = [options.first, options.second]
        let writes = messages.map { Array($0.utf8) + [0x0D, 0x0A] }
        let total = writes.reduce(0) { $0 + $1.count }
        let result: Result = try await withEventLoopGroup { group in
            let loop = group.next()
            let channelPromise = loop.makePromise(of: Channel.self)
            let readsPromise = loop.makePromise(of: [[UInt8]].self)
            deadline(readsPromise, seconds: 60, what: "waiting for the server to read \(total) bytes")
            deadline(channelPromise, seconds: 60, what: "waiting for the connection")
            // autoRead off: the server reads only when told, after both writes are queued in
            // its receive buffer, as a busy server would.
            let server = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.autoRead, value: false)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ReadCollector(expected: total, channelPromise: channelPromise, readsPromise: readsPromise))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            let port = server.localAddress?.port ?? 0
            let client = try await ClientBootstrap(group: group)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: "127.0.0.1", port: port).get()
            let serverSide = try await channelPromise.futureResult.get()
            // Two separate writes, each flushed: two send() calls, two segments on the wire.
            for write in writes {
                try await client.writeAndFlush(ByteBuffer(bytes: write)).get()
            }
            try await Task.sleep(nanoseconds: 50_000_000)
            serverSide.read()
            let reads = try await readsPromise.futureResult.get()
            try await client.close().get()
            try await server.close().get()
            var decoder = DelimiterDecoder()
            var decoded: [String] = []
            for read in reads { decoded += try decoder.feed(read).messages }
            return Result(
                demo: name, live: true, port: port, writes: writes.map(\.hexString), reads: reads.map(\.hexString),
                messages: decoded)
        }
        if json { return try liveJSON(result) }
        var lines = [Paint(style).bold("Live: two writes, one read (127.0.0.1:\(result.port))"), ""]
        for (index, write) in result.writes.enumerated() {
            lines.append("client write \(index + 1): \(write.count / 2) bytes \"\(FramingDemo.printable(write))\"")
        }
        for (index, read) in result.reads.enumerated() {
            lines.append("server read \(index + 1):  \(read.count / 2) bytes \"\(FramingDemo.printable(read))\"")
        }
        lines.append("")
        lines.append(
            result.reads.count < result.writes.count
                ? "TCP is a byte stream: \(result.writes.count) writes came out as \(result.reads.count) read; message boundaries are gone."
                : "the reads happened to match the writes this time; TCP still promised no boundaries.")
        lines.append("a CRLF decoder recovers: " + result.messages.map { "\"\($0)\"" }.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }
}
