import Foundation
import Testing

@testable import Demos
@testable import Models

private func run(_ arguments: [String], seed: UInt64 = 1) throws -> DemoTrace<
    TLSHandshakeDemo.Parameters, TLSHandshakeDemo.Step, TLSHandshakeDemo.Outcome
> {
    let options = arguments
    let parameters = try TLSHandshakeDemo.parameters(from: options)
    return try TLSHandshakeDemo.run(parameters, seed: seed)
}

private func messages(_ trace: DemoTrace<TLSHandshakeDemo.Parameters, TLSHandshakeDemo.Step, TLSHandshakeDemo.Outcome>)
    -> [String]
{
    trace.trace.filter { $0.kind != .compute }.map { "\($0.side): \($0.label)" }
}

@Suite struct TLSHandshakeDemoTests {
    @Test func tls13FullHandshakeSendsTheRFC8446FlightsInOneRoundTrip() throws {
        let trace = try run([])
        #expect(
            messages(trace) == [
                "client: ClientHello", "server: ServerHello", "server: {EncryptedExtensions}", "server: {Certificate}",
                "server: {CertificateVerify}", "server: {Finished}", "client: {Finished}", "client: [application data]",
            ])
        #expect(trace.result.completed)
        #expect(trace.result.roundTripsBeforeApplicationData == 1)
        #expect(trace.result.cipherSuite == "TLS_AES_128_GCM_SHA256")
        #expect(trace.result.applicationData == trace.params.message)
        #expect(
            trace.result.certificateChain == [
                "CN=www.example.com", "CN=netprep Demo Issuing CA,O=netprep demo", "CN=netprep Demo Root CA,O=netprep demo",
            ])
    }

    @Test func tls12ECDHENeedsTwoRoundTrips() throws {
        let trace = try run(["--version", "1.2"])
        #expect(
            messages(trace) == [
                "client: ClientHello", "server: ServerHello", "server: Certificate", "server: ServerKeyExchange",
                "server: ServerHelloDone", "client: ClientKeyExchange", "client: ChangeCipherSpec", "client: {Finished}",
                "server: ChangeCipherSpec", "server: {Finished}", "client: [application data]",
            ])
        #expect(trace.result.roundTripsBeforeApplicationData == 2)
        #expect(trace.result.cipherSuite == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
    }

    @Test func tls12RSAKeyTransportHasNoServerKeyExchange() throws {
        let trace = try run(["--version", "1.2", "--kx", "rsa"])
        #expect(!messages(trace).contains("server: ServerKeyExchange"))
        #expect(trace.result.completed && trace.result.roundTripsBeforeApplicationData == 2)
        let exchange = try #require(trace.trace.first { $0.label == "ClientKeyExchange" }?.bytes)
        // type 16, 24-bit length 258, then a 2-byte length 256 and the RSA-2048 ciphertext
        #expect(exchange.hasPrefix("1000010201 00".replacingOccurrences(of: " ", with: "")))
        #expect(trace.trace.contains { $0.label == "decrypts pre_master_secret" })
    }

    @Test(arguments: [
        (["--version", "1.2", "--resume"], 1), (["--version", "1.3", "--resume"], 1),
        (["--version", "1.3", "--resume", "--early-data"], 0), (["--version", "1.3", "--group", "p256"], 1),
    ])
    func roundTripsBeforeApplicationData(arguments: [String], expected: Int) throws {
        let trace = try run(arguments)
        #expect(trace.result.completed)
        #expect(trace.result.roundTripsBeforeApplicationData == expected)
        #expect(trace.result.applicationData == trace.params.message)
    }

    @Test func resumedHandshakesSendNoCertificate() throws {
        for version in ["1.2", "1.3"] {
            let trace = try run(["--version", version, "--resume"])
            #expect(!trace.trace.contains { $0.label.contains("Certificate") })
        }
    }

    @Test(arguments: [
        ("1.3", CertificateProblem.expired, "certificate_expired"), ("1.3", .wrongName, "bad_certificate"),
        ("1.3", .unknownCA, "unknown_ca"), ("1.2", .expired, "certificate_expired"), ("1.2", .wrongName, "bad_certificate"),
        ("1.2", .unknownCA, "unknown_ca"),
    ])
    func badCertificatesAbortWithTheMatchingAlert(version: String, problem: CertificateProblem, alert: String) throws {
        let trace = try run(["--version", version, "--cert", problem.rawValue])
        #expect(!trace.result.completed)
        #expect(trace.result.alert == alert)
        #expect(trace.result.certificateValid == false)
        #expect(!trace.result.certificateProblems.isEmpty)
        #expect(trace.trace.last?.kind == .alert)
        #expect(trace.result.roundTripsBeforeApplicationData == nil)
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for arguments in [[], ["--version", "1.2", "--kx", "rsa"]] {
            let first = try encoder.encode(try run(arguments, seed: 9))
            #expect(first == (try encoder.encode(try run(arguments, seed: 9))))
            #expect(first != (try encoder.encode(try run(arguments, seed: 10))))
        }
    }

    @Test func tracedServerFinishedRecordOpensWithTheTracedSecret() throws {
        let trace = try run([])
        let secret = try #require(trace.result.secrets["server_handshake_traffic_secret"].flatMap(Hex.bytes))
        let keys = TLS13KeySchedule.trafficKeys(secret: secret)
        let finished = try #require(trace.trace.first { $0.side == "server" && $0.label == "{Finished}" })
        let (content, type) = try TLSRecordCipher.open13(
            record: Hex.bytes(finished.record!)!, key: keys.key, iv: keys.iv, sequence: 3)
        #expect(type == 22)
        #expect(Hex.string(content) == finished.bytes)
    }

    @Test func clientHelloBytesAreAWellFormedHandshakeMessage() throws {
        let trace = try run(["--version", "1.3", "--resume", "--early-data"])
        let step = try #require(trace.trace.first { $0.kind == .message })
        #expect(step.label == "ClientHello")
        let hello = try #require(step.bytes.flatMap(Hex.bytes))
        #expect(hello[0] == 1)
        #expect(Int(hello[1]) << 16 | Int(hello[2]) << 8 | Int(hello[3]) == hello.count - 4)
        let record = try #require(step.record.flatMap(Hex.bytes))
        #expect(Array(record.prefix(3)) == [22, 3, 1])
        #expect(trace.result.secrets["binder_key"] != nil)
        #expect(trace.result.secrets["client_early_traffic_secret"] != nil)
    }

    @Test(arguments: [
        ["--version", "1.3", "--kx", "rsa"], ["--early-data"], ["--version", "1.2", "--resume", "--early-data"],
        ["--cert", "revoked"], ["--resume", "--cert", "expired"], ["--group", "x448"],
    ])
    func impossibleCombinationsAreRefused(arguments: [String]) throws {
        #expect(throws: DemoError.self) { try run(arguments) }
    }

    @Test func clientMachineRefusesOutOfOrderMessages() throws {
        var machine = TLSClientMachine(flow: .full13)
        #expect(throws: DemoError.self) { try machine.receive(.serverHello) }
        _ = try machine.start()
        #expect(throws: DemoError.self) { try machine.receive(.finished) }
        _ = try machine.receive(.serverHello)
        #expect(throws: DemoError.self) { try machine.receive(.serverKeyExchange) }
        #expect(throws: DemoError.self) { try machine.start() }
    }

    @Test func clientMachineFullTLS12ActionsInOrder() throws {
        var machine = TLSClientMachine(flow: .full12(rsa: false))
        #expect(try machine.start() == [.sendClientHello(earlyData: false)])
        #expect(try machine.receive(.serverHello) == [])
        #expect(try machine.receive(.certificate) == [.validateCertificateChain])
        #expect(try machine.receive(.serverKeyExchange) == [.verifyServerSignature])
        #expect(try machine.receive(.serverHelloDone) == [.sendKeyExchangeAndFinished])
        #expect(try machine.receive(.changeCipherSpec) == [])
        #expect(try machine.receive(.finished) == [.verifyServerFinished, .connected])
        #expect(machine.state == .connected)
    }

    @Test func renderingFitsEightyColumnsWithoutColour() throws {
        for arguments in [[], ["--version", "1.2", "--kx", "rsa"], ["--cert", "expired"], ["--resume", "--early-data"]] {
            let text = TLSHandshakeDemo.render(try run(arguments), style: .plain)
            #expect(!text.contains("\u{1B}"))
            for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        }
        let coloured = TLSHandshakeDemo.render(try run(["--cert", "expired"]), style: RenderStyle(color: true))
        #expect(coloured.contains("\u{1B}[31m"))
    }
}
