import ArgumentParser
import Basics
import Foundation
import Models

extension TLSHandshakeDemo: Demo {
    public static let summary = "TLS 1.2 (ECDHE, RSA) and 1.3 handshakes, real keys, chain checks"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Protocol version: 1.2 or 1.3.", valueName: "version"))
        var version = "1.3"
        @Option(help: ArgumentHelp("TLS 1.2 key exchange: ecdhe or rsa.", valueName: "kx"))
        var kx = "ecdhe"
        @Option(help: ArgumentHelp("ECDHE group: x25519 or p256.", valueName: "group"))
        var group = "x25519"
        @Flag(help: "Resume an earlier session (1.2 session id, 1.3 PSK).")
        var resume = false
        @Flag(name: .customLong("early-data"), help: "With --resume on 1.3: send 0-RTT data.")
        var earlyData = false
        @Option(
            help: ArgumentHelp(
                "What is wrong with the chain: ok, expired, wrong-name or unknown-ca.", valueName: "problem"))
        var cert = "ok"
        @Option(help: ArgumentHelp("Server name the client asks for.", valueName: "name"))
        var host = "www.example.com"
        @Option(help: ArgumentHelp("Validation time, Unix seconds.", valueName: "seconds"))
        var now = 1_767_225_600
        @Option(
            help: ArgumentHelp(
                "First application data the client sends (a GET of / for --host without it).", valueName: "text"))
        var message: String?

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let version = options.version
        guard ["1.2", "1.3"].contains(version) else { throw DemoError.badOption("--version takes 1.2 or 1.3") }
        let kx = options.kx
        guard ["ecdhe", "rsa"].contains(kx) else { throw DemoError.badOption("--kx takes ecdhe or rsa") }
        if kx == "rsa" && version == "1.3" {
            throw DemoError.badOption("TLS 1.3 removed RSA key transport (RFC 8446 §1.2); use --version 1.2")
        }
        let group = options.group
        guard ["x25519", "p256"].contains(group) else { throw DemoError.badOption("--group takes x25519 or p256") }
        let certificate = try OptionCheck.choice(options.cert, "cert") as CertificateProblem
        let resume = options.resume
        let earlyData = options.earlyData
        if earlyData && !(resume && version == "1.3") {
            throw DemoError.badOption("--early-data needs --resume and --version 1.3 (0-RTT uses a PSK)")
        }
        if resume && certificate != .none {
            throw DemoError.badOption("a resumed handshake sends no certificate; drop --cert or --resume")
        }
        let host = options.host
        guard !host.isEmpty, host.utf8.count < 256 else { throw DemoError.badOption("--host takes a DNS name") }
        let now = try OptionCheck.within(options.now, 0...4_102_444_800, "now")
        let message = options.message ?? "GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n"
        return Parameters(
            version: version, keyExchange: kx, group: group, resume: resume, earlyData: earlyData,
            certificate: certificate, host: host, now: now, message: message)
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        TLSRenderer.ladder(trace).text(.spread, style: style)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Ladder? {
        TLSRenderer.ladder(trace)
    }
}
