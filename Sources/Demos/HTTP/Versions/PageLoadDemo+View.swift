import ArgumentParser
import Basics
import Foundation
import Models

extension PageLoadDemo: Demo {
    public static let summary = "One page over HTTP/1.0, 1.1 keep-alive, 1.1 pipelining and HTTP/2, in RTTs"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Objects the page references, 0-100.", valueName: "n"))
        var objects = 10
        @Option(help: ArgumentHelp("Size of the page and of each object, 1-10000 KB.", valueName: "kb"))
        var size = 10
        @Option(help: ArgumentHelp("Round-trip time in milliseconds, 1-2000.", valueName: "ms"))
        var rtt = 100
        @Option(help: ArgumentHelp("TLS: none, 1.2 or 1.3.", valueName: "version"))
        var tls = "none"
        @Option(help: ArgumentHelp("HTTP version: all, 1.0, 1.1, pipelining or 2.", valueName: "version"))
        var version = "all"
        @Option(help: ArgumentHelp("Parallel connections for HTTP/1.x, 1-8 (browsers use 6).", valueName: "n"))
        var connections = 1
        @Option(help: ArgumentHelp("Initial congestion window in segments, 1-100.", valueName: "n"))
        var initcwnd = 10
        @Option(
            help: ArgumentHelp(
                "Object K takes the server --think RTTs to produce (head-of-line blocking).", valueName: "k"))
        var slow = 0
        @Option(help: ArgumentHelp("Server think time of the slow object, 1-20 RTTs.", valueName: "n"))
        var think = 3

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        var parameters = Parameters(
            objects: try OptionCheck.within(options.objects, 0...100, "objects"),
            sizeKB: try OptionCheck.within(options.size, 1...10000, "size"),
            rtt: try OptionCheck.within(options.rtt, 1...2000, "rtt"),
            tls: options.tls,
            connections: try OptionCheck.within(options.connections, 1...8, "connections"),
            initcwnd: try OptionCheck.within(options.initcwnd, 1...100, "initcwnd"),
            think: try OptionCheck.within(options.think, 1...20, "think"))
        guard ["none", "1.2", "1.3"].contains(parameters.tls) else {
            throw DemoError.badOption("--tls takes none, 1.2 or 1.3")
        }
        let version = options.version
        if version != "all" {
            guard let chosen = Version(rawValue: version) else {
                throw DemoError.badOption("--version takes all, 1.0, 1.1, pipelining or 2")
            }
            parameters.versions = [chosen]
        }
        let slow = try OptionCheck.within(options.slow, 0...100, "slow")
        if slow > parameters.objects {
            throw DemoError.badOption("--slow \(slow): the page has only \(parameters.objects) objects")
        }
        parameters.slow = slow == 0 ? nil : slow
        return parameters
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
        let table = Table([
            .init("", 20, overflow: .mark), .init("RTTs", 6, .right), .init("ms", 8, .right), .init("conns", 7, .right),
            .init("handshake RTTs", 16, .right), .init("cwnd-bound", 12, .right),
        ])
        lines.append(table.header)
        for result in trace.result.versions {
            lines.append(
                table.row([
                    result.version.label, "\(result.rtts)", "\(result.milliseconds)", "\(result.connections)",
                    "\(result.handshakeRTTs)", "\(result.cwndLimitedRounds)",
                ]))
        }
        return lines.joined(separator: "\n")
    }
}
