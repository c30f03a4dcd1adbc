@testable import Models

/// Figures of the transport and network notes (tcp/, udp/, osi/, basics/, ip/, arp-icmp/).
extension NoteFiguresTests {
    static let transportFigures: [Figure] = congestionFigures + timerFigures + connectionFigures + wireFigures

    // MARK: - Congestion control

    /// cwnd and ssthresh per round from the congestion demo: one window per round trip, starting
    /// from one segment, losses scripted by round.
    static func rounds(_ algorithm: CongestionAlgorithm, ssthresh: Double, rounds: Int, losses: [CongestionDemo.Loss])
        -> [CongestionDemo.Step]
    {
        let parameters = CongestionDemo.Parameters(
            algorithm: algorithm, rounds: rounds, losses: losses, randomLoss: 0, initialWindow: 1, ssthresh: ssthresh,
            perACK: false, inflate: false, rtt: 0.1)
        return (try? CongestionDemo.run(parameters, seed: 1))?.trace ?? []
    }

    static func windows(_ steps: [CongestionDemo.Step]) -> String {
        steps.map { TCPText.number($0.cwnd) }.joined(separator: ", ")
    }

    /// The textbook run: ssthresh 32, three duplicate ACKs in round 16, a timeout in round 22.
    static func textbookRound(_ round: Int) -> CongestionDemo.Step? {
        let losses = [
            CongestionDemo.Loss(round: 16, signal: .duplicateACKs, count: 1),
            CongestionDemo.Loss(round: 22, signal: .timeout, count: 1),
        ]
        return rounds(.reno, ssthresh: 32, rounds: 26, losses: losses).first { $0.round == round }
    }

    static let congestionFigures: [Figure] = [
        Figure(
            card: "tcp.congestion#reno-rounds", cloze: 1,
            model: {
                let loss = CongestionDemo.Loss(round: 9, signal: .duplicateACKs, count: 1)
                return NoteFiguresTests.windows(NoteFiguresTests.rounds(.reno, ssthresh: 8, rounds: 11, losses: [loss]))
            }),
        Figure(
            card: "tcp.congestion#reno-rounds", cloze: 2,
            model: {
                let loss = CongestionDemo.Loss(round: 9, signal: .duplicateACKs, count: 1)
                let steps = NoteFiguresTests.rounds(.reno, ssthresh: 8, rounds: 11, losses: [loss])
                return TCPText.number(steps.first { $0.round == 10 }?.ssthresh ?? 0)
            }),
        Figure(
            card: "tcp.congestion#tahoe-rounds", cloze: 1,
            model: {
                let loss = CongestionDemo.Loss(round: 9, signal: .duplicateACKs, count: 1)
                return NoteFiguresTests.windows(NoteFiguresTests.rounds(.tahoe, ssthresh: 8, rounds: 14, losses: [loss]))
            }),
        // Round 17 is the first after the duplicate ACKs, round 23 the first after the timeout.
        Figure(
            card: "tcp.congestion#textbook-run", cloze: 1,
            model: { TCPText.number(NoteFiguresTests.textbookRound(17)?.cwnd ?? 0) }),
        Figure(
            card: "tcp.congestion#textbook-run", cloze: 2,
            model: { TCPText.number(NoteFiguresTests.textbookRound(23)?.ssthresh ?? 0) }),
        Figure(
            card: "tcp.congestion#textbook-run", cloze: 3,
            model: { TCPText.number(NoteFiguresTests.textbookRound(23)?.cwnd ?? 0) }),
        Figure(
            card: "tcp.congestion#iw-numbers", cloze: 1,
            model: { TCPText.number((try? CongestionDemo.initialWindow("rfc5681", mss: 1460)) ?? 0) }),
        Figure(
            card: "tcp.congestion#iw-numbers", cloze: 2,
            model: { TCPText.number((try? CongestionDemo.initialWindow("rfc6928", mss: 1460)) ?? 0) }),
        // CUBIC's multiplicative decrease: the window left after a loss, as a fraction of the one before.
        Figure(
            card: "tcp.cubic-bbr#cubic-numbers", cloze: 1,
            model: {
                var cubic = CongestionController(algorithm: .cubic, initialWindow: 100, ssthresh: 50)
                cubic.tripleDuplicateACK(flightSize: 100)
                return TCPText.number(cubic.cwnd / 100)
            }),
    ]

