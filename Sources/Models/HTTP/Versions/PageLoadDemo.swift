/// `http.versions`: one page (a base HTML document, then the objects it references) loaded over
/// HTTP/1.0, HTTP/1.1 keep-alive, HTTP/1.1 pipelining and HTTP/2, counted in round trips.
///
/// The model keeps what decides the answer and drops the rest: every exchange costs whole RTTs,
/// bandwidth is unlimited, nothing is lost. A TCP handshake takes 1 RTT before the first
/// request (RFC 9293 §3.5), TLS 1.3 one more (RFC 8446 §2), TLS 1.2 two (RFC 5246 §7.3). A
/// response of S segments of 1460 octets leaves in flights of cwnd segments, one flight per
/// RTT; cwnd starts at the initial window (10 segments, RFC 6928) on every new connection and
/// grows by the segments acknowledged (slow start, RFC 5681 §3.1), so a reused connection is
/// already warm. Requests fit in one segment. The base HTML is fetched alone; its objects are
/// requested once it has arrived.
public enum PageLoadDemo: Sendable {
    public static let name = "http.versions"

    public enum Version: String, Codable, Sendable, CaseIterable {
        case http10 = "1.0"
        case keepAlive = "1.1"
        case pipelining
        case http2 = "2"

        public var label: String {
            switch self {
            case .http10: "HTTP/1.0"
            case .keepAlive: "HTTP/1.1 keep-alive"
            case .pipelining: "HTTP/1.1 pipelining"
            case .http2: "HTTP/2"
            }
        }
    }

    public struct Parameters: Codable, Sendable, Equatable {
        public var objects: Int
        public var sizeKB: Int
        public var rtt: Int
        /// `none`, `1.2` or `1.3`.
        public var tls: String
        public var versions: [Version]
        public var connections: Int
        public var initcwnd: Int
        /// The slow object (1-based) and its think time in RTTs, or nil.
        public var slow: Int?
        public var think: Int

        public init(
            objects: Int = 10, sizeKB: Int = 10, rtt: Int = 100, tls: String = "none",
            versions: [Version] = Version.allCases, connections: Int = 1, initcwnd: Int = 10,
            slow: Int? = nil, think: Int = 3
        ) {
            self.objects = objects
            self.sizeKB = sizeKB
            self.rtt = rtt
            self.tls = tls
            self.versions = versions
            self.connections = connections
            self.initcwnd = initcwnd
            self.slow = slow
            self.think = think
        }

        /// RTTs of the TLS handshake after TCP's.
        var tlsRTTs: Int { tls == "1.2" ? 2 : tls == "1.3" ? 1 : 0 }
        /// Segments of 1460 octets in each response.
        package var segments: Int { (sizeKB * 1024 + 1459) / 1460 }
    }

