import Basics
import Foundation
import Scheduler

extension Scheduler {
    /// Runs `steps` reviews over a pool of cards as a benchmark workload: each card is reviewed
    /// in turn, early, on time or late by a random fraction of its interval, with every rating
    /// (Again 15 %, Hard 15 %, Good 55 %, Easy 15 %), and starts over as a new card every 64
    /// reviews. The random choices are drawn before the run from `seed`, so the loop does
    /// nothing but schedule.
    ///
    /// - Returns: The sum of the stabilities after each review, so that no work can be skipped
    ///   and runs can be compared.
    /// - Complexity: O(steps).
    public func simulate(steps: Int, cards cardCount: Int = 1024, seed: UInt64 = 1) -> Double {
        var generator = SplitMix64(seed: seed)
        let choices = 4096
        var ratings: [Rating] = []
        var lateness: [Double] = []
        for _ in 0..<choices {
            let roll = generator.nextUnitInterval()
            ratings.append(roll < 0.15 ? .again : roll < 0.30 ? .hard : roll < 0.85 ? .good : .easy)
            lateness.append(generator.nextUnitInterval() * 2 - 0.5)
        }
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var pool = Array(repeating: MemoryCard.new(at: start), count: max(cardCount, 1))
        var checksum = 0.0
        var index = 0
        var round = 0
        for step in 0..<steps {
            var card = pool[index]
            if round % 64 == 0 && round > 0 && card.lastReview != nil {
                card = .new(at: card.due)
            }
            let choice = step % choices
            var date = card.due
            if let last = card.lastReview {
                let interval = card.due.timeIntervalSince(last)
                date = last.addingTimeInterval(max(0, interval * (1 + lateness[choice])))
            }
            card = review(card, rating: ratings[choice], at: date)
            checksum += card.stability!
            pool[index] = card
            index += 1
            if index == pool.count {
                index = 0
                round += 1
            }
        }
        return checksum
    }
}
