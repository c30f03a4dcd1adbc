import Demos
import Foundation
import Models

/// One socket line of Linux's /proc/net/tcp (IPv4).
///
/// Addresses are printed as the 32-bit value in host byte order (so 127.0.0.1 reads
/// `0100007F` on little-endian machines) and ports in hex; `tm->when` is in clock ticks of
/// USER_HZ (100 per second).
public struct ProcNetTCPEntry: Codable, Sendable, Equatable {
    public var localAddress: String
    public var localPort: Int
    public var remoteAddress: String
    public var remotePort: Int
    public var state: TCPState?
    /// The timer running: 0 none, 1 retransmission, 2 keep-alive, 3 TIME_WAIT, 4 zero window probe.
    public var timer: Int
    /// Seconds until the timer fires.
    public var timerSeconds: Double
    /// The line as the kernel printed it.
    public var line: String

    /// The kernel's state numbers (include/net/tcp_states.h).
    static let states: [Int: TCPState] = [
        1: .established, 2: .synSent, 3: .synReceived, 4: .finWait1, 5: .finWait2, 6: .timeWait, 7: .closed,
        8: .closeWait, 9: .lastAck, 10: .listen, 11: .closing,
    ]

    /// Parses one line; nil for the header or anything malformed.
    public init?(line: String, littleEndian: Bool = true) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 6, fields[0].hasSuffix(":") else { return nil }
        func endpoint(_ text: Substring) -> (String, Int)? {
            let parts = text.split(separator: ":")
            guard parts.count == 2, parts[0].count == 8, let raw = UInt32(parts[0], radix: 16),
                let port = Int(parts[1], radix: 16)
            else { return nil }
            let value = littleEndian ? raw.byteSwapped : raw
            return (IPv4Address(value).description, port)
        }
        let timerParts = fields[5].split(separator: ":")
        guard let local = endpoint(fields[1]), let remote = endpoint(fields[2]), let state = Int(fields[3], radix: 16),
            timerParts.count == 2, let timer = Int(timerParts[0], radix: 16), let ticks = Int(timerParts[1], radix: 16)
        else { return nil }
        localAddress = local.0
        localPort = local.1
        remoteAddress = remote.0
        remotePort = remote.1
        self.state = Self.states[state]
        self.timer = timer
        timerSeconds = Double(ticks) / 100
        self.line = line.trimmingCharacters(in: .whitespaces)
    }

    /// Every IPv4 TCP socket of this network namespace; empty when the file cannot be read.
    ///
    /// Read to the end in a loop: procfs reports no size, and a one-shot read stops after the
    /// first page, so with a few hundred sockets (TIME_WAIT ones linger 60 s) later lines were lost.
    public static func read(path: String = "/proc/net/tcp") -> [ProcNetTCPEntry] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        var data = Data()
        while let chunk = try? handle.read(upToCount: 65536), !chunk.isEmpty { data.append(chunk) }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { ProcNetTCPEntry(line: String($0)) }
    }
}
