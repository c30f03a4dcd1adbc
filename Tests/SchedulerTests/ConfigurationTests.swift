import Foundation
import Testing

@testable import Scheduler

@Suite("Parameters and configuration")
struct ConfigurationTests {
    @Test("The defaults and bounds are the reference's")
    func defaultsAndBoundsAreTheReferences() throws {
        let scalars = try ReferenceFixture.loadJSON("scalars") as! [String: Any]
        #expect(FSRSParameters.default.weights == (scalars["default_parameters"] as! [NSNumber]).map(\.doubleValue))
        #expect(FSRSParameters.lowerBounds == (scalars["lower_bounds"] as! [NSNumber]).map(\.doubleValue))
        #expect(FSRSParameters.upperBounds == (scalars["upper_bounds"] as! [NSNumber]).map(\.doubleValue))
        let configuration = SchedulerConfiguration.default
        #expect(configuration.desiredRetention == 0.9)
        #expect(configuration.learningSteps == [60, 600] && configuration.relearningSteps == [600])
        #expect(configuration.maximumInterval == 36500 && configuration.enableFuzzing)
    }

    @Test("Parameters at their bounds are accepted")
    func boundsAreInclusive() throws {
        _ = try FSRSParameters(FSRSParameters.lowerBounds)
        _ = try FSRSParameters(FSRSParameters.upperBounds)
    }

    @Test("A list of the wrong length is refused with the count")
    func wrongCountIsRefused() {
        #expect(throws: SchedulerError.wrongParameterCount(20)) {
            try FSRSParameters(Array(FSRSParameters.default.weights.dropLast()))
        }
        #expect(throws: SchedulerError.wrongParameterCount(22)) {
            try FSRSParameters(FSRSParameters.default.weights + [0.5])
        }
    }

    @Test("Every value out of bounds is named, with its bounds")
    func outOfBoundsValuesAreListed() {
        var weights = FSRSParameters.default.weights
        weights[4] = 10.5
        weights[20] = 0.05
        do {
            _ = try FSRSParameters(weights)
            Issue.record("accepted out-of-bounds parameters")
        } catch {
            guard case .parametersOutOfBounds(let violations) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(violations.map(\.index) == [4, 20])
            #expect(violations[0].lowerBound == 1 && violations[0].upperBound == 10)
            #expect(error.description.contains("w4 = 10.5 is outside [1.0, 10.0]"))
            #expect(error.description.contains("w20 = 0.05 is outside [0.1, 0.8]"))
        }
        weights = FSRSParameters.default.weights
        weights[7] = .nan
        #expect(throws: SchedulerError.self) { try FSRSParameters(weights) }
    }

    @Test("Parameters parse from a comma-separated list; a bad entry is named by position")
    func parametersParse() throws {
        let text = FSRSParameters.default.weights.map { "\($0)" }.joined(separator: ", ")
        #expect(try FSRSParameters(parsing: text) == .default)
        #expect(throws: SchedulerError.parameterNotANumber(index: 2, text: "x")) {
            try FSRSParameters(parsing: "0.2,1.2,x")
        }
        #expect(throws: SchedulerError.parameterNotANumber(index: 1, text: "")) {
            try FSRSParameters(parsing: "0.2,,1")
        }
    }

    @Test("Retention, steps and the maximum interval are checked", arguments: [0.0, 1.0, 1.5, -0.2, .nan])
    func badRetentionIsRefused(retention: Double) {
        #expect(throws: SchedulerError.self) { try SchedulerConfiguration(desiredRetention: retention) }
    }

    @Test("Non-positive steps and a maximum interval under a day are refused")
    func badStepsAndMaximumAreRefused() {
        #expect(throws: SchedulerError.invalidStep(0)) { try SchedulerConfiguration(learningSteps: [60, 0]) }
        #expect(throws: SchedulerError.invalidStep(-5)) { try SchedulerConfiguration(relearningSteps: [-5]) }
        #expect(throws: SchedulerError.maximumIntervalTooSmall(0)) { try SchedulerConfiguration(maximumInterval: 0) }
    }

    @Test("Steps parse from lists like 1m,10m; empty means none")
    func stepsParse() throws {
        #expect(try SchedulerConfiguration.parseSteps("1m,10m") == [60, 600])
        #expect(try SchedulerConfiguration.parseSteps("30s, 2h ,1d") == [30, 7200, 86400])
        #expect(try SchedulerConfiguration.parseSteps("") == [])
        #expect(try SchedulerConfiguration.parseSteps("  ") == [])
        for bad in ["10", "1m,", "0m", "-1m", "1.5m", "1w", "m"] {
            #expect(throws: SchedulerError.self, "\(bad)") { try SchedulerConfiguration.parseSteps(bad) }
        }
    }

    @Test("Configurations and cards survive a JSON round trip; bad JSON values are refused")
    func codableRoundTrips() throws {
        let configuration = try SchedulerConfiguration(
            desiredRetention: 0.85, learningSteps: [30], maximumInterval: 365)
        let data = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(SchedulerConfiguration.self, from: data) == configuration)
        let card = Scheduler().review(
            .new(at: Date(timeIntervalSince1970: 1e9)), rating: .good, at: Date(timeIntervalSince1970: 1e9))
        #expect(try JSONDecoder().decode(MemoryCard.self, from: JSONEncoder().encode(card)) == card)
        let bad = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "0.85", with: "1.85")
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(SchedulerConfiguration.self, from: Data(bad.utf8))
        }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(FSRSParameters.self, from: Data("[1,2]".utf8)) }
    }
}
