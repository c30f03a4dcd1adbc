import Testing

@testable import Demos
@testable import Models

@Suite struct StateMachineTests {
    func run(_ events: [TCPEvent], from state: TCPState = .closed) throws -> [TCPState] {
        var machine = TCPStateMachine(state: state, passive: state == .synReceived)
        return try events.map { event in
            _ = try machine.handle(event)
            return machine.state
        }
    }

    @Test func activeOpenerWalksThroughTimeWait() throws {
        #expect(
            try run([.activeOpen, .receiveSYNACK, .close, .receiveACK, .receiveFIN, .timeout])
                == [.synSent, .established, .finWait1, .finWait2, .timeWait, .closed])
    }

    @Test func passiveCloserWalksThroughLastAck() throws {
        #expect(
            try run([.passiveOpen, .receiveSYN, .receiveACK, .receiveFIN, .close, .receiveACK])
                == [.listen, .synReceived, .established, .closeWait, .lastAck, .closed])
    }

    @Test func simultaneousOpenPassesSynReceived() throws {
        #expect(try run([.activeOpen, .receiveSYN, .receiveACK]) == [.synSent, .synReceived, .established])
    }

    @Test func simultaneousClosePassesClosing() throws {
        #expect(
            try run([.close, .receiveFIN, .receiveACK, .timeout], from: .established) == [
                .finWait1, .closing, .timeWait, .closed,
            ])
    }

    @Test func finAckInFinWait1GoesStraightToTimeWait() throws {
        var machine = TCPStateMachine(state: .finWait1)
        #expect(try machine.handle(.receiveFINACK) == .startTimeWait(send: .ack))
        #expect(machine.state == .timeWait)
    }

    @Test func resetInSynReceivedReturnsToListenOnlyAfterPassiveOpen() throws {
        #expect(try run([.passiveOpen, .receiveSYN, .receiveRST]) == [.listen, .synReceived, .listen])
        #expect(try run([.activeOpen, .receiveSYN, .receiveRST]) == [.synSent, .synReceived, .closed])
    }

    @Test func retransmittedFINRestartsTimeWait() throws {
        var machine = TCPStateMachine(state: .timeWait)
        #expect(try machine.handle(.receiveFIN) == .restartTimeWait(send: .ack))
        #expect(machine.state == .timeWait)
    }

    @Test func abortResetsOnlySynchronisedConnections() throws {
        for state in [TCPState.synReceived, .established, .finWait1, .finWait2, .closeWait] {
            var machine = TCPStateMachine(state: state)
            #expect(try machine.handle(.abort) == .deleteTCB(send: .rst), "\(state)")
        }
        for state in [TCPState.listen, .synSent, .closing, .lastAck, .timeWait] {
            var machine = TCPStateMachine(state: state)
            #expect(try machine.handle(.abort) == .deleteTCB(send: nil), "\(state)")
        }
    }

    @Test func impossibleEventNamesWhatTheStateAccepts() {
        var machine = TCPStateMachine(state: .synSent)
        #expect(throws: TCPStateMachine.ImpossibleEvent.self) { try machine.handle(.receiveFIN) }
        do {
            _ = try machine.handle(.receiveFIN)
        } catch {
            #expect(
                error.description
                    == "event rcv-fin is impossible in SYN_SENT; SYN_SENT accepts: close, abort, rcv-syn, rcv-syn-ack, rcv-rst")
        }
        #expect(machine.state == .synSent)
    }

    @Test func closedAcceptsOnlyOpens() {
        #expect(TCPStateMachine.acceptedEvents(in: .closed, passive: false) == [.passiveOpen, .activeOpen])
    }

    /// Every state is reachable from CLOSED and every state but CLOSED can get back to it.
    @Test func everyStateIsReachableAndCanClose() {
        var reached: Set<TCPState> = [.closed]
        var frontier: [(TCPState, Bool)] = [(.closed, false)]
        while let (state, passive) = frontier.popLast() {
            for event in TCPEvent.allCases {
                guard let next = TCPStateMachine.transition(from: state, on: event, passive: passive)?.to else { continue }
                let nextPassive = event == .passiveOpen ? true : (event == .activeOpen || event == .send ? false : passive)
                if reached.insert(next).inserted { frontier.append((next, nextPassive)) }
            }
        }
        #expect(reached == Set(TCPState.allCases))
        for state in TCPState.allCases where state != .closed {
            #expect(TCPStateMachine.transition(from: state, on: .abort, passive: false)?.to == .closed)
        }
    }

    @Test func tableListsEveryTransition() throws {
        let trace = try StatesDemo.run(StatesDemo.Parameters(from: .closed, events: [], table: true), seed: 1)
        // 48 (state, event) edges, with SYN_RCVD's RST counted once per kind of open.
        #expect(trace.result.transitions == 49)
        #expect(trace.trace.contains { $0.from == .listen && $0.event == .send && $0.to == .synSent })
    }

    @Test func demoReportsImpossibleEventAsDemoError() throws {
        let options = words(["events": "active-open,rcv-fin"])
        let parameters = try StatesDemo.parameters(from: options)
        #expect(
            throws: DemoError.impossible(
                "event rcv-fin is impossible in SYN_SENT; SYN_SENT accepts: close, abort, rcv-syn, rcv-syn-ack, rcv-rst (after active-open)"
            )
        ) {
            try StatesDemo.run(parameters, seed: 1)
        }
    }

    @Test func unknownEventIsABadOption() {
        let options = words(["events": "rcv-syn,jump"])
        #expect(throws: DemoError.self) { try StatesDemo.parameters(from: options) }
    }

    @Test(arguments: ["SYN_SENT", "syn-sent", "SYN-RECEIVED", "syn_rcvd", "time-wait"])
    func stateNamesParseLoosely(name: String) {
        #expect(TCPState(name: name) != nil)
    }
}
