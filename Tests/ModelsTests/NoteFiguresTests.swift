import Foundation
import Testing

@testable import Models

/// Figures in the built-in notes that a model computes, checked against the model in both
/// languages, so that a note and its model cannot drift apart. A figure is named by its card
/// and cloze number (`http.hpack#numbers`, c1): the test reads that deletion from the note.
@Suite struct NoteFiguresTests {
    static let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("content")

    /// The text of deletion `{{cN::…}}` on the line of card `note#card`, in `language`.
    static func cloze(_ card: String, _ number: Int, language: String) throws -> String {
        let parts = card.split(separator: "#").map(String.init)
        let path = parts[0].split(separator: ".", maxSplits: 1).map(String.init)
        let file = content.appendingPathComponent("\(language)/\(path[0])/\(path[1]).md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("{#\(parts[1])}") }, "\(card) in \(language)")
        let marker = "{{c\(number)::"
        let start = try #require(line.range(of: marker), "\(card) has no c\(number)")
        let rest = line[start.upperBound...]
        let end = try #require(rest.range(of: "}}"))
        return String(rest[..<end.lowerBound])
    }

    /// Digits, letters and punctuation that make a value; thousands separators and spaces dropped.
    static func normalized(_ text: String) -> String {
        text.filter { $0 != "," && $0 != " " }.lowercased()
    }

    struct Figure: CustomStringConvertible, Sendable {
        var card: String
        var cloze: Int
        /// What the model computes, as the note should write it.
        var model: @Sendable () -> String
        /// Words differ between the languages: a figure of words gives the Chinese note's word for
        /// what the model computes (the English note must write the model's word itself).
        var chinese: String?

        var description: String { "\(card) c\(cloze)" }
    }

    static let figures: [Figure] = baseFigures + transportFigures + applicationFigures

    static let baseFigures: [Figure] = [
        Figure(card: "http.hpack#numbers", cloze: 1, model: { "\(HPACKStaticTable.entries.count)" }),
        Figure(card: "http.hpack#numbers", cloze: 2, model: { "\(HPACKDecoder().maximumTableSizeLimit)" }),
        Figure(card: "arp-icmp.arp#numbers", cloze: 1, model: { "0x" + String(format: "%04x", EthernetFrame.arp) }),
        Figure(card: "arp-icmp.arp#numbers", cloze: 2, model: { MACAddress.broadcast.description }),
        // The largest window the 16-bit field carries, read back from an encoded segment.
        Figure(
            card: "tcp.header#window-bits", cloze: 2,
            model: {
                let header = TCPHeader(sourcePort: 1, destinationPort: 2, sequenceNumber: 0, flags: .ack, window: .max)
                let bytes = header.segmentBytes(
                    payload: [], source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 0, 2))
                return "\((try? TCPHeader.parse(bytes))?.header.window ?? 0)"
            }),
        // A second fragment starting 1480 bytes in carries offset 185: units of 1480/185 = 8 bytes.
        Figure(
            card: "ip.header#frag-fields", cloze: 1,
            model: {
                let header = IPv4Header(
                    source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 0, 2), protocolNumber: 17,
                    payloadLength: 20, dontFragment: false, fragmentOffset: 185)
                let offset = Int((try? IPv4Header.parse(header.bytes()))?.header.fragmentOffset ?? 0)
                return "\(1480 / max(offset, 1))"
            }),
        // On a 1500-byte MTU: what is left for data after the model's IPv4 and TCP headers.
        Figure(
            card: "osi.encapsulation#mss-1460", cloze: 1,
            model: {
                let tcp = TCPHeader(sourcePort: 1, destinationPort: 2, sequenceNumber: 0, flags: .ack)
                let ip = IPv4Header(
                    source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 0, 2), protocolNumber: 6,
                    payloadLength: tcp.headerLength)
                return "\(1500 - ip.headerLength - tcp.headerLength)"
            }),
        Figure(
            card: "osi.encapsulation#mss-1460", cloze: 2,
            model: { "\(TCPHeader(sourcePort: 1, destinationPort: 2, sequenceNumber: 0, flags: .ack).headerLength)" }),
        // Each timeout doubles the RTO (RFC 6298 §5.5), as the estimator does.
        Figure(
            card: "tcp.reliability#bytes-backoff", cloze: 2,
            model: {
                var estimator = RTOEstimator()
                estimator.sample(0.5)
                let before = estimator.rto
                estimator.timeout()
                return estimator.rto == 2 * before ? "doubled" : "\(estimator.rto / before)x"
            }, chinese: "翻倍"),
    ]

    @Test(arguments: figures)
    func aNotesFigureIsWhatItsModelComputes(_ figure: Figure) throws {
        let computed = figure.model()
        #expect(Self.normalized(try Self.cloze(figure.card, figure.cloze, language: "en")) == Self.normalized(computed))
        let chinese = try Self.cloze(figure.card, figure.cloze, language: "zh")
        if let word = figure.chinese {
            #expect(chinese == word, "\(chinese), model: \(computed)")
        } else {
            #expect(Self.normalized(chinese) == Self.normalized(computed))
        }
    }
}
