/// The connection state machine of RFC 9293 §3.3.2 (Figure 5) and the event processing of
/// §3.10, driven one event at a time.
///
/// Each event method returns the `Action` the caller must carry out (send a segment, start or
/// restart the 2MSL timer, delete the TCB); an event the state diagram has no edge for throws
/// `TCPStateMachine.ImpossibleEvent`, naming the events that state does accept.
public struct TCPStateMachine: Sendable, Equatable {
    public private(set) var state: TCPState
    /// Whether the connection came from a passive open: a RST in SYN_RCVD then returns to
    /// LISTEN instead of CLOSED (RFC 9293 §3.10.7.4).
    public private(set) var passive: Bool

    public init(state: TCPState = .closed, passive: Bool = false) {
        self.state = state
        self.passive = passive
    }

    /// What the caller must do after an event.
    public enum Action: Equatable, Sendable, Codable, CustomStringConvertible {
        /// Nothing to send.
        case none
        /// Send a segment with these control bits.
        case send(TCPFlags)
        /// Optionally send a segment, then start the 2MSL timer of TIME_WAIT.
        case startTimeWait(send: TCPFlags?)
        /// Acknowledge a retransmitted FIN and restart the 2MSL timer (RFC 9293 §3.10.7.4).
        case restartTimeWait(send: TCPFlags)
        /// Optionally send a segment (RST on abort), then delete the TCB.
        case deleteTCB(send: TCPFlags?)

        public var description: String {
            switch self {
            case .none: return "-"
            case .send(let flags): return "send \(flags)"
            case .startTimeWait(let flags): return (flags.map { "send \($0), " } ?? "") + "start 2MSL timer"
            case .restartTimeWait(let flags): return "send \(flags), restart 2MSL timer"
            case .deleteTCB(let flags): return (flags.map { "send \($0), " } ?? "") + "delete TCB"
            }
        }
    }

    /// An event the state has no transition for.
    public struct ImpossibleEvent: Error, Equatable, CustomStringConvertible {
        public var state: TCPState
        public var event: TCPEvent
        public var accepted: [TCPEvent]

        public var description: String {
            "event \(event) is impossible in \(state); \(state) accepts: "
                + accepted.map(\.rawValue).joined(separator: ", ")
        }
    }

    /// One edge of the diagram: the state reached and the action.
    public struct Transition: Equatable, Sendable {
        public var to: TCPState
        public var action: Action
    }

    /// The edge `event` takes from `state`, or nil when there is none.
    ///
    /// RFC 9293 answers some segments outside the diagram with a RST or silently drops them;
    /// those count as impossible here, since they never change a connection's state.
    public static func transition(from state: TCPState, on event: TCPEvent, passive: Bool) -> Transition? {
        let ack = TCPFlags.ack
        switch (state, event) {
        case (.closed, .passiveOpen): return Transition(to: .listen, action: .none)
        case (.closed, .activeOpen): return Transition(to: .synSent, action: .send(.syn))

        case (.listen, .receiveSYN): return Transition(to: .synReceived, action: .send([.syn, .ack]))
        case (.listen, .send): return Transition(to: .synSent, action: .send(.syn))
        case (.listen, .close), (.listen, .abort): return Transition(to: .closed, action: .deleteTCB(send: nil))
        case (.listen, .receiveRST): return Transition(to: .listen, action: .none)

        case (.synSent, .receiveSYNACK): return Transition(to: .established, action: .send(ack))
        // Simultaneous open: both sides sent a SYN.
        case (.synSent, .receiveSYN): return Transition(to: .synReceived, action: .send([.syn, .ack]))
        case (.synSent, .close), (.synSent, .abort), (.synSent, .receiveRST):
            return Transition(to: .closed, action: .deleteTCB(send: nil))

        case (.synReceived, .receiveACK): return Transition(to: .established, action: .none)
        case (.synReceived, .close): return Transition(to: .finWait1, action: .send([.fin, .ack]))
        case (.synReceived, .receiveFIN): return Transition(to: .closeWait, action: .send(ack))
        case (.synReceived, .receiveRST):
            return passive ? Transition(to: .listen, action: .none) : Transition(to: .closed, action: .deleteTCB(send: nil))
        case (.synReceived, .abort): return Transition(to: .closed, action: .deleteTCB(send: .rst))

        case (.established, .close): return Transition(to: .finWait1, action: .send([.fin, .ack]))
        case (.established, .receiveFIN): return Transition(to: .closeWait, action: .send(ack))
        case (.established, .receiveACK): return Transition(to: .established, action: .none)

        case (.finWait1, .receiveACK): return Transition(to: .finWait2, action: .none)
        // Simultaneous close: the peer's FIN arrives before the ACK of ours.
        case (.finWait1, .receiveFIN): return Transition(to: .closing, action: .send(ack))
        case (.finWait1, .receiveFINACK): return Transition(to: .timeWait, action: .startTimeWait(send: ack))

        case (.finWait2, .receiveFIN): return Transition(to: .timeWait, action: .startTimeWait(send: ack))
        case (.finWait2, .receiveACK): return Transition(to: .finWait2, action: .none)

        case (.closeWait, .close): return Transition(to: .lastAck, action: .send([.fin, .ack]))
        case (.closeWait, .receiveACK): return Transition(to: .closeWait, action: .none)
        case (.closeWait, .receiveFIN): return Transition(to: .closeWait, action: .send(ack))

        case (.closing, .receiveACK): return Transition(to: .timeWait, action: .startTimeWait(send: nil))
        case (.closing, .receiveFIN): return Transition(to: .closing, action: .send(ack))

        case (.lastAck, .receiveACK): return Transition(to: .closed, action: .deleteTCB(send: nil))
        case (.lastAck, .receiveFIN): return Transition(to: .lastAck, action: .send(ack))

        case (.timeWait, .receiveFIN): return Transition(to: .timeWait, action: .restartTimeWait(send: ack))
        case (.timeWait, .timeout): return Transition(to: .closed, action: .deleteTCB(send: nil))

        case (.established, .abort), (.finWait1, .abort), (.finWait2, .abort), (.closeWait, .abort):
            return Transition(to: .closed, action: .deleteTCB(send: .rst))
        case (.closing, .abort), (.lastAck, .abort), (.timeWait, .abort):
            return Transition(to: .closed, action: .deleteTCB(send: nil))
        case (.established, .receiveRST), (.finWait1, .receiveRST), (.finWait2, .receiveRST),
            (.closeWait, .receiveRST), (.closing, .receiveRST), (.lastAck, .receiveRST), (.timeWait, .receiveRST):
            return Transition(to: .closed, action: .deleteTCB(send: nil))
        default:
            return nil
        }
    }

    /// The events `state` has an edge for, in declaration order.
    public static func acceptedEvents(in state: TCPState, passive: Bool) -> [TCPEvent] {
        TCPEvent.allCases.filter { transition(from: state, on: $0, passive: passive) != nil }
    }

    /// Applies one event.
    public mutating func handle(_ event: TCPEvent) throws(ImpossibleEvent) -> Action {
        guard let transition = Self.transition(from: state, on: event, passive: passive) else {
            throw ImpossibleEvent(state: state, event: event, accepted: Self.acceptedEvents(in: state, passive: passive))
        }
        switch event {
        case .passiveOpen: passive = true
        case .activeOpen, .send: passive = false
        default: break
        }
        state = transition.to
        return transition.action
    }
}
