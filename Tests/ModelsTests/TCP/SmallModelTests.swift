import Testing

@testable import Demos
@testable import Models

@Suite struct SmallModelTests {
    @Test func checksumDemoMatchesRFC1071Example() throws {
        let options = words(["words": "0001,f203,f4f5,f6f7"])
        let trace = try ChecksumDemo.run(try ChecksumDemo.parameters(from: options), seed: 1)
        #expect(trace.trace.map(\.sum) == ["0001", "f204", "e6fa", "ddf2"])
        #expect(trace.trace.map(\.carry) == [false, false, true, true])
        #expect(trace.result.sum == "ddf2" && trace.result.checksum == "220d" && trace.result.verified)
        #expect(trace.result.bytes == nil)
    }

    @Test func checksumDemoWalksPseudoHeaderHeaderAndOddData() throws {
        let options = words(["seq": "1", "ack": "1", "payload": "abc"])
        let trace = try ChecksumDemo.run(try ChecksumDemo.parameters(from: options), seed: 1)
        #expect(trace.trace.count == 6 + 10 + 2)
        #expect(trace.trace[5].field == "TCP length 23")
        #expect(trace.trace.last?.word == "6300")
        let segment = try TCPSegment(datagram: [UInt8](hexString: trace.result.bytes!)!)
        #expect(
            TCPText.hex4(segment.tcp.checksum(payload: segment.payload, source: segment.source, destination: segment.destination))
                == trace.result.checksum)
    }

    @Test func badFlagIsABadOption() {
        let options = words(["flags": "SYN,NOPE"])
        #expect(throws: DemoError.self) { try ChecksumDemo.parameters(from: options) }
    }

    @Test func deadPeerIsDetectedAfterTimePlusProbesTimesInterval() throws {
        let options = words([:])
        let trace = try KeepaliveDemo.run(try KeepaliveDemo.parameters(from: options), seed: 1)
        #expect(trace.result.detectedAt == 7875)
        #expect(trace.trace.filter { $0.event == "probe" }.map(\.time) == [7200, 7275, 7350, 7425, 7500, 7575, 7650, 7725, 7800])
    }

    @Test func keepaliveProbeRepeatsTheLastAcknowledgedByte() throws {
        let options = words(["peer": "alive", "cycles": "1"])
        let trace = try KeepaliveDemo.run(try KeepaliveDemo.parameters(from: options), seed: 1)
        let probe = try TCPSegment(datagram: [UInt8](hexString: trace.trace[0].bytes!)!)
        let ack = try TCPSegment(datagram: [UInt8](hexString: trace.trace[1].bytes!)!)
        #expect(ack.tcp.acknowledgmentNumber == probe.tcp.sequenceNumber &+ 1)
        #expect(trace.result.detectedAt == nil)
    }

    @Test func selfConnectIsFoundByChanceInASmallRange() throws {
        let options = words(["range": "40000-40009", "port": "40004"])
        let trace = try SelfConnectDemo.run(try SelfConnectDemo.parameters(from: options), seed: 2)
        #expect(trace.result.selfConnected && trace.result.detected)
        #expect(trace.trace.compactMap(\.state).suffix(3) == [.synSent, .synReceived, .established])
        let syn = try TCPSegment(datagram: [UInt8](hexString: trace.trace.first { $0.state == .synSent }!.bytes!)!)
        #expect(syn.tcp.sourcePort == 40004 && syn.tcp.destinationPort == 40004 && syn.source == syn.destination)
    }

    @Test func selfConnectGivesUpAfterMaxAttempts() throws {
        let options = words(["range": "40000-60000", "port": "40004", "max": "3"])
        let trace = try SelfConnectDemo.run(try SelfConnectDemo.parameters(from: options), seed: 2)
        #expect(!trace.result.selfConnected && trace.result.attempts == 3)
    }

    @Test func portOutsideTheEphemeralRangeCannotSelfConnect() {
        let options = words(["port": "80"])
        #expect(throws: DemoError.self) { try SelfConnectDemo.parameters(from: options) }
    }
}
