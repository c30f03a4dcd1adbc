import Testing

@testable import Demos
@testable import Models

struct PageLoadDemoTests {
    static func totals(_ parameters: PageLoadDemo.Parameters) throws -> [PageLoadDemo.Version: Int] {
        let trace = try PageLoadDemo.run(parameters, seed: 0)
        return Dictionary(uniqueKeysWithValues: trace.result.versions.map { ($0.version, $0.rtts) })
    }

    /// With objects of one segment, the model gives the textbook counts: HTTP/1.0 pays a
    /// handshake and a request per object, keep-alive one request per object, pipelining and
    /// HTTP/2 one round for all objects; TLS adds its RTTs per connection.
    @Test(arguments: ["none", "1.2", "1.3"])
    func smallObjectsGiveTheTextbookRoundTrips(tls: String) throws {
        let handshake = 1 + (tls == "1.2" ? 2 : tls == "1.3" ? 1 : 0)
        for objects in 0...11 {
            let totals = try Self.totals(.init(objects: objects, sizeKB: 1, tls: tls))
            #expect(totals[.http10] == (objects + 1) * (handshake + 1), "\(objects) objects")
            #expect(totals[.keepAlive] == handshake + 1 + objects)
            #expect(totals[.pipelining] == handshake + 1 + (objects > 0 ? 1 : 0))
            #expect(totals[.http2] == handshake + 1 + (objects > 0 ? 1 : 0))
        }
    }

    /// A lone response of S segments on a new connection takes the r flights for which
    /// initcwnd·(2^r − 1) ≥ S: slow start doubles the window every RTT.
    @Test func slowStartRoundsMatchTheClosedForm() throws {
        for initcwnd in [1, 2, 4, 10] {
            for sizeKB in stride(from: 1, through: 300, by: 7) {
                let segments = (sizeKB * 1024 + 1459) / 1460
                var rounds = 0
                while initcwnd * ((1 << rounds) - 1) < segments { rounds += 1 }
                let totals = try Self.totals(.init(objects: 0, sizeKB: sizeKB, versions: [.http10], initcwnd: initcwnd))
                #expect(totals[.http10] == 1 + rounds, "initcwnd \(initcwnd), \(segments) segments")
            }
        }
    }

    @Test func aSlowResponseBlocksThoseBehindItOnlyWhenPipelined() throws {
        let trace = try PageLoadDemo.run(.init(objects: 5, sizeKB: 1, slow: 1, think: 4), seed: 0)
        let results = Dictionary(uniqueKeysWithValues: trace.result.versions.map { ($0.version, $0.completed) })
        let pipelined = try #require(results[.pipelining])
        let multiplexed = try #require(results[.http2])
        #expect(pipelined[2...].allSatisfy { $0 >= pipelined[1] })
        #expect(multiplexed[2...].allSatisfy { $0 < multiplexed[1] })
        #expect(pipelined == [2, 7, 7, 7, 7, 7])
        #expect(multiplexed == [2, 7, 3, 3, 3, 3])
    }

    @Test func parallelConnectionsShortenHTTP10AndPayAHandshakeEach() throws {
        let trace = try PageLoadDemo.run(
            .init(objects: 12, sizeKB: 1, tls: "1.3", versions: [.http10, .keepAlive], connections: 6), seed: 0)
        let http10 = trace.result.versions[0], keepAlive = trace.result.versions[1]
        #expect(http10.connections == 13 && http10.handshakeRTTs == 26 && http10.rtts == 3 + 2 * 3)
        #expect(keepAlive.connections == 6 && keepAlive.rtts < 3 + 13)
    }

    /// Seed-independent defaults (10 objects of 10 KB): pinned.
    @Test func defaultsArePinned() throws {
        let trace = try PageLoadDemo.run(.init(), seed: 42)
        #expect(trace.result.versions.map(\.rtts) == [22, 12, 5, 5])
        #expect(trace.result.versions.map(\.cwndLimitedRounds) == [0, 0, 2, 2])
        let flights = trace.trace.filter { $0.version == .http2 && $0.kind == .flight }
        #expect(flights.map(\.cwnd) == [10, 18, 36, 72])
        #expect(flights.map { $0.segments!.reduce(0, +) } == [8, 18, 36, 26])
    }

    @Test func optionsAreCheckedAndRead() throws {
        let options = ["--version", "pipelining", "--tls", "1.3", "--slow", "2", "--objects", "3"]
        let parameters = try PageLoadDemo.parameters(from: options)
        #expect(parameters.versions == [.pipelining] && parameters.tlsRTTs == 1 && parameters.slow == 2)
        for bad in [["--tls", "1.1"], ["--version", "3"], ["--slow", "5", "--objects", "4"], ["--objects", "101"]] {
            let options = bad
            #expect(throws: DemoError.self) { try PageLoadDemo.parameters(from: options) }
        }
    }

    @Test func renderingStaysWithinEightyColumns() throws {
        for options in [[], ["--objects", "100", "--size", "1000", "--tls", "1.2"], ["--connections", "6", "--slow", "3"]] {
            let text = try DemoCatalog.execute(name: "http.versions", arguments: options, seed: 1, json: false, style: .plain)
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(options)")
        }
    }
}
