/// The eleven connection states of RFC 9293 §3.3.2, named as netstat and ss print them.
public enum TCPState: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case closed = "CLOSED"
    case listen = "LISTEN"
    case synSent = "SYN_SENT"
    case synReceived = "SYN_RCVD"
    case established = "ESTABLISHED"
    case finWait1 = "FIN_WAIT_1"
    case finWait2 = "FIN_WAIT_2"
    case closeWait = "CLOSE_WAIT"
    case closing = "CLOSING"
    case lastAck = "LAST_ACK"
    case timeWait = "TIME_WAIT"

    public var description: String { rawValue }

    /// Accepts `SYN_SENT`, `syn-sent`, `SYN-RECEIVED`, `fin-wait-1`, ...
    public init?(name: String) {
        let key = name.uppercased().replacingOccurrences(of: "-", with: "_")
        if let state = TCPState(rawValue: key) {
            self = state
        } else if key == "SYN_RECEIVED" {
            self = .synReceived
        } else {
            return nil
        }
    }
}

/// What happens to a connection: a user call (RFC 9293 §3.10.1 to §3.10.6), a segment that
/// arrives (§3.10.7), or a timer (§3.10.8).
public enum TCPEvent: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// OPEN, passive: wait for a connection.
    case passiveOpen = "passive-open"
    /// OPEN, active: send a SYN.
    case activeOpen = "active-open"
    /// SEND on a listening socket, which turns it into an active open.
    case send
    /// CLOSE: no more data from this side.
    case close
    /// ABORT: drop the connection, resetting the peer where it is synchronised.
    case abort
    case receiveSYN = "rcv-syn"
    case receiveSYNACK = "rcv-syn-ack"
    /// An ACK that acknowledges this side's SYN or FIN (or data, in a synchronised state).
    case receiveACK = "rcv-ack"
    case receiveFIN = "rcv-fin"
    /// A FIN that also acknowledges this side's FIN: FIN_WAIT_1 goes straight to TIME_WAIT.
    case receiveFINACK = "rcv-fin-ack"
    case receiveRST = "rcv-rst"
    /// The 2MSL timer of TIME_WAIT ran out.
    case timeout

    public var description: String { rawValue }
}
