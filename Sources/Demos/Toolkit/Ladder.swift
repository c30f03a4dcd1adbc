/// A ladder (sequence) diagram: parties side by side, messages between them in order, with
/// notes, state changes and banners. Every demo that shows an exchange builds one; it is drawn
/// to a terminal (`Ladder+Terminal.swift`) or to SVG (`Ladder+SVG.swift`) from the same value.
public struct Ladder: Sendable, Equatable {
    /// How a line is meant: as it is, as a failure, or as a success.
    public enum Tone: Sendable, Equatable {
        case plain, failed, good
    }

    public enum Row: Sendable, Equatable {
        /// A message between two lanes, optionally at a time (seconds) and tagged at its end
        /// (a round-trip count); a lost one never arrives.
        case message(from: Int, to: Int, label: String, time: Double?, tag: String?, lost: Bool, tone: Tone)
        /// A frame every other lane receives (an Ethernet broadcast).
        case broadcast(from: Int, label: String)
        /// A remark beside a lane, or across the middle when `lane` is nil.
        case note(lane: Int?, text: String, time: Double?, tone: Tone)
        /// Lanes entering new states (TCP's CLOSED, SYN_SENT, ...), keyed by lane.
        case state(time: Double?, states: [Int: String])
        /// A heading across the whole width (a new phase of the run).
        case banner(String)
        /// An empty step.
        case gap
    }

    public var title: String?
    public var lanes: [String]
    public var rows: [Row] = []
    /// A line under the diagram: a result or a summary.
    public struct FooterLine: Sendable, Equatable {
        public var text: String
        public var tone: Tone
    }

    /// Lines under the diagram: results and summaries.
    public var footer: [FooterLine] = []

    public init(lanes: [String], title: String? = nil) {
        self.lanes = lanes
        self.title = title
    }

    public mutating func message(
        from: Int, to: Int, _ label: String, time: Double? = nil, tag: String? = nil, lost: Bool = false, tone: Tone = .plain
    ) {
        rows.append(.message(from: from, to: to, label: label, time: time, tag: tag, lost: lost, tone: tone))
    }

    public mutating func broadcast(from: Int, _ label: String) {
        rows.append(.broadcast(from: from, label: label))
    }

    public mutating func note(_ text: String, lane: Int? = nil, time: Double? = nil, tone: Tone = .plain) {
        rows.append(.note(lane: lane, text: text, time: time, tone: tone))
    }

    public mutating func state(_ states: [Int: String], time: Double? = nil) {
        rows.append(.state(time: time, states: states))
    }

    public mutating func banner(_ text: String) { rows.append(.banner(text)) }

    public mutating func gap() { rows.append(.gap) }

    public mutating func footer(_ text: String, tone: Tone = .plain) { footer.append(FooterLine(text: text, tone: tone)) }

    /// The messages in order: what a reader of the picture follows.
    public var messages: [(from: Int, to: Int, label: String)] {
        rows.compactMap {
            if case .message(let from, let to, let label, _, _, _, _) = $0 { return (from, to, label) }
            return nil
        }
    }
}
