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

    public init(
        clientISN: UInt32? = nil, serverISN: UInt32? = nil, rtt: Double, rto: Double, retries: Int, msl: Double, lose: [String],
        loss: Double, simultaneous: Bool, abort: Bool, closeDelay: Double
    ) {
        self.clientISN = clientISN
        self.serverISN = serverISN
        self.rtt = rtt
        self.rto = rto
        self.retries = retries
        self.msl = msl
        self.lose = lose
        self.loss = loss
        self.simultaneous = simultaneous
        self.abort = abort
        self.closeDelay = closeDelay
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

/// `tcp.handshake`: the three-way handshake with chosen ISNs, lost segments and retransmission.
public enum HandshakeDemo: Sendable {
    public static let name = "tcp.handshake"

    public typealias Parameters = ConnectionParameters
    public typealias Step = ConnectionEvent
    public typealias Outcome = ConnectionOutcome

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var simulation = ConnectionSimulation(parameters.configuration(seed: seed))
        simulation.call(.passiveOpen, on: .server)
        simulation.call(.activeOpen, on: .client)
        simulation.runUntilQuiet()
        let done = simulation.firstTimeBoth(.established, startingIn: [.client: .closed, .server: .closed])
        return DemoTrace(demo: name, params: parameters, trace: simulation.events, result: simulation.outcome(completedAt: done))
    }

}

/// `tcp.teardown`: FIN/ACK exchange, CLOSE_WAIT, LAST_ACK, TIME_WAIT for 2MSL.
public enum TeardownDemo: Sendable {
    public static let name = "tcp.teardown"

    public typealias Parameters = ConnectionParameters
    public typealias Step = ConnectionEvent
    public typealias Outcome = ConnectionOutcome

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

}