    /// One event on one connection; times in RTTs from the start of the page load.
    public struct Step: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// TCP's three-way handshake: `time` to `time + 1`.
            case tcp
            /// The TLS handshake: `time` to `time + duration`.
            case tls
            /// A request leaves the client at `time`.
            case request
            /// A flight of response segments arrives at `time`.
            case flight
        }
        public var version: Version
        public var connection: Int
        public var kind: Kind
        public var time: Int
        public var duration: Int?
        /// Object numbers (0 is the base HTML) and, for a flight, the segments of each.
        public var objects: [Int]
        public var segments: [Int]?
        /// cwnd, in segments, when the flight left the server.
        public var cwnd: Int?
    }

    public struct VersionResult: Codable, Sendable, Equatable {
        public var version: Version
        /// When the last object had arrived.
        public var rtts: Int
        public var milliseconds: Int
        public var connections: Int
        /// RTTs spent in TCP and TLS handshakes, summed over connections.
        public var handshakeRTTs: Int
        /// Flights that were full while more data waited: rounds slow start cost.
        public var cwndLimitedRounds: Int
        /// When each object (0 = base HTML) had arrived.
        public var completed: [Int]
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var versions: [VersionResult]
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var steps: [Step] = []
        var results: [VersionResult] = []
        for version in parameters.versions {
            var simulation = Simulation(parameters: parameters, version: version)
            simulation.run()
            steps += simulation.steps
            let done = simulation.completed.max() ?? 0
            results.append(
                VersionResult(
                    version: version, rtts: done, milliseconds: done * parameters.rtt,
                    connections: simulation.connectionsOpened,
                    handshakeRTTs: simulation.connectionsOpened * (1 + parameters.tlsRTTs),
                    cwndLimitedRounds: simulation.cwndLimitedRounds, completed: simulation.completed))
        }
        return DemoTrace(demo: name, params: parameters, trace: steps, result: Outcome(versions: results))
    }

    /// One version's page load.
    struct Simulation {
        let parameters: Parameters
        let version: Version
        var steps: [Step] = []
        var completed: [Int]
        var connectionsOpened = 0
        var cwndLimitedRounds = 0

        init(parameters: Parameters, version: Version) {
            self.parameters = parameters
            self.version = version
            completed = Array(repeating: 0, count: parameters.objects + 1)
        }

        struct Connection {
            var id: Int
            /// When the connection can carry the next request.
            var free: Int
            var cwnd: Int
        }

        func think(_ object: Int) -> Int { object == parameters.slow ? parameters.think : 0 }

        /// Opens a connection at `time`; returns it ready for its first request.
        mutating func open(at time: Int) -> Connection {
            connectionsOpened += 1
            let id = connectionsOpened
            steps.append(Step(version: version, connection: id, kind: .tcp, time: time, duration: 1, objects: []))
            if parameters.tlsRTTs > 0 {
                steps.append(
                    Step(version: version, connection: id, kind: .tls, time: time + 1, duration: parameters.tlsRTTs, objects: []))
            }
            return Connection(id: id, free: time + 1 + parameters.tlsRTTs, cwnd: parameters.initcwnd)
        }

        /// Sends `objects` on `connection` at its free time, all at once, and delivers the
        /// responses flight by flight: in request order when `ordered` (HTTP/1.1 responses),
        /// interleaved segment by segment otherwise (HTTP/2 streams).
        mutating func exchange(_ objects: [Int], on connection: inout Connection, ordered: Bool) {
            let sent = connection.free
            for object in objects {
                steps.append(Step(version: version, connection: connection.id, kind: .request, time: sent, objects: [object]))
            }
            var remaining = Dictionary(uniqueKeysWithValues: objects.map { ($0, parameters.segments) })
            var time = sent
            while remaining.values.contains(where: { $0 > 0 }) {
                time += 1
                let ready = objects.filter { remaining[$0]! > 0 && time >= sent + 1 + think($0) }
                var budget = connection.cwnd
                var parts: [Int: Int] = [:]
                if ordered {
                    // Response i cannot start before response i-1 is complete: head-of-line.
                    for object in objects where remaining[object]! > 0 {
                        guard ready.contains(object), budget > 0 else { break }
                        let count = min(budget, remaining[object]!)
                        parts[object] = count
                        budget -= count
                        remaining[object]! -= count
                        if remaining[object]! > 0 { break }
                    }
                } else {
                    var progress = true
                    while budget > 0, progress {
                        progress = false
                        for object in ready where remaining[object]! > 0 && budget > 0 {
                            parts[object, default: 0] += 1
                            remaining[object]! -= 1
                            budget -= 1
                            progress = true
                        }
                    }
                }
                guard !parts.isEmpty else { continue }
                let flight = objects.filter { parts[$0] != nil }
                steps.append(
                    Step(
                        version: version, connection: connection.id, kind: .flight, time: time, objects: flight,
                        segments: flight.map { parts[$0]! }, cwnd: connection.cwnd))
                if budget == 0, remaining.values.contains(where: { $0 > 0 }) { cwndLimitedRounds += 1 }
                connection.cwnd += parts.values.reduce(0, +)
                for object in flight where remaining[object]! == 0 { completed[object] = time }
            }
            connection.free = time
        }

        mutating func run() {
            let objects = Array(stride(from: 1, through: parameters.objects, by: 1))
            var first = open(at: 0)
            exchange([0], on: &first, ordered: true)
            let start = first.free
            switch version {
            case .http10:
                // One connection per object, at most `connections` at a time.
                var slots = Array(repeating: start, count: parameters.connections)
                for object in objects {
                    let slot = slots.indices.min { slots[$0] < slots[$1] }!
                    var connection = open(at: slots[slot])
                    exchange([object], on: &connection, ordered: true)
                    slots[slot] = connection.free
                }
            case .keepAlive:
                var connections = [first]
                for object in objects {
                    if connections.count < parameters.connections,
                        connections.allSatisfy({ $0.free > start + 1 + parameters.tlsRTTs })
                    {
                        connections.append(open(at: start))
                    }
                    let index = connections.indices.min { connections[$0].free < connections[$1].free }!
                    exchange([object], on: &connections[index], ordered: true)
                }
            case .pipelining:
                var connections = [first]
                while connections.count < min(parameters.connections, objects.count) { connections.append(open(at: start)) }
                for index in connections.indices {
                    let share = objects.enumerated().filter { $0.offset % connections.count == index }.map(\.element)
                    if !share.isEmpty { exchange(share, on: &connections[index], ordered: true) }
                }
            case .http2:
                if !objects.isEmpty { exchange(objects, on: &first, ordered: false) }
            }
        }
    }
}

extension String {
    /// Without trailing spaces.
    package var httpTrailingTrimmed: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
