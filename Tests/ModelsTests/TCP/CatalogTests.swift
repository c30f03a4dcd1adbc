import Foundation
import Testing

@testable import Demos
@testable import Models

@Suite struct TCPCatalogTests {
    static let names = tcpDemos.map { $0.name }

    /// Every demo runs with its defaults, renders within 80 columns and encodes the documented
    /// JSON shape.
    @Test(arguments: names)
    func demoRunsRendersAndEncodes(name: String) throws {
        let text = try DemoCatalog.execute(name: name, arguments: [], seed: 1, json: false, style: .plain)
        #expect(!text.isEmpty)
        for line in text.split(separator: "\n") {
            #expect(line.count <= 80, "\(name): \(line)")
        }
        let json = try DemoCatalog.execute(name: name, arguments: [], seed: 1, json: true, style: .plain)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["demo", "params", "trace", "result"])
        #expect(object["demo"] as? String == name)
        #expect(json == (try DemoCatalog.execute(name: name, arguments: [], seed: 1, json: true, style: .plain)))
    }

    @Test func demoNamesAreUniqueAndPrefixed() {
        #expect(Set(Self.names).count == Self.names.count)
        #expect(Self.names.allSatisfy { $0.hasPrefix("tcp.") })
    }

    @Test func colourIsOnlyUsedWhenAllowed() throws {
        let plain = try DemoCatalog.execute(
            name: "tcp.handshake", arguments: ["--lose", "syn"], seed: 1, json: false, style: .plain)
        let coloured = try DemoCatalog.execute(
            name: "tcp.handshake", arguments: ["--lose", "syn"], seed: 1, json: false, style: RenderStyle(color: true))
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}["))
    }
}
