import Testing

@testable import Demos
@testable import Models

struct HTTPMethodsDemoTests {
    @Test func safeAndIdempotentMethodsAreThoseOfRFC9110() {
        let all = HTTPMethodTraits.all
        #expect(all.filter(\.safe).map(\.method) == ["GET", "HEAD", "OPTIONS", "TRACE"])
        #expect(all.filter(\.idempotent).map(\.method) == ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"])
        // Every safe method is idempotent (RFC 9110 §9.2.2).
        #expect(all.allSatisfy { !$0.safe || $0.idempotent })
        #expect(all.filter { $0.cacheable == "yes" }.map(\.method) == ["GET", "HEAD"])
        #expect(HTTPMethodTraits.named("patch")?.section == "RFC 5789 §2")
    }

    static func run(_ parameters: HTTPMethodsDemo.Parameters, seed: UInt64) throws
        -> DemoTrace<HTTPMethodsDemo.Parameters, HTTPMethodsDemo.Step, HTTPMethodsDemo.Outcome>
    {
        try HTTPMethodsDemo.run(parameters, seed: seed)
    }

    /// Idempotent methods are retried by the browser and always end as intended; POST and PATCH
    /// are not, and some runs (the server had acted, the user retried) end with a duplicate.
    @Test(arguments: HTTPMethodTraits.all)
    func retryingIsHarmlessExactlyForIdempotentMethods(_ traits: HTTPMethodTraits) throws {
        var outcomes: Set<Int> = []
        for seed in UInt64(0)..<40 {
            let trace = try Self.run(.init(method: traits.method, scenario: "retry", postRedirectGet: false), seed: seed)
            let retried = trace.trace.contains { $0.actor == "browser" && ($0.text ?? "").contains("resends") }
            #expect(retried == traits.idempotent)
            outcomes.insert(trace.result.recorded["retry"]! - trace.result.intended["retry"]!)
        }
        #expect(outcomes == (traits.idempotent ? [0] : traits.safe ? [0] : [-1, 0, 1]))
    }

    @Test func postRedirectGetNeverDuplicatesAnOrderOnBack() throws {
        var withoutPRG: Set<Int> = []
        for seed in UInt64(0)..<20 {
            let prg = try Self.run(.init(scenario: "back-forward", postRedirectGet: true), seed: seed)
            #expect(prg.result.recorded["back-forward"] == 1)
            let plain = try Self.run(.init(scenario: "back-forward", postRedirectGet: false), seed: seed)
            withoutPRG.insert(plain.result.recorded["back-forward"]!)
        }
        #expect(withoutPRG == [1, 2])
    }

    @Test func everyRequestSentIsWellFormedHTTP11() throws {
        for seed in UInt64(0)..<10 {
            let trace = try Self.run(.init(scenario: "all", postRedirectGet: seed % 2 == 0), seed: seed)
            for bytes in trace.trace.compactMap(\.bytes) {
                var parser = HTTP1Parser(role: .server)
                let actions = parser.receive(bytes.bytes)
                #expect(actions.last == .end(trailers: []) && parser.isIdle)
            }
        }
    }

    @Test func optionsAreChecked() throws {
        let options = ["--method", "put", "--scenario", "retry"]
        #expect(try HTTPMethodsDemo.parameters(from: options) == .init(method: "PUT", scenario: "retry", postRedirectGet: false))
        for bad in [["--method", "FETCH"], ["--scenario", "forward"]] {
            let options = bad
            #expect(throws: DemoError.self) { try HTTPMethodsDemo.parameters(from: options) }
        }
    }

    @Test func renderingStaysWithinEightyColumns() throws {
        for seed in UInt64(0)..<6 {
            for options in [[], ["--prg"], ["--method", "CONNECT"]] {
                let text = try DemoCatalog.execute(
                    name: "http.methods", arguments: options, seed: seed, json: false, style: .plain)
                #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
            }
        }
    }
}
