import Store

/// The order new cards are introduced in: notes in topic-graph order, prerequisites first, and
/// within the day's batch, cards of one note spread apart.
public enum NewCardOrder {
    /// The notes of `graph` in an order where every note comes after the notes it lists as
    /// prerequisites; among notes that are ready at the same time, the earlier file first.
    /// A cycle of prerequisites is broken at the earliest file.
    ///
    /// - Complexity: O(n log n + e) for n notes and e prerequisite edges.
    public static func notes(_ graph: NoteGraph) -> [String] {
        var keys: [String] = []
        var rank: [String: Int] = [:]
        for note in graph.notes where rank[note.key] == nil {
            rank[note.key] = keys.count
            keys.append(note.key)
        }
        var waitingOn: [String: Set<String>] = [:]
        var dependents: [String: [String]] = [:]
        for edge in Set(graph.prerequisites) where edge.note != edge.requires {
            guard rank[edge.note] != nil, rank[edge.requires] != nil else { continue }
            waitingOn[edge.note, default: []].insert(edge.requires)
            dependents[edge.requires, default: []].append(edge.note)
        }
        var ready = Heap<Int>()
        for key in keys where waitingOn[key, default: []].isEmpty { ready.insert(rank[key]!) }
        var placed = Set<String>()
        var order: [String] = []
        while order.count < keys.count {
            let next: String
            if let index = ready.popMin() {
                next = keys[index]
                if placed.contains(next) { continue }
            } else {
                // A cycle: take the earliest note not yet placed.
                next = keys.first { !placed.contains($0) }!
            }
            placed.insert(next)
            order.append(next)
            for dependent in dependents[next, default: []] where !placed.contains(dependent) {
                waitingOn[dependent]?.remove(next)
                if waitingOn[dependent]?.isEmpty == true { ready.insert(rank[dependent]!) }
            }
        }
        return order
    }

    /// `cards` (already in introduction order) reordered so that cards of one note are spread
    /// apart: round robin over the notes in the order they first appear.
    ///
    /// - Complexity: O(n).
    public static func spread(_ cards: [NewCard]) -> [NewCard] {
        var groups: [[NewCard]] = []
        var groupOf: [String: Int] = [:]
        for card in cards {
            if let index = groupOf[card.note] {
                groups[index].append(card)
            } else {
                groupOf[card.note] = groups.count
                groups.append([card])
            }
        }
        var result: [NewCard] = []
        result.reserveCapacity(cards.count)
        var round = 0
        while result.count < cards.count {
            for group in groups where round < group.count {
                result.append(group[round])
            }
            round += 1
        }
        return result
    }
}

/// A minimal binary min-heap.
struct Heap<Element: Comparable> {
    private var items: [Element] = []

    mutating func insert(_ item: Element) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let minimum = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count && items[left] < items[smallest] { smallest = left }
            if right < items.count && items[right] < items[smallest] { smallest = right }
            if smallest == parent { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return minimum
    }
}
