import Basics
import Demos
import Foundation
import Models
import NIOCore
import NIOPosix

/// `tcp.teardown --live`: the side that closes first is left in TIME_WAIT, as the kernel's
/// own table (/proc/net/tcp) shows.
public enum TimeWaitLive: LiveDemo {
    public static let name = "tcp.teardown"
    public static let summary = "a real connection left in TIME_WAIT, seen in /proc/net/tcp"

    public struct Result: Codable, Sendable, Equatable {
        public var demo: String
        public var live: Bool
        public var serverPort: Int
        public var clientPort: Int
        /// The client's socket after it closed first, as the kernel lists it.
        public var entry: ProcNetTCPEntry?
        /// What `ss` printed for the same socket, when ss is installed.
        public var ss: String?
    }

    public static func run(options: NoLiveOptions, json: Bool, style: RenderStyle) async throws -> String {
        guard FileManager.default.isReadableFile(atPath: "/proc/net/tcp") else {
            throw LiveError.unavailable("/proc/net/tcp is not readable here (this live demo needs Linux)")
        }
        let result: Result = try await withEventLoopGroup { group in
            let server = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: "127.0.0.1", port: 0).get()
            let serverPort = server.localAddress?.port ?? 0
            let client = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: serverPort).get()
            let clientPort = client.localAddress?.port ?? 0
            // The client closes first: FIN_WAIT_1, FIN_WAIT_2, then TIME_WAIT once the server,
            // seeing end of file, closes too.
            try await client.close().get()
            var entry: ProcNetTCPEntry?
            for _ in 0..<100 {
                entry = ProcNetTCPEntry.read().first {
                    $0.localPort == clientPort && $0.remotePort == serverPort && $0.state == .timeWait
                }
                if entry != nil { break }
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            try await server.close().get()
            return Result(
                demo: name, live: true, serverPort: serverPort, clientPort: clientPort, entry: entry, ss: ss(port: clientPort))
        }
        if json { return try liveJSON(result) }
        var lines = [
            Paint(style).bold(
                "Live: TIME_WAIT in the kernel (127.0.0.1:\(result.clientPort) -> 127.0.0.1:\(result.serverPort))"), "",
            "the client closed first; the server closed on end of file.",
        ]
        if let entry = result.entry {
            lines.append("/proc/net/tcp:")
            lines.append("  " + entry.line)
            lines.append(
                "  \(entry.localAddress):\(entry.localPort) -> \(entry.remoteAddress):\(entry.remotePort)  state \(entry.state?.rawValue ?? "?")"
                    + "  timer \(entry.timer == 3 ? "TIME_WAIT" : String(entry.timer)) fires in \(TCPText.seconds(entry.timerSeconds)) s"
            )
            lines.append("Linux holds TIME_WAIT for a fixed 60 s (TCP_TIMEWAIT_LEN), its 2MSL.")
        } else {
            lines.append(
                Paint(style).red("no TIME_WAIT entry for port \(result.clientPort) appeared in /proc/net/tcp within 2 s"))
        }
        if let ss = result.ss {
            lines.append("ss -tan state time-wait:")
            lines.append(contentsOf: ss.split(separator: "\n").map { "  " + $0 })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `ss`'s view of the socket, or nil when ss is not installed.
    static func ss(port: Int) -> String? {
        let candidates = ["/usr/bin/ss", "/bin/ss", "/usr/sbin/ss", "/sbin/ss"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-tan", "state", "time-wait", "( sport = :\(port) )"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
