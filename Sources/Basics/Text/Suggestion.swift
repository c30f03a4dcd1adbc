/// "Did you mean ...?" for ids people type: the closest candidate by edit distance, if close.
public enum Suggestion {
    /// The candidate nearest to `typed` (case-insensitive; a swap of two neighbours, `tpc` for
    /// `tcp`, counts as one edit), when it is within a third of the typed length (at least 2);
    /// ties go to the alphabetically first.
    public static func closest(to typed: String, among candidates: some Sequence<String>) -> String? {
        let key = Array(typed.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(candidate.lowercased()), key)
            if best == nil || (distance, candidate) < (best!.distance, best!.candidate) { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(2, typed.count / 3) else { return nil }
        return best.candidate
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// neighbours each cost one.
    /// - Complexity: O(m·n) time, O(n) space.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var beforePrevious = Array(0...b.count)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                var cost = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
                if i > 0, j > 0, x == b[j - 1], a[i - 1] == y { cost = min(cost, beforePrevious[j - 1] + 1) }
                current.append(cost)
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}
