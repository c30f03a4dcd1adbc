/// `tcp.window`: sliding window with cumulative ACKs, out-of-order arrival, and flow control.
public enum WindowDemo: Sendable {
    public static let name = "tcp.window"

    public struct Parameters: Codable, Sendable, Equatable {
        public var bytes: Int
        public var mss: Int
        public var buffer: Int
        public var lose: [Int]
        public var delay: [Int]
        public var slowReader: Bool
        public var read: Int
        public var readEvery: Double
        public var readAfter: Double
        public var loseUpdate: Bool
        public var rtt: Double
        public var rto: Double
        public var persist: Double
        public var isn: UInt32
        public var loss: Double

        public init(
            bytes: Int, mss: Int, buffer: Int, lose: [Int], delay: [Int], slowReader: Bool, read: Int, readEvery: Double,
            readAfter: Double, loseUpdate: Bool, rtt: Double, rto: Double, persist: Double, isn: UInt32, loss: Double
        ) {
            self.bytes = bytes
            self.mss = mss
            self.buffer = buffer
            self.lose = lose
            self.delay = delay
            self.slowReader = slowReader
            self.read = read
            self.readEvery = readEvery
            self.readAfter = readAfter
            self.loseUpdate = loseUpdate
            self.rtt = rtt
            self.rto = rto
            self.persist = persist
            self.isn = isn
            self.loss = loss
        }
    }

    public typealias Step = WindowEvent

    public struct Outcome: Codable, Sendable, Equatable {
        /// Seconds until the last byte was acknowledged; nil if it never was.
        public var completedAt: Double?
        public var retransmissions: Int
        public var probes: Int
        public var outOfOrderArrivals: Int
        public var finalAck: UInt32
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        let ms = { (seconds: Double) in Int((seconds * 1000).rounded()) }
        var simulation = SlidingWindowSimulation(
            SlidingWindowSimulation.Configuration(
                total: parameters.bytes, mss: parameters.mss, buffer: parameters.buffer, oneWayDelay: ms(parameters.rtt / 2),
                rto: ms(parameters.rto), persist: ms(parameters.persist), lose: Set(parameters.lose),
                delay: Set(parameters.delay),
                loseUpdate: parameters.loseUpdate, readSize: parameters.slowReader ? parameters.read : nil,
                readEvery: ms(parameters.readEvery), readAfter: ms(parameters.readAfter), isn: parameters.isn,
                lossProbability: parameters.loss, seed: seed))
        simulation.run()
        let lastAck = simulation.events.last { $0.side == .receiver && $0.kind == .send }?.segment?.ack ?? parameters.isn &+ 1
        let done =
            simulation.sndUna >= parameters.bytes
            ? simulation.events.last { $0.side == .receiver && $0.segment?.ack == simulation.absolute(parameters.bytes) }
                .map { $0.time + parameters.rtt / 2 } : nil
        return DemoTrace(
            demo: name, params: parameters, trace: simulation.events,
            result: Outcome(
                completedAt: done, retransmissions: simulation.retransmissions, probes: simulation.probes,
                outOfOrderArrivals: simulation.outOfOrderArrivals, finalAck: lastAck))
    }

}
