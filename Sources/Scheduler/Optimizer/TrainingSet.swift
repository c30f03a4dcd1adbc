import Foundation

/// One training item: a review a day or more after the card's previous review, to be predicted
/// from the card's reviews before it.
struct TrainingItem: Sendable, Hashable {
    /// The card, as an index into `TrainingSet.sequences`.
    let sequence: Int
    /// The review's position in the card's sequence (at least 1).
    let position: Int
    /// The review's weight in the training loss.
    var weight: Double
}

/// A learner's history made ready for fitting: each card's reviews, and the items to predict.
struct TrainingSet: Sendable {
    let sequences: [ReviewSequence]
    /// Every review a day or more after the previous one, in order of review time.
    let items: [TrainingItem]

    /// - Parameter sequences: Cards in any order; they are kept sorted by card id, so that the
    ///   result does not depend on the order they come in.
    init(sequences: [ReviewSequence]) {
        let sequences = sequences.sorted { $0.cardID < $1.cardID }
        self.sequences = sequences
        var items: [TrainingItem] = []
        for (index, sequence) in sequences.enumerated() {
            for position in sequence.ratings.indices.dropFirst() where sequence.elapsedDays[position] >= 1 {
                items.append(TrainingItem(sequence: index, position: position, weight: 1))
            }
        }
        items.sort {
            let a = sequences[$0.sequence].times[$0.position]
            let b = sequences[$1.sequence].times[$1.position]
            return a != b ? a < b : ($0.sequence, $0.position) < ($1.sequence, $1.position)
        }
        self.items = items
    }

    /// The position of a card's first review a day or more after the one before, if any.
    func firstLongTermPosition(of sequence: Int) -> Int? {
        sequences[sequence].elapsedDays.indices.dropFirst().first { sequences[sequence].elapsedDays[$0] >= 1 }
    }

    /// How many of the reviews up to and including `position` came a day or more after the one
    /// before.
    func longTermCount(_ item: TrainingItem) -> Int {
        sequences[item.sequence].elapsedDays[1...item.position].count { $0 >= 1 }
    }
}

/// The first-answer groups that fix the initial stabilities: for each first rating, the
/// outcome of each card's first review on a later day, by the days elapsed before it.
struct FirstReviewGroups {
    struct Group {
        var days: Int
        var recalled: Int
        var count: Int
    }

    /// `groups[rating - 1]`, sorted by days.
    var groups: [[Group]] = Array(repeating: [], count: 4)

    var counts: [Int] { groups.map { $0.reduce(0) { $0 + $1.count } } }
}

extension TrainingSet {
    /// The items of cards whose first answer and first interval make a common pair, and the
    /// first-review groups of those cards, with rare pairs removed as fsrs-rs's outlier filter
    /// does: in each first rating, the smallest groups (about 5% of the cards, at least 20) and
    /// any group of fewer than six cards or with a first interval over 100 days (365 for Easy).
    func filteredForTraining() -> (items: [TrainingItem], groups: FirstReviewGroups) {
        // (first rating, days) -> [recalled?] per card.
        var byRating: [[Int: [Bool]]] = Array(repeating: [:], count: 4)
        var firstLongTerm: [Int?] = Array(repeating: nil, count: sequences.count)
        for index in sequences.indices {
            guard let position = firstLongTermPosition(of: index) else { continue }
            firstLongTerm[index] = position
            let sequence = sequences[index]
            byRating[sequence.ratings[0].rawValue - 1][sequence.elapsedDays[position], default: []]
                .append(sequence.ratings[position] != .again)
        }
        var removed: [Set<Int>] = Array(repeating: [], count: 4)
        var groups = FirstReviewGroups()
        for rating in 0..<4 {
            // Largest groups first; among equal sizes, longer intervals first.
            let subGroups = byRating[rating].sorted {
                $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key > $1.key
            }
            let total = subGroups.reduce(0) { $0 + $1.value.count }
            var removedSoFar = 0
            for (days, outcomes) in subGroups.reversed() {
                if removedSoFar + outcomes.count >= max(20, total / 20) {
                    let limit = rating == 3 ? 365 : 100
                    if outcomes.count >= 6 && days <= limit {
                        groups.groups[rating].append(
                            .init(days: days, recalled: outcomes.count { $0 }, count: outcomes.count))
                    } else {
                        removed[rating].insert(days)
                    }
                } else {
                    removedSoFar += outcomes.count
                    removed[rating].insert(days)
                }
            }
            groups.groups[rating].sort { $0.days < $1.days }
        }
        let kept = items.filter { item in
            guard let position = firstLongTerm[item.sequence] else { return false }
            let sequence = sequences[item.sequence]
            return !removed[sequence.ratings[0].rawValue - 1].contains(sequence.elapsedDays[position])
        }
        return (kept, groups)
    }
}
