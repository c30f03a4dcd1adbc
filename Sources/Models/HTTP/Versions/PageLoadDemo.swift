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
public enum PageLoadDemo: Demo {
    public static let name = "http.versions"
    public static let summary = "One page over HTTP/1.0, 1.1 keep-alive, 1.1 pipelining and HTTP/2, in RTTs"
    public static let usage = [
        "--objects N       objects the page references, 0-100 (default 10)",
        "--size KB         size of the page and of each object, 1-10000 KB (default 10)",
        "--rtt MS          round-trip time in milliseconds, 1-2000 (default 100)",
        "--tls V           none, 1.2 or 1.3 (default none)",
        "--version V       all, 1.0, 1.1, pipelining or 2 (default all)",
        "--connections N   parallel connections for HTTP/1.x, 1-8 (default 1; browsers use 6)",
        "--initcwnd N      initial congestion window in segments, 1-100 (default 10)",
        "--slow K          object K takes the server --think RTTs to produce (head-of-line blocking)",
        "--think N         server think time of the slow object, 1-20 RTTs (default 3)",
    ]

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
        var segments: Int { (sizeKB * 1024 + 1459) / 1460 }
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

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        var parameters = Parameters(
            objects: try options.int("objects", default: 10, in: 0...100),
            sizeKB: try options.int("size", default: 10, in: 1...10000),
            rtt: try options.int("rtt", default: 100, in: 1...2000),
            tls: options.string("tls", default: "none"),
            connections: try options.int("connections", default: 1, in: 1...8),
            initcwnd: try options.int("initcwnd", default: 10, in: 1...100),
            think: try options.int("think", default: 3, in: 1...20))
        guard ["none", "1.2", "1.3"].contains(parameters.tls) else {
            throw DemoError.badOption("--tls takes none, 1.2 or 1.3")
        }
        let version = options.string("version", default: "all")
        if version != "all" {
            guard let chosen = Version(rawValue: version) else {
                throw DemoError.badOption("--version takes all, 1.0, 1.1, pipelining or 2")
            }
            parameters.versions = [chosen]
        }
        let slow = try options.int("slow", default: 0, in: 0...100)
        if slow > parameters.objects {
            throw DemoError.badOption("--slow \(slow): the page has only \(parameters.objects) objects")
        }
        parameters.slow = slow == 0 ? nil : slow
        return parameters
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

extension PageLoadDemo {
    /// A timeline per version, one row per connection, one column per RTT (or several when the
    /// load is long): `H` TCP handshake, `T` TLS, `-` waiting for a response, `=` a flight of
    /// response data arriving. Then a table of the totals.
    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        var lines = HTTPText.wrap(
            "\(name): page + \(p.objects) objects of \(p.sizeKB) KB (\(p.segments) segments), RTT \(p.rtt) ms, "
                + "TLS \(p.tls), initcwnd \(p.initcwnd)"
                + (p.connections > 1 ? ", \(p.connections) connections for HTTP/1.x" : "")
                + (p.slow.map { ", object \($0) slow by \(p.think) RTT" } ?? ""), 80
        ).map { HTTPText.bold($0, style) }
        lines.append("H TCP handshake, T TLS, - waiting, = data arriving; a column is")
        for result in trace.result.versions {
            let steps = trace.trace.filter { $0.version == result.version }
            let scale = max(1, (result.rtts + 63) / 64)
            let columns = (result.rtts + scale - 1) / scale
            if result.version == trace.result.versions.first?.version {
                lines[lines.count - 1] += scale == 1 ? " one RTT." : " \(scale) RTTs."
            }
            lines.append("")
            lines.append(
                HTTPText.bold(result.version.label, style)
                    + ": \(result.rtts) RTT = \(result.milliseconds) ms, \(result.connections) connection"
                    + (result.connections == 1 ? "" : "s"))
            var axis = ""
            for column in stride(from: 0, to: columns, by: 5) {
                axis += HTTPText.pad(String(column * scale), 5)
            }
            lines.append(("       " + HTTPText.fit(axis, 72)).httpTrailingTrimmed)
            let shown = min(result.connections, 12)
            for connection in 1...max(shown, 1) {
                var cells = [Character](repeating: " ", count: columns)
                func mark(_ time: Int, _ symbol: Character) {
                    let column = time / scale
                    guard cells.indices.contains(column) else { return }
                    let rank: [Character: Int] = [" ": 0, "-": 1, "T": 2, "H": 3, "=": 4]
                    if rank[symbol]! > rank[cells[column]]! { cells[column] = symbol }
                }
                let mine = steps.filter { $0.connection == connection }
                var pending: [Int] = []
                for step in mine {
                    switch step.kind {
                    case .tcp: mark(step.time, "H")
                    case .tls: for t in step.time..<step.time + (step.duration ?? 1) { mark(t, "T") }
                    case .request: pending.append(step.time)
                    case .flight: mark(step.time - 1, "=")
                    }
                }
                // Waiting: from a request until the connection's last flight after it.
                if let firstRequest = pending.min(), let lastFlight = mine.filter({ $0.kind == .flight }).map(\.time).max() {
                    for t in firstRequest..<lastFlight { mark(t, "-") }
                }
                let row = String(cells)
                let coloured =
                    style.color
                    ? row.replacingOccurrences(of: "=", with: HTTPText.colour("=", HTTPText.green, style))
                    : row
                lines.append(("  " + HTTPText.padLeft("c\(connection)", 4) + " " + coloured).httpTrailingTrimmed)
            }
            if result.connections > shown {
                lines.append("       ... \(result.connections - shown) more connections")
            }
        }
        if p.tls == "none", p.versions.contains(.http2) {
            lines.append("")
            lines.append("HTTP/2 without TLS is h2c; browsers speak HTTP/2 only over TLS (try --tls 1.3).")
        }
        lines.append("")
        lines.append(
            HTTPText.pad("", 20) + HTTPText.padLeft("RTTs", 6) + HTTPText.padLeft("ms", 8) + HTTPText.padLeft("conns", 7)
                + HTTPText.padLeft("handshake RTTs", 16) + HTTPText.padLeft("cwnd-bound", 12))
        for result in trace.result.versions {
            lines.append(
                HTTPText.pad(result.version.label, 20) + HTTPText.padLeft("\(result.rtts)", 6)
                    + HTTPText.padLeft("\(result.milliseconds)", 8) + HTTPText.padLeft("\(result.connections)", 7)
                    + HTTPText.padLeft("\(result.handshakeRTTs)", 16)
                    + HTTPText.padLeft("\(result.cwndLimitedRounds)", 12))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Without trailing spaces.
    var httpTrailingTrimmed: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
