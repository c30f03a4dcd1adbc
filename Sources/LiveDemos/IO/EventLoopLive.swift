import ArgumentParser
import Basics
import Demos
import Foundation
import Models
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// `io.event-loop --live`: a SwiftNIO server with one event-loop thread echoes a line on each of
/// N loopback connections, all open at once; the demo counts the threads that ran its handlers.
public enum EventLoopLive: LiveDemo {
    public static let name = "io.event-loop"
    public static let summary = "one SwiftNIO event-loop thread serving many loopback connections at once"

    public struct Result: Codable, Sendable, Equatable {
        public var demo: String
        public var live: Bool
        public var port: Int
        public var connections: Int
        /// Connections whose line came back.
        public var served: Int
        /// Distinct threads that ran the server's handlers.
        public var serverThreads: Int
        public var milliseconds: Double
    }

    /// The threads the server's handlers ran on.
    final class ThreadLog: @unchecked Sendable {
        private let lock = NSLock()
        private var threads: Set<UInt> = []

        func record() {
            let id = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(bitPattern: UInt(pthread_self()))))
            lock.withLock { _ = threads.insert(id) }
        }

        var count: Int { lock.withLock { threads.count } }
    }

    /// Echoes what it reads, noting the thread.
    final class Echo: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let log: ThreadLog

        init(log: ThreadLog) { self.log = log }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            log.record()
            context.writeAndFlush(data, promise: nil)
        }
    }

    /// Completes when the echoed line is back.
    final class Reply: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let expected: Int
        let promise: EventLoopPromise<Void>
        var received = 0

        init(expected: Int, promise: EventLoopPromise<Void>) {
            self.expected = expected
            self.promise = promise
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += unwrapInboundIn(data).readableBytes
            if received >= expected { promise.succeed(()) }
        }
    }

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Connections served at once by the one thread, 1-1000.", valueName: "n"))
        var connections = 100

        public init() {}
    }

    public static func run(options: Options, json: Bool, style: RenderStyle) async throws -> String {
        let connections = try OptionCheck.within(options.connections, 1...1000, "connections")
        let log = ThreadLog()
        let start = DispatchTime.now()
        let result: Result = try await withEventLoopGroup { serverGroup in
            try await withEventLoopGroup { clientGroup in
                let server = try await ServerBootstrap(group: serverGroup)
                    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                    .serverChannelOption(.backlog, value: 1024)
                    .childChannelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Echo(log: log)) }
                    }
                    .bind(host: "127.0.0.1", port: 0).get()
                let port = server.localAddress?.port ?? 0
                var clients: [Channel] = []
                var replies: [EventLoopFuture<Void>] = []
                for index in 0..<connections {
                    let line = Array("ping \(index)\n".utf8)
                    let promise = clientGroup.next().makePromise(of: Void.self)
                    deadline(promise, seconds: 60, what: "waiting for connection \(index)'s echo")
                    let client = try await ClientBootstrap(group: clientGroup)
                        .channelInitializer { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(Reply(expected: line.count, promise: promise))
                            }
                        }
                        .connect(host: "127.0.0.1", port: port).get()
                    clients.append(client)
                    replies.append(promise.futureResult)
                }
                // Every connection is open; now each sends its line.
                for (index, client) in clients.enumerated() {
                    try await client.writeAndFlush(ByteBuffer(bytes: Array("ping \(index)\n".utf8))).get()
                }
                var served = 0
                for reply in replies {
                    if (try? await reply.get()) != nil { served += 1 }
                }
                for client in clients { try? await client.close().get() }
                try await server.close().get()
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
                return Result(
                    demo: name, live: true, port: port, connections: connections, served: served, serverThreads: log.count,
                    milliseconds: (elapsed * 10).rounded() / 10)
            }
        }
        if json { return try liveJSON(result) }
        return [
            Paint(style).bold("Live: one event loop on 127.0.0.1:\(result.port)"), "",
            "\(result.connections) connections open at once, each sent a line and waited for its echo.",
            "served: \(result.served) of \(result.connections), in \(String(format: "%.1f", result.milliseconds)) ms",
            "threads that ran the server's handlers: \(result.serverThreads)",
            "",
            "No thread per connection: the loop waits for readiness (epoll) and runs whichever channel is ready.",
        ].joined(separator: "\n") + "\n"
    }
}
