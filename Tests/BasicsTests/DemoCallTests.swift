import Foundation
import Testing

@testable import Basics

@Suite struct DemoCallTests {
    @Test func readsAndWritesTheLineAPersonTypes() throws {
        let call = try #require(DemoCall(text: "tcp.handshake  --loss 0.2"))
        #expect(call.name == "tcp.handshake")
        #expect(call.arguments == ["--loss", "0.2"])
        #expect(call.text == "tcp.handshake --loss 0.2")
        #expect(DemoCall(text: "   ") == nil)
        let literal: DemoCall = "tcp.rto --samples \(1),\(2)"
        #expect(literal == DemoCall(name: "tcp.rto", arguments: ["--samples", "1,2"]))
    }

    @Test func encodesAsTheSameStringAsBefore() throws {
        let data = try JSONEncoder().encode(["demo": DemoCall(name: "arp", arguments: ["--hosts", "3"])])
        #expect(String(decoding: data, as: UTF8.self) == #"{"demo":"arp --hosts 3"}"#)
        let decoded = try JSONDecoder().decode([String: DemoCall].self, from: data)
        #expect(decoded["demo"]?.arguments == ["--hosts", "3"])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([String: DemoCall].self, from: Data(#"{"demo":" "}"#.utf8))
        }
    }
}
