import Foundation
import Testing

@testable import Demos
@testable import Models

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The ladder toolkit: one picture per exchange, drawn to the terminal and to SVG from the
/// same value.
@Suite struct LadderTests {
    /// Every demo that draws an exchange; the catalogue finds them by running each.
    static let names = [
        "arp", "dns.resolve", "tcp.handshake", "tcp.keepalive", "tcp.teardown", "tcp.window", "tls.handshake",
        "url.journey", "web.csrf", "web.jwt", "web.session", "web.sso",
    ]

    @Test func theDemosThatShowAnExchangeDrawALadder() throws {
        var drawn: [String] = []
        for demo in DemoCatalog.all where try DemoCatalog.ladder(name: demo.name, arguments: [], seed: 1) != nil {
            drawn.append(demo.name)
        }
        #expect(drawn.sorted() == Self.names)
        #expect(DemoCatalog.pictureNames.sorted() == (Self.names + ChartTests.names).sorted())
    }

    /// The SVG is well-formed XML with a lane per party and an arrow per message, and the
    /// terminal shows every message the SVG shows.
    @Test(arguments: names)
    func theSVGAndTheTerminalShowTheSameExchange(name: String) throws {
        let ladder = try #require(try DemoCatalog.ladder(name: name, arguments: [], seed: 1))
        let svg = ladder.svg()
        let elements = try Self.elements(svg)
        #expect(elements.first?.name == "svg")
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        for lane in ladder.lanes { #expect(texts.contains(lane), "\(name): lane \(lane)") }
        let arrows = elements.filter { $0.name == "line" && ($0.attributes["class"] ?? "").hasPrefix("message") }
        let broadcasts = ladder.rows.reduce(0) { count, row in
            if case .broadcast = row { return count + ladder.lanes.count - 1 }
            return count
        }
        #expect(arrows.count == ladder.messages.count + broadcasts, "\(name)")
        for message in ladder.messages { #expect(texts.contains(message.label), "\(name): \(message.label)") }
        let terminal = try DemoCatalog.execute(
            name: name, arguments: [], seed: 1, json: false, style: RenderStyle(color: false, width: 200))
        for message in ladder.messages {
            #expect(terminal.contains(String(message.label.prefix(20))), "\(name): \(message.label) not in the terminal view")
        }
    }

    @Test func textIsEscapedAndALostMessageStopsAtACross() throws {
        var ladder = Ladder(lanes: ["a <b>", "c & d"], title: "\"quoted\" & <script>alert(1)</script>")
        ladder.message(from: 0, to: 1, "SYN <lost>", time: 0.5, lost: true)
        ladder.message(from: 1, to: 0, "ACK", tag: "t=1 RTT", tone: .failed)
        ladder.note("a\u{1}note", lane: 1)
        ladder.footer("done", tone: .good)
        let svg = ladder.svg()
        #expect(!svg.contains("<script") && !svg.contains("<b>") && !svg.contains("\u{1}"))
        let elements = try Self.elements(svg)
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains("\"quoted\" & <script>alert(1)</script>"))
        #expect(texts.contains("SYN <lost>") && texts.contains("✕") && texts.contains("0.500 s") && texts.contains("t=1 RTT"))
        let lines = elements.filter { $0.name == "line" && ($0.attributes["class"] ?? "").hasPrefix("message") }
        #expect(lines.count == 2)
        #expect(lines[0].attributes["class"] == "message lost" && lines[0].attributes["marker-end"] == nil)
        #expect(lines[1].attributes["class"] == "message failed" && lines[1].attributes["marker-end"] == "url(#arrow)")
        // The lost SYN stops short of the receiver's lane.
        #expect(Double(lines[0].attributes["x2"]!)! < Double(lines[1].attributes["x1"]!)!)
    }

    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
    }

    /// The elements of an XML document in order, each with its own text; throws when it is not
    /// well-formed.
    static func elements(_ xml: String) throws -> [Element] {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [Element] = []
            var open: [Int] = []
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                open.append(elements.count)
                elements.append(Element(name: name, attributes: attributes, text: ""))
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if let index = open.last { elements[index].text += string }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                open.removeLast()
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else {
            throw DemoError.badOption("not well-formed: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        return collector.elements
    }
}
