import Basics

/// `io.event-loop`: one thread serving many connections. Requests arrive on N connections at
/// random times; a single event loop handles whichever connection is ready, one handler at a
/// time, and a request waits while the loop is busy with another. Short handlers keep every
/// wait short; a slow (blocking) handler delays every connection behind it.
public enum EventLoopDemo: Sendable {
    public static let name = "io.event-loop"

    public struct Parameters: Codable, Sendable, Equatable {
        public var connections: Int
        public var requests: Int
        /// Milliseconds a handler runs for one request.
        public var service: Double
        /// Requests arrive within this many milliseconds.
        public var spread: Double

        public init(connections: Int, requests: Int, service: Double, spread: Double) {
            self.connections = connections
            self.requests = requests
            self.service = service
            self.spread = spread
        }
    }

    public struct Step: Codable, Sendable, Equatable {
        /// Milliseconds.
        public var arrived: Double
        public var started: Double
        public var finished: Double
        public var connection: Int
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var threads: Int
        public var requests: Int
        /// Milliseconds a request waited for the loop, mean and worst.
        public var meanWait: Double
        public var maxWait: Double
        /// Share of the time the loop was running handlers, 0 ... 1.
        public var busy: Double
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        guard parameters.connections > 0, parameters.requests > 0 else {
            throw DemoError.impossible("an event loop needs at least one connection and one request")
        }
        var random = SplitMix64(seed: seed)
        var arrivals: [(time: Double, connection: Int)] = []
        for connection in 1...parameters.connections {
            for _ in 0..<parameters.requests {
                let time = Double(random.next() % 1_000_000) / 1_000_000 * parameters.spread
                arrivals.append(((time * 10).rounded() / 10, connection))
            }
        }
        // The loop takes ready requests in the order they arrived (ties by connection).
        arrivals.sort { ($0.time, $0.connection) < ($1.time, $1.connection) }
        var steps: [Step] = []
        var free = 0.0
        for arrival in arrivals {
            let start = max(free, arrival.time)
            free = start + parameters.service
            steps.append(Step(arrived: arrival.time, started: start, finished: free, connection: arrival.connection))
        }
        let waits = steps.map { $0.started - $0.arrived }
        let busyTime = Double(steps.count) * parameters.service
        let span = max(free, parameters.spread)
        return DemoTrace(
            demo: name, params: parameters, trace: steps,
            result: Outcome(
                threads: 1, requests: steps.count, meanWait: waits.reduce(0, +) / Double(waits.count),
                maxWait: waits.max() ?? 0, busy: span > 0 ? min(1, busyTime / span) : 1))
    }
}
