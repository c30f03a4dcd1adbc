import Foundation

/// How long `netprep serve` takes to answer its pages: each page fetched over a new loopback
/// connection, as a browser's first visit would, timed from connect to the last byte.
public enum PageLoadBenchmark {
    public struct Page: Codable, Sendable {
        public var path: String
        public var bytes: Int
        public var status: Int
        public var medianMs: Double
        public var p99Ms: Double
    }

    public struct Report: Codable, Sendable {
        public var samples: Int
        public var goalMs: Double
        public var pages: [Page]

        public var passed: Bool { pages.allSatisfy { $0.status == 200 && $0.p99Ms < goalMs } }

        public func rendered() -> String {
            var lines = [
                "page                                      bytes   median      p99   (\(samples) loads each, goal < \(Int(goalMs)) ms)"
            ]
            for page in pages {
                let path = page.path.padding(toLength: 38, withPad: " ", startingAt: 0)
                lines.append(
                    String(
                        format: "%@ %9d %7.2f ms %7.2f ms%@", path, page.bytes, page.medianMs, page.p99Ms,
                        page.status == 200 ? (page.p99Ms < goalMs ? "" : "  SLOW") : "  HTTP \(page.status)"))
            }
            lines.append(passed ? "every page under \(Int(goalMs)) ms" : "some pages missed the goal")
            return lines.joined(separator: "\n")
        }
    }

    /// The pages a person opens most, on the built-in notes.
    public static let defaultPages = [
        "/", "/search?q=%E6%8F%A1%E6%89%8B", "/search?q=TIME_WAIT", "/note/tcp.handshake", "/note/https-tls.handshake",
        "/graph?topic=tcp&depth=1", "/graph", "/demos", "/demo/tcp.congestion", "/demo/tls.handshake/svg", "/quiz", "/stats",
        "/static/app.js",
    ]

    /// Fetches each page once to warm it, then `samples` times.
    public static func run(port: Int, pages: [String] = defaultPages, samples: Int, goalMs: Double = 100) -> Report {
        var results: [Page] = []
        for path in pages {
            var times: [Double] = []
            var last = fetch(port: port, path: path)
            for _ in 0..<samples {
                let start = DispatchTime.now().uptimeNanoseconds
                last = fetch(port: port, path: path)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            times.sort()
            let p99 = times[min(times.count - 1, Int((Double(times.count) * 0.99).rounded(.up)) - 1)]
            results.append(
                Page(path: path, bytes: last.bytes, status: last.status, medianMs: times[times.count / 2], p99Ms: p99))
        }
        return Report(samples: samples, goalMs: goalMs, pages: results)
    }

    /// One GET over a new connection: the status and the size of the whole reply.
    static func fetch(port: Int, path: String) -> (status: Int, bytes: Int) {
        do {
            let reply = try LoopbackHTTP.request(port: port, path: path)
            return (reply.status, reply.bytes)
        } catch {
            return (0, 0)
        }
    }
}