    // MARK: - Timers

    static let timerFigures: [Figure] = [
        Figure(
            card: "tcp.reliability#rto-example", cloze: 1,
            model: {
                var estimator = RTOEstimator()
                estimator.sample(0.5)
                return TCPText.number(estimator.rto)
            }),
        Figure(
            card: "tcp.reliability#rto-example", cloze: 2,
            model: {
                var estimator = RTOEstimator()
                estimator.sample(0.5)
                estimator.sample(0.3)
                return TCPText.number(estimator.rto)
            }),
        Figure(
            card: "tcp.reliability#rto-example", cloze: 3,
            model: {
                var estimator = RTOEstimator()
                estimator.sample(0.5)
                estimator.sample(0.3)
                estimator.timeout()
                return TCPText.number(estimator.rto)
            }),
        Figure(
            card: "tcp.keepalive#detect-time", cloze: 1,
            model: {
                let parameters = KeepaliveDemo.Parameters(
                    peerAlive: false, time: 7200, interval: 75, probes: 9, rtt: 0.1, cycles: 2)
                return TCPText.number((try? KeepaliveDemo.run(parameters, seed: 1))?.result.detectedAt ?? 0)
            }),
    ]

    // MARK: - Handshake and teardown

    /// A connection with ISNs 1000 and 5000, RTT 0.1 s, initial RTO 1 s and six retries.
    static func connection(lose: [String] = [], msl: Double = 30) -> ConnectionParameters {
        ConnectionParameters(
            clientISN: 1000, serverISN: 5000, rtt: 0.1, rto: 1, retries: 6, msl: msl, lose: lose, loss: 0,
            simultaneous: false, abort: false, closeDelay: 0.2)
    }

    /// Every SYN lost: the original and its six retransmissions.
    static let lostSYNs: [ConnectionEvent] =
        (try? HandshakeDemo.run(connection(lose: Array(repeating: "syn", count: 7)), seed: 1))?.trace ?? []

