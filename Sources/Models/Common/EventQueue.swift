/// The events of a discrete-event simulation, taken earliest first; events due at the same time
/// come in the order they were scheduled. The TCP connection and sliding-window simulations
/// run on it.
struct EventQueue<Event> {
    private var pending: [(time: Int, order: Int, event: Event)] = []
    private var scheduled = 0

    var isEmpty: Bool { pending.isEmpty }

    mutating func schedule(_ event: Event, at time: Int) {
        scheduled += 1
        pending.append((time, scheduled, event))
    }

    /// The earliest event, with its time, taken off the queue; nil when none is left.
    /// - Complexity: O(n) in the events pending (a simulation holds a handful at a time).
    mutating func next() -> (time: Int, event: Event)? {
        let earliest = pending.indices.min {
            (pending[$0].time, pending[$0].order) < (pending[$1].time, pending[$1].order)
        }
        guard let earliest else { return nil }
        let (time, _, event) = pending.remove(at: earliest)
        return (time, event)
    }
}
