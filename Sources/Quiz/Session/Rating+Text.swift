import Foundation
import Scheduler
import Store

extension Rating {
    /// Reads `1` ... `4` or the rating's name (`again`, `hard`, `good`, `easy`).
    public init?(text: String) {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Int(word), let rating = Rating(rawValue: number) {
            self = rating
        } else if let rating = Rating.allCases.first(where: { $0.description == word }) {
            self = rating
        } else {
            return nil
        }
    }
}

/// An interval as the rating buttons show it: `45s`, `10m`, `3h`, `4d`, `2.1mo`, `1.5y`.
public func formatInterval(_ seconds: TimeInterval) -> String {
    let s = max(0, seconds)
    if s < 60 { return "\(Int(s.rounded()))s" }
    if s < 3600 { return "\(Int((s / 60).rounded()))m" }
    if s < 86_400 { return "\(Int((s / 3600).rounded()))h" }
    let days = s / 86_400
    if days < 30 { return "\(Int(days.rounded()))d" }
    if days < 365 { return String(format: "%.1fmo", days / 30) }
    return String(format: "%.1fy", days / 365)
}
