import Demos
import Foundation
import Models
import NIOCore
import NIOPosix

/// A failure of a live demo, with what to check.
enum LiveError: Error, CustomStringConvertible {
    case timedOut(String)
    case unavailable(String)

    var description: String {
        switch self {
        case .timedOut(let what): return "timed out: \(what)"
        case .unavailable(let what): return what
        }
    }
}

/// Runs `body` with a one-thread event loop group that is shut down afterwards, whatever
/// happens, so a live demo leaves no thread behind.
func withEventLoopGroup<T: Sendable>(_ body: (MultiThreadedEventLoopGroup) async throws -> T) async throws -> T {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    do {
        let result = try await body(group)
        try await group.shutdownGracefully()
        return result
    } catch {
        try? await group.shutdownGracefully()
        throw error
    }
}

/// Fails `promise` after `seconds` unless it completed first, so no demo waits forever.
func deadline<T>(_ promise: EventLoopPromise<T>, seconds: Int64, what: String) {
    let task = promise.futureResult.eventLoop.scheduleTask(in: .seconds(seconds)) {
        promise.fail(LiveError.timedOut(what))
    }
    promise.futureResult.whenComplete { _ in task.cancel() }
}

/// Encodes a live demo's result as one JSON object with sorted keys.
func liveJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

extension ByteBuffer {
    var bytes: [UInt8] { Array(readableBytesView) }
}
