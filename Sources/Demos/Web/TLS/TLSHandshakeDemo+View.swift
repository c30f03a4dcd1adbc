import Basics
import Foundation
import Models

extension TLSHandshakeDemo: Demo {
    public static let summary = "TLS 1.2 (ECDHE, RSA) and 1.3 handshakes, real keys, chain checks"

    public static let usage = [
        "--version 1.2|1.3        protocol version (1.3)",
        "--kx ecdhe|rsa           TLS 1.2 key exchange (ecdhe)",
        "--group x25519|p256      ECDHE group (x25519)",
        "--resume                 resume an earlier session (1.2 session id, 1.3 PSK)",
        "--early-data             with --resume on 1.3: send 0-RTT data",
        "--cert ok|expired|wrong-name|unknown-ca   what is wrong with the chain (ok)",
        "--host NAME              server name the client asks for (www.example.com)",
        "--now SECONDS            validation time, Unix seconds (1767225600)",
        "--message TEXT           first application data the client sends",
    ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        let version = options.string("version", default: "1.3")
        guard ["1.2", "1.3"].contains(version) else { throw DemoError.badOption("--version takes 1.2 or 1.3") }
        let kx = options.string("kx", default: "ecdhe")
        guard ["ecdhe", "rsa"].contains(kx) else { throw DemoError.badOption("--kx takes ecdhe or rsa") }
        if kx == "rsa" && version == "1.3" {
            throw DemoError.badOption("TLS 1.3 removed RSA key transport (RFC 8446 §1.2); use --version 1.2")
        }
        let group = options.string("group", default: "x25519")
        guard ["x25519", "p256"].contains(group) else { throw DemoError.badOption("--group takes x25519 or p256") }
        let certificate = try options.choice("cert", default: CertificateProblem.none)
        let resume = options.flag("resume")
        let earlyData = options.flag("early-data")
        if earlyData && !(resume && version == "1.3") {
            throw DemoError.badOption("--early-data needs --resume and --version 1.3 (0-RTT uses a PSK)")
        }
        if resume && certificate != .none {
            throw DemoError.badOption("a resumed handshake sends no certificate; drop --cert or --resume")
        }
        let host = options.string("host", default: "www.example.com")
        guard !host.isEmpty, host.utf8.count < 256 else { throw DemoError.badOption("--host takes a DNS name") }
        let now = try options.int("now", default: 1_767_225_600, in: 0...4_102_444_800)
        let message = options.string("message", default: "GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
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
