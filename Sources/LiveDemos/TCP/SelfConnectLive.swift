import ArgumentParser
import Basics
import Demos
import Foundation
import Models
import NIOCore
import NIOPosix

/// `tcp.self-connect --live`: a socket bound to 127.0.0.1:P that connects to 127.0.0.1:P
/// completes a simultaneous open with itself, and reads back what it writes.
public enum SelfConnectLive: LiveDemo {
    public static let name = "tcp.self-connect"
    public static let summary = "a real socket connected to itself on loopback"

    public struct Result: Codable, Sendable, Equatable {
        public var demo: String
        public var live: Bool
        public var local: String
        public var remote: String
        /// getsockname() == getpeername(): the check that detects a self-connect.
        public var selfConnected: Bool
        /// What the socket read after writing `sent` to itself.
        public var sent: String
        public var received: String
    }

    final class Echo: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let promise: EventLoopPromise<[UInt8]>
        let expected: Int
        var received: [UInt8] = []

        init(promise: EventLoopPromise<[UInt8]>, expected: Int) {
            self.promise = promise
            self.expected = expected
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += unwrapInboundIn(data).bytes
            if received.count >= expected { promise.succeed(received) }
        }
    }

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("What the socket sends to itself.", valueName: "text"))
        var message = "hello, me"

        public init() {}
    }

    public static func run(options: Options, json: Bool, style: RenderStyle) async throws -> String {
        let message = options.message
        let result: Result = try await withEventLoopGroup { group in
            // A port nobody uses: let the kernel pick one for a throwaway listener, then free it.
            let probe = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
            let port = probe.localAddress?.port ?? 0
            try await probe.close().get()
            let address = try SocketAddress(ipAddress: "127.0.0.1", port: port)
            let promise = group.next().makePromise(of: [UInt8].self)
            deadline(promise, seconds: 60, what: "reading back from the self-connected socket")
            let bytes = Array(message.utf8)
            let channel = try await ClientBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(Echo(promise: promise, expected: bytes.count))
                    }
                }
                .bind(to: address)
                .connect(to: address).get()
            let local = channel.localAddress
            let remote = channel.remoteAddress
            try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
            let received = try await promise.futureResult.get()
            try await channel.close().get()
            return Result(
                demo: name, live: true, local: local.map(describe) ?? "?", remote: remote.map(describe) ?? "?",
                selfConnected: local != nil && local == remote, sent: message, received: String(decoding: received, as: UTF8.self)
            )
        }
        if json { return try liveJSON(result) }
        return [
            Paint(style).bold("Live: a TCP socket connected to itself"), "",
            "bound to \(result.local), connect() to \(result.remote)",
            "its SYN reached itself: SYN_SENT -> SYN_RCVD (simultaneous open) -> ESTABLISHED",
            "getsockname() = \(result.local), getpeername() = \(result.remote): "
                + (result.selfConnected ? Paint(style).bold("self-connected") : "not self-connected"),
            "wrote \"\(result.sent)\", read back \"\(result.received)\" from the same socket",
            "",
            "A client looping on connect() to a port in the ephemeral range can land here by chance;",
            "compare the two addresses and close the socket if they are equal.",
        ].joined(separator: "\n") + "\n"
    }

    static func describe(_ address: SocketAddress) -> String {
        "\(address.ipAddress ?? "?"):\(address.port ?? 0)"
    }
}
