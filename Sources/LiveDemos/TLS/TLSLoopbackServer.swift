import Demos
import Foundation
import Models
import NIOCore
import NIOPosix
import NIOSSL

/// A TLS server on 127.0.0.1 (an ephemeral port) that answers every request with one line.
public struct TLSLoopbackServer: Sendable {
    public let port: Int
    let channel: Channel
    let group: MultiThreadedEventLoopGroup

    public static func start(pki: LoopbackPKI, maximumVersion: TLSVersion) async throws -> TLSLoopbackServer {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [
                .certificate(try NIOSSLCertificate(bytes: Array(pki.leafPEM.utf8), format: .pem)),
                .certificate(try NIOSSLCertificate(bytes: Array(pki.intermediatePEM.utf8), format: .pem)),
            ],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pki.leafKeyPEM.utf8), format: .pem)))
        configuration.minimumTLSVersion = .tlsv12
        configuration.maximumTLSVersion = maximumVersion
        // One TLS 1.2 suite, so a 1.2 run shows a known ECDHE suite.
        configuration.cipherSuiteValues = [.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]
        let context = try NIOSSLContext(configuration: configuration)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                        try channel.pipeline.syncOperations.addHandler(ReplyHandler())
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            return TLSLoopbackServer(port: channel.localAddress?.port ?? 0, channel: channel, group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    public func stop() async throws {
        try? await channel.close().get()
        try await group.shutdownGracefully()
    }
}

/// Answers the first bytes of a connection with a short HTTP response, then closes.
final class ReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let request = unwrapInboundIn(data)
        let body = "hello over TLS; you sent \(request.readableBytes) bytes\n"
        let response = "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: response))).whenComplete { _ in
            bound.value.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
