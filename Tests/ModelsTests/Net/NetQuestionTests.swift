import Basics
import Foundation
import Testing

@testable import Demos
@testable import Models

@Suite struct NetQuestionTests {
    @Test(arguments: UInt64(1)...40)
    func everyNetQuestionAcceptsItsOwnAnswerAndNamesARunnableDemo(seed: UInt64) throws {
        for generator in [
            ARPCacheHitQuestion.self, DNSCacheTTLQuestion.self, GossipRoundsQuestion.self, OverheadBytesQuestion.self,
        ] as [any QuestionGenerator.Type] {
            let question = generator.generate(seed: seed)
            #expect(question == generator.generate(seed: seed))
            #expect(question.isCorrect(question.answer))
            #expect(!question.isCorrect("banana"))
            let words = try #require(question.demo).text.split(separator: " ").map(String.init)
            let demo = try DemoCatalog.demo(named: words[0])
            _ = try demo.parameters(from: Array(words.dropFirst()))
        }
    }

    @Test func theDNSAnswerMatchesTheResolverModel() throws {
        for seed in UInt64(1)...30 {
            let question = DNSCacheTTLQuestion.generate(seed: seed)
            let numbers = question.prompt.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            let (ttl, elapsed) = (numbers[0], numbers[1])
            var cache = DNSCache()
            cache.store([DNSRecord("a.example", ttl: UInt32(ttl), .a([192, 0, 2, 1]))], now: 0)
            switch cache.lookup("a.example", .a, now: elapsed * 1000) {
            case .hit(let records, _): #expect(question.answer == "\(records[0].ttl)")
            default: #expect(question.answer == "\(ttl)")
            }
        }
    }

    @Test func theARPAnswerMatchesTheTableModel() throws {
        for seed in UInt64(1)...30 {
            let question = ARPCacheHitQuestion.generate(seed: seed)
            let arguments = Array(question.demo!.text.split(separator: " ").dropFirst().map(String.init))
            let trace = try ARPDemo.run(try ARPDemo.parameters(from: arguments), seed: 1)
            let second = trace.result.sends[1].result
            #expect((second == "cache hit") == (question.answer == "cache hit"), "\(question.prompt)")
        }
    }

    @Test func theOverheadAnswerMatchesTheEncapsulationModel() throws {
        for seed in UInt64(1)...30 {
            let question = OverheadBytesQuestion.generate(seed: seed)
            let numbers = question.prompt.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            let (size, mtu) = (numbers[0], numbers[1])
            let encapsulator = Encapsulator(
                sourceMAC: .zero, nextHopMAC: .broadcast, source: IPv4Address(10, 0, 0, 1),
                destination: IPv4Address(10, 0, 0, 2), sourcePort: 1, destinationPort: 80, sequenceNumber: 1,
                acknowledgmentNumber: 1, identification: 1, mtu: mtu)
            let frames = encapsulator.wrap([UInt8](repeating: 65, count: size))
            let headers = frames.map { $0.frame.bytes().count + 4 - $0.http.count }.reduce(0, +)
            #expect(question.answer == "\(headers)")
        }
    }
}
