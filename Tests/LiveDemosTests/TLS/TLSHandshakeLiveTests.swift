import Demos
import Foundation
import Models
import NIOSSL
import TestSupport
import Testing

@testable import LiveDemos

@Suite struct TLSHandshakeLiveTests {
    @Test func tls13HandshakeOnLoopbackNegotiatesAndValidatesTheFreshChain() async throws {
        let report = try await TLSHandshakeLive.handshake(maximumVersion: .tlsv13, probeOpenSSL: false)
        #expect(report.version == "TLS 1.3")
        #expect(report.cipherSuite.hasPrefix("TLS_"))
        #expect(report.leafMatches)
        #expect(report.chain.first == "CN=localhost")
        #expect(report.reply.contains("hello over TLS"))
        #expect(report.records.first?.direction == "client->server")
        #expect(report.records.first?.summary == "ClientHello")
        #expect(report.records.contains { $0.direction == "server->client" && $0.summary.hasPrefix("ServerHello") })
    }

    @Test func tls12HandshakeUsesTheConfiguredECDHESuite() async throws {
        let report = try await TLSHandshakeLive.handshake(maximumVersion: .tlsv12, probeOpenSSL: false)
        #expect(report.version == "TLS 1.2")
        #expect(report.cipherSuite == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
        #expect(report.records.contains { $0.summary.contains("ServerKeyExchange") })
    }

    @Test(
        .enabled(if: Checker.runs(OpenSSLProbe.executable() != nil), "needs openssl on PATH"),
        arguments: [TLSVersion.tlsv13, .tlsv12])
    func opensslSClientCompletesTheSameHandshake(version: TLSVersion) async throws {
        let report = try await TLSHandshakeLive.handshake(maximumVersion: version, probeOpenSSL: true)
        let probe = try #require(report.openssl)
        #expect(probe.ran)
        #expect(probe.verified, "\(probe.summary)")
        #expect(probe.protocolVersion == (version == .tlsv13 ? "TLSv1.3" : "TLSv1.2"))
    }

    @Test func liveDemoIsRegisteredUnderTheModelsName() {
        #expect(LiveCatalog.demo(named: "tls.handshake") != nil)
    }

    @Test func renderingNamesVersionCipherAndChain() async throws {
        let text = try await TLSHandshakeLive.run(arguments: [], json: false, style: .plain)
        #expect(text.contains("negotiated: TLS 1.3"))
        #expect(text.contains("CN=localhost"))
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }
}
