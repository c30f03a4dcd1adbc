import Testing

@testable import Demos
@testable import Models

@Suite struct RTOTests {
    @Test func firstSampleSetsSRTTAndHalfAsRTTVAR() {
        var estimator = RTOEstimator(minimum: 0.2)
        estimator.sample(0.5)
        #expect(estimator.srtt == 0.5 && estimator.rttvar == 0.25)
        #expect(estimator.rto == 1.5)
    }

    @Test func laterSamplesUpdateRTTVARWithTheOldSRTT() {
        var estimator = RTOEstimator(minimum: 0.2)
        estimator.sample(0.5)
        estimator.sample(0.1)
        // RTTVAR = 3/4 * 0.25 + 1/4 * |0.5 - 0.1| = 0.2875; SRTT = 7/8 * 0.5 + 1/8 * 0.1 = 0.45.
        #expect(abs(estimator.rttvar! - 0.2875) < 1e-12)
        #expect(abs(estimator.srtt! - 0.45) < 1e-12)
        #expect(abs(estimator.rto - (0.45 + 4 * 0.2875)) < 1e-12)
    }

    @Test func rtoNeverDropsBelowTheMinimum() {
        var estimator = RTOEstimator()
        estimator.sample(0.01)
        #expect(estimator.rto == 1)
    }

    @Test func granularityBoundsTheVarianceTerm() {
        var estimator = RTOEstimator(granularity: 0.5, minimum: 0.001)
        estimator.sample(0.1)
        for _ in 0..<200 { estimator.sample(0.1) }
        #expect(abs(estimator.rto - 0.6) < 1e-9)
    }

    @Test func timeoutsDoubleUpToTheMaximum() {
        var estimator = RTOEstimator()
        var seen: [Double] = []
        for _ in 0..<7 {
            estimator.timeout()
            seen.append(estimator.rto)
        }
        #expect(seen == [2, 4, 8, 16, 32, 60, 60])
    }

    @Test func karnsRuleSkipsTheAmbiguousSampleAndKeepsTheBackoff() throws {
        let options = words(["samples": "0.5,timeout,retx:0.3,0.5", "min-rto": "0.2"])
        let trace = try RTODemo.run(try RTODemo.parameters(from: options), seed: 1)
        #expect(trace.trace.map(\.rto) == [1, 1.5, 3, 3, 1.25])
        #expect(trace.trace[3].srtt == 0.5)
    }

    @Test func defaultSamplesComeFromTheSeed() throws {
        let options = words([:])
        let parameters = try RTODemo.parameters(from: options)
        #expect(try RTODemo.run(parameters, seed: 5).trace == RTODemo.run(parameters, seed: 5).trace)
        #expect(try RTODemo.run(parameters, seed: 5).params.inputs.count == 10)
    }

    @Test func badSampleIsABadOption() {
        let options = words(["samples": "0.1,soon"])
        #expect(throws: DemoError.self) { try RTODemo.parameters(from: options) }
    }
}
