import Basics

/// What handshake and teardown report at the end.
public struct ConnectionOutcome: Codable, Sendable, Equatable {
    public var client: TCPState
    public var server: TCPState
    public var clientISN: UInt32
    public var serverISN: UInt32
    /// The last acknowledgement number each side sent.
    public var clientAck: UInt32?
    public var serverAck: UInt32?
    public var retransmissions: Int
    /// Seconds until the scenario's goal: both ESTABLISHED, or both CLOSED.
    public var completedAt: Double?
    /// How many times a retransmitted FIN restarted TIME_WAIT's 2MSL timer.
    public var timeWaitRestarts: Int
    public var failure: String?
}

/// The parameters both connection demos share.
public struct ConnectionParameters: Codable, Sendable, Equatable {
    /// The client's ISN; nil: drawn from the seed.
    public var clientISN: UInt32?
    /// The server's ISN; nil: drawn from the seed.
    public var serverISN: UInt32?
    /// Round-trip time, seconds.
    public var rtt: Double
    /// Initial retransmission timeout, seconds (RFC 6298 §2.1: 1 s).
    public var rto: Double
    public var retries: Int
    /// Maximum segment lifetime, seconds; TIME_WAIT lasts 2MSL.
    public var msl: Double
    public var lose: [String]
    public var loss: Double
    public var simultaneous: Bool
    public var abort: Bool
    /// Seconds the passive closer stays in CLOSE_WAIT before its application closes.
    public var closeDelay: Double

    static func read(_ options: inout DemoOptions, labels: [String], teardown: Bool) throws -> ConnectionParameters {
        let clientText = options.string("client-isn", default: "")
        let serverText = options.string("server-isn", default: "")
        func isn(_ text: String, _ name: String) throws -> UInt32? {
            if text.isEmpty { return nil }
            guard let value = UInt32(text) else {
                throw DemoError.badOption("--\(name) takes a number from 0 to 4294967295, not '\(text)'")
            }
            return value
        }
        let client = try isn(clientText, "client-isn")
        let server = try isn(serverText, "server-isn")
        let lose = options.list("lose").map { $0.lowercased() }
        for label in lose where !labels.contains(label) {
            throw DemoError.badOption("--lose takes \(labels.joined(separator: ", ")), not '\(label)'")
        }
        let parameters = ConnectionParameters(
            clientISN: client, serverISN: server,
            rtt: try options.double("rtt", default: 0.1, in: 0.002...10),
            rto: try options.double("rto", default: 1, in: 0.2...60),
            retries: try options.int("retries", default: 6, in: 0...15),
            msl: teardown ? try options.double("msl", default: 30, in: 0.1...300) : 30,
            lose: lose,
            loss: try options.double("loss", default: 0, in: 0...0.9),
            simultaneous: teardown ? options.flag("simultaneous") : false,
            abort: teardown ? options.flag("abort") : false,
            closeDelay: teardown ? try options.double("close-delay", default: 0.2, in: 0...600) : 0.2)
        return parameters
    }

    static let commonUsage = [
        "--client-isn N   the client's initial sequence number (default: drawn from the seed)",
        "--server-isn N   the server's initial sequence number (default: drawn from the seed)",
        "--rtt S          round-trip time in seconds (default 0.1)",
        "--rto S          initial retransmission timeout in seconds (default 1, RFC 6298)",
        "--retries N      retransmissions before giving up (default 6)",
        "--loss P         probability that any segment is lost (default 0)",
    ]

    /// The simulation's settings; ISNs not given are drawn from the seed (RFC 9293 §3.4.1 wants
    /// them unpredictable).
    func configuration(seed: UInt64) -> ConnectionSimulation.Configuration {
        var random = SplitMix64(seed: seed)
        let drawnClient = UInt32(truncatingIfNeeded: random.next())
        let drawnServer = UInt32(truncatingIfNeeded: random.next())
        return ConnectionSimulation.Configuration(
            clientISN: clientISN ?? drawnClient, serverISN: serverISN ?? drawnServer, oneWayDelay: Int((rtt * 500).rounded()),
            initialRTO: Int((rto * 1000).rounded()), maxRetries: retries, msl: Int((msl * 1000).rounded()), losses: lose,
            lossProbability: loss, seed: seed, closeDelay: Int((closeDelay * 1000).rounded()))
    }
}

extension ConnectionSimulation {
    func outcome(completedAt: Double?) -> ConnectionOutcome {
        func lastAck(_ side: ConnectionSide) -> UInt32? {
            events.last { $0.side == side && $0.kind == .send && $0.segment?.ack != nil }?.segment?.ack
        }
        return ConnectionOutcome(
            client: endpoints[.client]!.machine.state, server: endpoints[.server]!.machine.state,
            clientISN: configuration.clientISN, serverISN: configuration.serverISN, clientAck: lastAck(.client),
            serverAck: lastAck(.server), retransmissions: retransmissions, completedAt: completedAt,
            timeWaitRestarts: endpoints[.client]!.timeWaitRestarts + endpoints[.server]!.timeWaitRestarts, failure: failure)
    }

    /// The first time both sides were in `state` at once.
    func firstTimeBoth(_ state: TCPState, startingIn initial: [ConnectionSide: TCPState]) -> Double? {
        var current = initial
        for event in events where event.kind == .state {
            current[event.side] = event.state
            if current[.client] == state && current[.server] == state { return event.time }
        }
        return nil
    }
}

