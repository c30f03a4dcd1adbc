import Testing

@testable import Demos
@testable import Models

@Suite struct WireTests {
    @Test func rfc1071ExampleSumsToDDF2() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 with end-around carries.
        let words: [UInt16] = [0x0001, 0xF203, 0xF4F5, 0xF6F7]
        #expect(InternetChecksum.onesComplementSum(words) == 0xDDF2)
        #expect(InternetChecksum.checksum([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]) == 0x220D)
    }

    @Test func oddLengthIsPaddedOnTheRight() {
        #expect(InternetChecksum.words([0xAB, 0xCD, 0xEF]) == [0xABCD, 0xEF00])
    }

    @Test func ipv4HeaderMatchesTheTextbookChecksum() throws {
        // The widely used example 4500 0073 0000 4000 4011 xxxx c0a8 0001 c0a8 00c7 -> b861.
        let header = IPv4Header(
            source: IPv4Address(192, 168, 0, 1), destination: IPv4Address(192, 168, 0, 199), protocolNumber: IPv4Header.udp,
            payloadLength: 0x73 - 20, identification: 0, timeToLive: 64, dontFragment: true)
        #expect(header.checksum == 0xB861)
        #expect(header.bytes().hexString == "45000073000040004011b861c0a80001c0a800c7")
        #expect(InternetChecksum.verifies(header.bytes()))
        let (parsed, checksum) = try IPv4Header.parse(header.bytes())
        #expect(parsed == header)
        #expect(checksum == 0xB861)
    }

    @Test func tcpSegmentRoundTripsWithOptionsAndVerifies() throws {
        let tcp = TCPHeader(
            sourcePort: 40000, destinationPort: 80, sequenceNumber: 0xDEAD_BEEF, acknowledgmentNumber: 0, flags: .syn,
            window: 64240,
            options: [
                .maximumSegmentSize(1460), .sackPermitted, .timestamps(value: 1, echoReply: 0), .noOperation, .windowScale(7),
            ])
        let segment = TCPSegment(source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 0, 2), tcp: tcp)
        let bytes = segment.datagramBytes
        #expect(bytes.count == 20 + 40)
        #expect(tcp.dataOffset == 10)
        let parsed = try TCPSegment(datagram: bytes)
        #expect(parsed == segment)
        #expect(parsed.datagramBytes == bytes)
    }

    @Test func corruptedByteFailsTheTCPChecksum() {
        let tcp = TCPHeader(sourcePort: 1, destinationPort: 2, sequenceNumber: 3, acknowledgmentNumber: 4, flags: [.ack, .psh])
        var bytes = TCPSegment(source: .loopback, destination: .loopback, tcp: tcp, payload: Array("hello".utf8)).datagramBytes
        bytes[bytes.count - 1] ^= 0x01
        #expect(throws: WireError.self) { try TCPSegment(datagram: bytes) }
    }

    @Test func flagsEncodeAsNames() throws {
        #expect(TCPFlags([.syn, .ack]).description == "SYN+ACK")
        #expect(TCPFlags().description == "-")
        #expect(TCPFlags([.fin, .ack]).names == ["FIN", "ACK"])
    }

    @Test func hexRoundTrips() {
        let bytes: [UInt8] = [0x00, 0x7F, 0x80, 0xFF]
        #expect(bytes.hexString == "007f80ff")
        #expect([UInt8](hexString: "00 7f 80 ff") == bytes)
        #expect([UInt8](hexString: "0") == nil)
    }

    @Test(arguments: ["0.0.0.0", "255.255.255.255", "192.0.2.33"])
    func dottedDecimalRoundTrips(text: String) {
        #expect(IPv4Address(text)?.description == text)
    }

    @Test(arguments: ["1.2.3", "256.1.1.1", "a.b.c.d", "1.2.3.4.5", ""])
    func malformedAddressesAreRejected(text: String) {
        #expect(IPv4Address(text) == nil)
    }
}