    static let connectionFigures: [Figure] = [
        Figure(
            card: "tcp.handshake#isn-example", cloze: 1,
            model: { "\((try? HandshakeDemo.run(NoteFiguresTests.connection(), seed: 1))?.result.serverAck ?? 0)" }),
        Figure(
            card: "tcp.handshake#isn-example", cloze: 2,
            model: { "\((try? HandshakeDemo.run(NoteFiguresTests.connection(), seed: 1))?.result.clientAck ?? 0)" }),
        Figure(
            card: "tcp.handshake#syn-backoff", cloze: 1,
            model: {
                NoteFiguresTests.lostSYNs.filter { $0.segment?.retransmission == true }.map { TCPText.number($0.time) }
                    .joined(separator: ", ")
            }),
        // The client gives up when its last state change, back to CLOSED, happens.
        Figure(
            card: "tcp.handshake#syn-backoff", cloze: 2,
            model: { TCPText.number(NoteFiguresTests.lostSYNs.last { $0.kind == .state }?.time ?? 0) }),
        // A SYN occupies one sequence number of its own.
        Figure(
            card: "tcp.handshake#syn-consumes", cloze: 1,
            model: {
                let syn = TCPSegment(
                    source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 0, 2),
                    tcp: TCPHeader(sourcePort: 50000, destinationPort: 80, sequenceNumber: 1000, flags: .syn))
                return syn.sequenceLength == 1 ? "one" : "\(syn.sequenceLength)"
            }, chinese: "一个"),
        Figure(
            card: "tcp.teardown#fin-numbers", cloze: 1,
            model: { "\((try? TeardownDemo.run(NoteFiguresTests.connection(), seed: 1))?.result.serverAck ?? 0)" }),
        Figure(
            card: "tcp.teardown#fin-numbers", cloze: 2,
            model: { "\((try? TeardownDemo.run(NoteFiguresTests.connection(), seed: 1))?.result.clientAck ?? 0)" }),
        // How long the active closer stays in TIME_WAIT with RFC 9293's MSL of 120 s.
        Figure(
            card: "tcp.time-wait#rfc-duration", cloze: 1,
            model: {
                let trace = (try? TeardownDemo.run(NoteFiguresTests.connection(msl: 120), seed: 1))?.trace ?? []
                let entered = trace.first { $0.side == .client && $0.state == .timeWait }?.time ?? 0
                let closed = trace.last { $0.side == .client && $0.state == .closed }?.time ?? 0
                return TCPText.number(closed - entered)
            }),
    ]

    // MARK: - Headers, frames and addresses

    static let client = IPv4Address(10, 0, 0, 1)
    static let server = IPv4Address(10, 0, 0, 2)

    /// An Ethernet frame, as captured (without the FCS), of `payload` bytes.
    static func frame(payload: Int) -> EthernetFrame {
        EthernetFrame(
            destination: .broadcast, source: MACAddress([2, 0, 0, 0xaa, 0, 0x23]), etherType: EthernetFrame.ipv4,
            payload: [UInt8](repeating: 0, count: payload))
    }

    static func encapsulator(mtu: Int) -> Encapsulator {
        Encapsulator(
            sourceMAC: MACAddress([2, 0, 0, 0xaa, 0, 0x23]), nextHopMAC: MACAddress([2, 0, 0, 0xaa, 0, 0x01]),
            source: client, destination: server, sourcePort: 50000, destinationPort: 80, sequenceNumber: 1,
            acknowledgmentNumber: 1, identification: 1, mtu: mtu)
    }

    /// The Ethernet frame of one full-size segment on a 1500-byte MTU.
    static func fullFrame() -> EthernetFrame? {
        let wrapper = encapsulator(mtu: 1500)
        return wrapper.wrap([UInt8](repeating: 0x61, count: wrapper.mss)).first?.frame
    }

    static let arpRequest = ARPPacket(
        operation: .request, senderHardware: MACAddress([2, 0, 0, 0xaa, 0, 0x23]), senderProtocol: IPv4Address(192, 168, 1, 23),
        targetHardware: .zero, targetProtocol: IPv4Address(192, 168, 1, 1))

    static let subnet = IPv4Subnet(address: IPv4Subnet.parse("192.168.10.77") ?? 0, prefix: 26)

    static let wireFigures: [Figure] = [
        Figure(
            card: "tcp.reliability#checksum-example", cloze: 1,
            model: { String(InternetChecksum.onesComplementSum([0x0001, 0xf203, 0xf4f5, 0xf6f7]), radix: 16) }),
        Figure(
            card: "tcp.reliability#checksum-example", cloze: 2,
            model: { String(InternetChecksum.checksum([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]), radix: 16) }),
        // A header whose options fill the 40 bytes Data Offset leaves room for.
        Figure(
            card: "tcp.header#header-limits", cloze: 1,
            model: {
                let options = [TCPOption](repeating: .noOperation, count: 40)
                let full = TCPHeader(sourcePort: 1, destinationPort: 2, sequenceNumber: 0, flags: .ack, options: options)
                return "\(full.headerLength)"
            }),
        Figure(
            card: "tcp.header#header-limits", cloze: 2,
            model: {
                let options = [TCPOption](repeating: .noOperation, count: 40)
                let full = TCPHeader(sourcePort: 1, destinationPort: 2, sequenceNumber: 0, flags: .ack, options: options)
                let bare = TCPHeader(sourcePort: 1, destinationPort: 2, sequenceNumber: 0, flags: .ack)
                return "\(full.headerLength - bare.headerLength)"
            }),
        Figure(
            card: "ip.header#ipv4-limits", cloze: 1,
            model: {
                let full = IPv4Header(
                    source: NoteFiguresTests.client, destination: NoteFiguresTests.server, protocolNumber: 6, payloadLength: 20,
                    options: [UInt8](repeating: 1, count: 40))
                let bare = IPv4Header(
                    source: NoteFiguresTests.client, destination: NoteFiguresTests.server, protocolNumber: 6, payloadLength: 20)
                return "\(full.headerLength - bare.headerLength)"
            }),
        Figure(
            card: "ip.header#ipv4-limits", cloze: 2,
            model: {
                let full = IPv4Header(
                    source: NoteFiguresTests.client, destination: NoteFiguresTests.server, protocolNumber: 6, payloadLength: 20,
                    options: [UInt8](repeating: 1, count: 40))
                return "\(full.internetHeaderLength)"
            }),
        Figure(
            card: "ip.header#ipv4-limits", cloze: 3,
            model: {
                let full = IPv4Header(
                    source: NoteFiguresTests.client, destination: NoteFiguresTests.server, protocolNumber: 6, payloadLength: 20,
                    options: [UInt8](repeating: 1, count: 40))
                return "\(full.headerLength)"
            }),
        Figure(
            card: "arp-icmp.arp#sizes", cloze: 1,
            model: { "\(NoteFiguresTests.arpRequest.bytes().count)" }),
        Figure(
            card: "arp-icmp.arp#sizes", cloze: 2,
            model: {
                let frame = EthernetFrame(
                    destination: .broadcast, source: NoteFiguresTests.arpRequest.senderHardware, etherType: EthernetFrame.arp,
                    payload: NoteFiguresTests.arpRequest.bytes())
                return "\(frame.bytes().count + frame.frameCheckSequence.count)"
            }),
        Figure(
            card: "osi.encapsulation#frame-sizes", cloze: 1,
            model: { "\(NoteFiguresTests.fullFrame()?.bytes().count ?? 0)" }),
        Figure(
            card: "osi.encapsulation#frame-sizes", cloze: 2,
            model: {
                let frame = NoteFiguresTests.fullFrame()
                return "\((frame?.bytes().count ?? 0) + (frame?.frameCheckSequence.count ?? 0))"
            }),
        Figure(
            card: "osi.encapsulation#frame-sizes", cloze: 3,
            model: {
                let empty = NoteFiguresTests.frame(payload: 0)
                return "\(empty.bytes().count + empty.frameCheckSequence.count)"
            }),
        // The padded minimum less the header, measured on a frame long enough to need no padding.
        Figure(
            card: "osi.encapsulation#frame-sizes", cloze: 4,
            model: {
                let header = NoteFiguresTests.frame(payload: 100).bytes().count - 100
                return "\(NoteFiguresTests.frame(payload: 0).bytes().count - header)"
            }),
        // The default MSS of IPv4 is what a 576-byte datagram, which every host must accept
        // (RFC 1122 §3.3.2), leaves after the two 20-byte headers.
        Figure(
            card: "ip.mtu-fragmentation#min-numbers", cloze: 2,
            model: { "\(NoteFiguresTests.encapsulator(mtu: 576).mss)" }),
        Figure(
            card: "ip.addressing#subnet-26", cloze: 1,
            model: { IPv4Subnet.format(NoteFiguresTests.subnet.mask) }),
        Figure(
            card: "ip.addressing#subnet-26", cloze: 2,
            model: { IPv4Subnet.format(NoteFiguresTests.subnet.network) }),
        Figure(
            card: "ip.addressing#subnet-26", cloze: 3,
            model: { IPv4Subnet.format(NoteFiguresTests.subnet.broadcast) }),
        Figure(
            card: "ip.addressing#subnet-26", cloze: 4,
            model: { "\(NoteFiguresTests.subnet.usableHosts)" }),
        Figure(
            card: "udp.basics#sizes", cloze: 1,
            model: {
                let datagram = UDPDatagram(sourcePort: 5353, destinationPort: 53, payload: [])
                return "\(datagram.bytes(source: NoteFiguresTests.client, destination: NoteFiguresTests.server).count)"
            }),
        // The 16-bit Total Length less the model's IPv4 and UDP headers.
        Figure(
            card: "udp.basics#sizes", cloze: 2,
            model: {
                let datagram = UDPDatagram(sourcePort: 5353, destinationPort: 53, payload: [])
                let udp = datagram.bytes(source: NoteFiguresTests.client, destination: NoteFiguresTests.server).count
                let ip = IPv4Header(
                    source: NoteFiguresTests.client, destination: NoteFiguresTests.server, protocolNumber: IPv4Header.udp,
                    payloadLength: udp)
                return "\(Int(UInt16.max) - ip.headerLength - udp)"
            }),
    ]
}