/// Draws a connection trace as a ladder.
func renderConnection(
    title: String, events: [ConnectionEvent], initial: (TCPState, TCPState), outcome: ConnectionOutcome, summary: [String],
    style: RenderStyle
) -> String {
    var ladder = TCPLadder(leftTitle: "client", rightTitle: "server")
    ladder.rows.append(.state(time: nil, left: initial.0.rawValue, right: initial.1.rawValue))
    for event in events {
        switch event.kind {
        case .send:
            let segment = event.segment!
            let label = (segment.retransmission ? "(re) " : "") + segment.summary
            ladder.rows.append(.arrow(time: event.time, rightward: event.side == .client, label: label, lost: segment.lost))
        case .state:
            ladder.rows.append(
                .state(
                    time: event.time, left: event.side == .client ? event.state?.rawValue : nil,
                    right: event.side == .server ? event.state?.rawValue : nil))
        case .note:
            ladder.rows.append(.note(time: event.time, text: "\(event.side): \(event.text ?? "")"))
        }
    }
    var lines = [TCPPaint(style).bold(title), ""]
    lines.append(ladder.render(style: style))
    lines.append(contentsOf: summary)
    if let failure = outcome.failure { lines.append(TCPPaint(style).red("failed: \(failure)")) }
    return lines.joined(separator: "\n") + "\n"
}

/// `tcp.handshake`: the three-way handshake with chosen ISNs, lost segments and retransmission.
public enum HandshakeDemo: Demo {
    public static let name = "tcp.handshake"
    public static let summary = "three-way handshake: seq/ack from the ISNs, lost SYN, SYN+ACK or ACK and retransmission"
    public static let usage =
        ConnectionParameters.commonUsage + [
            "--lose L,...     lose the next segment so labelled: syn, syn-ack, ack (repeat to lose again)"
        ]

    public typealias Parameters = ConnectionParameters
    public typealias Step = ConnectionEvent
    public typealias Outcome = ConnectionOutcome

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        try ConnectionParameters.read(&options, labels: ["syn", "syn-ack", "ack"], teardown: false)
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var simulation = ConnectionSimulation(parameters.configuration(seed: seed))
        simulation.call(.passiveOpen, on: .server)
        simulation.call(.activeOpen, on: .client)
        simulation.runUntilQuiet()
        let done = simulation.firstTimeBoth(.established, startingIn: [.client: .closed, .server: .closed])
        return DemoTrace(demo: name, params: parameters, trace: simulation.events, result: simulation.outcome(completedAt: done))
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let result = trace.result
        var summary: [String] = []
        summary.append("client ISN \(result.clientISN), server ISN \(result.serverISN)")
        if let done = result.completedAt {
            summary.append(
                "both ESTABLISHED at \(TCPText.seconds(done)) s after \(result.retransmissions) retransmission(s)")
            summary.append(
                "acknowledged: client ISN + 1 = \(result.clientISN &+ 1), server ISN + 1 = \(result.serverISN &+ 1)")
        }
        return renderConnection(
            title: "TCP three-way handshake (RFC 9293 §3.5)", events: trace.trace, initial: (.closed, .closed), outcome: result,
            summary: summary, style: style)
    }
}

/// `tcp.teardown`: FIN/ACK exchange, CLOSE_WAIT, LAST_ACK, TIME_WAIT for 2MSL.
public enum TeardownDemo: Demo {
    public static let name = "tcp.teardown"
    public static let summary = "connection teardown: FIN/ACK, CLOSE_WAIT, LAST_ACK, TIME_WAIT for 2MSL, retransmitted FIN"
    public static let usage =
        ConnectionParameters.commonUsage + [
            "--lose L,...     lose the next segment so labelled: fin, ack-fin, fin2, last-ack",
            "--msl S          maximum segment lifetime in seconds (default 30: Linux's 60 s TIME_WAIT)",
            "--close-delay S  seconds the server's application waits in CLOSE_WAIT (default 0.2)",
            "--simultaneous   both sides close at once (FIN_WAIT_1 -> CLOSING)",
            "--abort          the client aborts instead: a RST, no TIME_WAIT",
        ]

    public typealias Parameters = ConnectionParameters
    public typealias Step = ConnectionEvent
    public typealias Outcome = ConnectionOutcome

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        try ConnectionParameters.read(&options, labels: ["fin", "ack-fin", "fin2", "last-ack"], teardown: true)
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var simulation = ConnectionSimulation(parameters.configuration(seed: seed))
        simulation.startEstablished()
        if parameters.abort {
            simulation.call(.abort, on: .client)
        } else {
            simulation.call(.close, on: .client)
            if parameters.simultaneous { simulation.call(.close, on: .server) }
        }
        simulation.runUntilQuiet()
        let done = simulation.firstTimeBoth(.closed, startingIn: [.client: .established, .server: .established])
        return DemoTrace(demo: name, params: parameters, trace: simulation.events, result: simulation.outcome(completedAt: done))
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let result = trace.result
        var summary: [String] = []
        if let done = result.completedAt {
            summary.append("both CLOSED at \(TCPText.seconds(done)) s; \(result.retransmissions) retransmission(s)")
        }
        if !trace.params.abort {
            summary.append(
                "TIME_WAIT lasts 2MSL = \(TCPText.number(2 * trace.params.msl)) s"
                    + (result.timeWaitRestarts > 0 ? "; a retransmitted FIN restarted it \(result.timeWaitRestarts) time(s)" : "")
            )
        }
        return renderConnection(
            title: "TCP connection teardown (RFC 9293 §3.6)", events: trace.trace, initial: (.established, .established),
            outcome: result, summary: summary, style: style)
    }
}
