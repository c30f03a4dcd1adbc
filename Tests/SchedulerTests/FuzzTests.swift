import Basics
import Foundation
import Testing

@testable import Scheduler

@Suite("Fuzz")
struct FuzzTests {
    /// Returns a fixed uniform value (as its top 53 bits).
    struct FixedDraw: RandomNumberGenerator {
        let bits: UInt64
        func next() -> UInt64 { bits << 11 }
    }

    @Test("The lowest and highest fuzzed intervals are the reference's, for three maximum intervals")
    func fuzzExtremesMatchTheReference() throws {
        let scalars = try ReferenceFixture.loadJSON("scalars") as! [String: Any]
        var checked = 0
        for case let row as [NSNumber] in scalars["fuzz_ranges"] as! [Any] {
            let scheduler = Scheduler(configuration: try SchedulerConfiguration(maximumInterval: row[0].intValue))
            let days = row[1].intValue
            let lowest = scheduler.fuzzedInterval(days: days) { 0 }
            let highest = scheduler.fuzzedInterval(days: days) { Double((1 << 53) - 1) * 0x1p-53 }
            #expect(lowest == row[2].intValue && highest == row[3].intValue, "\(days) days, maximum \(row[0])")
            checked += 1
        }
        #expect(checked > 150)
    }

    @Test("Fuzzed intervals stay in range: at least 2 days, at most one day over the range, never over the maximum")
    func fuzzStaysInRange() throws {
        var generator = SplitMix64(seed: 42)
        var outside: [String] = []
        for maximum in [36500, 100] {
            let scheduler = Scheduler(configuration: try SchedulerConfiguration(maximumInterval: maximum))
            for days in 1...min(maximum, 400) {
                let range = scheduler.fuzzRange(forInterval: days)
                let allowed = days < 3 ? days...days : max(2, range.lowerBound)...min(range.upperBound + 1, maximum)
                for _ in 0..<20 {
                    let fuzzed = scheduler.fuzzedInterval(days: days) { generator.nextUnitInterval() }
                    if !allowed.contains(fuzzed) { outside.append("\(days) -> \(fuzzed), maximum \(maximum)") }
                }
            }
        }
        #expect(outside.isEmpty, "\(outside.prefix(5))")
        // Worked examples: 3 days spread 1.075 -> 2...4; 100 days spread 1 + 0.675 + 1.3 + 4 = 6.975 -> 93...107.
        let scheduler = Scheduler()
        #expect(scheduler.fuzzRange(forInterval: 3) == 2...4)
        #expect(scheduler.fuzzRange(forInterval: 100) == 93...107)
    }

    @Test("Fuzz is deterministic for a seed, varies between seeds, and only moves review intervals")
    func fuzzIsDeterministic() throws {
        let scheduler = Scheduler(configuration: .default)
        let start = Date(millisecondsSince1970: 1_700_000_000_000)
        func run(seed: UInt64) -> [Date] {
            var generator = SplitMix64(seed: seed)
            var card = MemoryCard.new(at: start)
            var dues: [Date] = []
            for rating in [Rating.good, .good, .good, .good, .again, .good, .easy, .good, .hard, .good] {
                card = scheduler.review(card, rating: rating, at: card.due, using: &generator)
                dues.append(card.due)
            }
            return dues
        }
        #expect(run(seed: 1) == run(seed: 1))
        #expect(Set((1...8).map { run(seed: $0) }).count > 1)

        var generator = SplitMix64(seed: 9)
        let new = MemoryCard.new(at: start)
        #expect(scheduler.review(new, rating: .good, at: start, using: &generator).due == start + 600)
        let unfuzzed = scheduler.review(new, rating: .easy, at: start)
        var draws = [UInt64]()
        for bits: UInt64 in [0, 1 << 52, (1 << 53) - 1] {
            var fixed = FixedDraw(bits: bits)
            let card = scheduler.review(new, rating: .easy, at: start, using: &fixed)
            draws.append(UInt64(card.due.timeIntervalSince(start) / 86400))
            #expect(card.stability == unfuzzed.stability)
        }
        // An Easy first answer gives 8 days; spread 1 + 0.675 + 0.1 = 1.775, range 6...10; the
        // draws 0, 1/2 and the largest below 1 give round(6), round(8.5) = 8 (half to even) and
        // round(10.99...) = 11, as the reference does.
        #expect(scheduler.fuzzRange(forInterval: 8) == 6...10)
        #expect(draws == [6, 8, 11])
    }

    @Test("SplitMix64 gives the published sequence for seed 0")
    func splitMixSequence() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
