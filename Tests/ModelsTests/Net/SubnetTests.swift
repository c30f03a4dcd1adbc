import Basics
import Foundation
import Testing

@testable import Models

/// Subnet arithmetic, checked against Python's standard `ipaddress` module on random subnets.
@Suite struct SubnetTests {
    @Test func aKnownSubnet() {
        let subnet = IPv4Subnet(address: IPv4Subnet.parse("192.168.10.77")!, prefix: 26)
        #expect(IPv4Subnet.format(subnet.mask) == "255.255.255.192")
        #expect(IPv4Subnet.format(subnet.network) == "192.168.10.64")
        #expect(IPv4Subnet.format(subnet.broadcast) == "192.168.10.127")
        #expect(subnet.usableHosts == 62)
        #expect(IPv4Subnet.format(subnet.firstHost) == "192.168.10.65")
        #expect(IPv4Subnet.format(subnet.lastHost) == "192.168.10.126")
        #expect(subnet.historicalClass == "C")
        #expect(IPv4Subnet(address: 0x0A00_0001, prefix: 31).usableHosts == 2)
        #expect(IPv4Subnet(address: 0x0A00_0001, prefix: 32).usableHosts == 1)
        #expect(IPv4Subnet.parse("256.1.1.1") == nil)
        #expect(IPv4Subnet.parse("1.2.3") == nil)
    }

    @Test func randomSubnetsAgreeWithPythonsIpaddress() throws {
        var random = SplitMix64(seed: 11)
        var cases: [(IPv4Subnet, String)] = []
        for _ in 0..<300 {
            let subnet = IPv4Subnet(address: UInt32(truncatingIfNeeded: random.next()), prefix: Int(random.next() % 33))
            cases.append((subnet, "\(IPv4Subnet.format(subnet.address))/\(subnet.prefix)"))
        }
        let script = """
            import ipaddress, sys
            for line in sys.stdin.read().split():
                n = ipaddress.ip_network(line, strict=False)
                hosts = n.num_addresses if n.prefixlen >= 31 else n.num_addresses - 2
                print(n.network_address, n.broadcast_address, n.netmask, hosts)
            """
        let result = try HTTPPythonCheck.run(["-c", script], stdin: Data(cases.map(\.1).joined(separator: "\n").utf8))
        try #require(result.status == 0, "python3 failed: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == cases.count)
        for ((subnet, written), line) in zip(cases, lines) {
            let ours =
                "\(IPv4Subnet.format(subnet.network)) \(IPv4Subnet.format(subnet.broadcast)) "
                + "\(IPv4Subnet.format(subnet.mask)) \(subnet.usableHosts)"
            #expect(ours == String(line), "\(written)")
        }
    }

    @Test(arguments: UInt64(1)...60)
    func theGeneratedQuestionAcceptsItsComputedAnswer(seed: UInt64) {
        let question = SubnetQuestion.generate(seed: seed)
        #expect(question.isCorrect(question.answer))
        #expect(!question.isCorrect("0.0.0.1"))
        #expect(question.prompt.contains("/"))
        #expect(SubnetQuestion.generate(seed: seed) == question)
    }
}
