import Testing

@testable import Models

@Suite struct EventLoopTests {
    @Test func simultaneousRequestsQueueBehindEachOther() throws {
        // Everything arrives at once: the k-th request waits k handlers.
        let trace = try EventLoopDemo.run(.init(connections: 4, requests: 1, service: 2, spread: 0), seed: 1)
        #expect(trace.trace.map(\.started) == [0, 2, 4, 6])
        #expect(trace.result.maxWait == 6)
        #expect(trace.result.meanWait == 3)
        #expect(trace.result.busy == 1)
        #expect(trace.result.threads == 1)
    }

    @Test(arguments: UInt64(1)...30)
    func handlersNeverOverlapAndNeverStartEarly(seed: UInt64) throws {
        let trace = try EventLoopDemo.run(.init(connections: 7, requests: 3, service: 1.5, spread: 25), seed: seed)
        #expect(trace.trace.count == 21)
        for (previous, step) in zip(trace.trace, trace.trace.dropFirst()) {
            #expect(step.started >= previous.finished)
            #expect(step.arrived >= previous.arrived)
        }
        for step in trace.trace {
            #expect(step.started >= step.arrived)
            #expect(step.finished == step.started + 1.5)
        }
        #expect(
            try EventLoopDemo.run(.init(connections: 7, requests: 3, service: 1.5, spread: 25), seed: seed).trace == trace.trace)
    }

    @Test func aBlockingHandlerDelaysEveryone() throws {
        let quick = try EventLoopDemo.run(.init(connections: 5, requests: 2, service: 1, spread: 20), seed: 3)
        let slow = try EventLoopDemo.run(.init(connections: 5, requests: 2, service: 20, spread: 20), seed: 3)
        #expect(slow.result.meanWait > 10 * max(quick.result.meanWait, 1))
    }
}
