/// `tcp.states`: the RFC 9293 state machine driven by a script of events.
public enum StatesDemo: Sendable {
    public static let name = "tcp.states"

    public struct Parameters: Codable, Sendable, Equatable {
        public var from: TCPState
        public var events: [TCPEvent]
        public var table: Bool

        public init(from: TCPState, events: [TCPEvent], table: Bool) {
            self.from = from
            self.events = events
            self.table = table
        }
    }

    public struct Step: Codable, Sendable, Equatable {
        public var event: TCPEvent
        public var from: TCPState
        public var to: TCPState
        public var action: String
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var final: TCPState
        public var transitions: Int
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        if parameters.table {
            var steps: [Step] = []
            for state in TCPState.allCases {
                for event in TCPEvent.allCases {
                    for passive in state == .synReceived && event == .receiveRST ? [true, false] : [state == .synReceived] {
                        guard let transition = TCPStateMachine.transition(from: state, on: event, passive: passive) else {
                            continue
                        }
                        let note =
                            state == .synReceived && event == .receiveRST ? (passive ? " (passive open)" : " (active open)") : ""
                        steps.append(
                            Step(event: event, from: state, to: transition.to, action: transition.action.description + note))
                    }
                }
            }
            return DemoTrace(
                demo: name, params: parameters, trace: steps, result: Outcome(final: parameters.from, transitions: steps.count))
        }
        // A script that starts in SYN_RCVD came through LISTEN unless it says otherwise.
        var machine = TCPStateMachine(state: parameters.from, passive: parameters.from == .synReceived)
        var steps: [Step] = []
        for event in parameters.events {
            let from = machine.state
            do {
                let action = try machine.handle(event)
                steps.append(Step(event: event, from: from, to: machine.state, action: action.description))
            } catch {
                let done = steps.isEmpty ? "" : " (after \(steps.map(\.event.rawValue).joined(separator: ", ")))"
                throw DemoError.impossible(error.description + done)
            }
        }
        return DemoTrace(
            demo: name, params: parameters, trace: steps, result: Outcome(final: machine.state, transitions: steps.count))
    }

}
