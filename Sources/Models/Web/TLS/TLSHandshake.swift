import Basics
import Crypto
import Foundation
import X509
import _CryptoExtras

/// `tls.handshake`: TLS 1.2 (ECDHE or RSA key transport) and TLS 1.3 handshakes, full or
/// resumed, with the cryptography done for real by swift-crypto and the server's certificate
/// chain made and validated with swift-certificates.
///
/// Every key comes from the seed (X25519/P-256 shares, Ed25519 CA and server keys, randoms), so
/// a seed reproduces each byte. Messages carry their exact encoding (`bytes`) and the record as
/// sent (`record`, encrypted where the protocol encrypts it).
public enum TLSHandshakeDemo: Sendable {
    public static let name = "tls.handshake"

    public struct Parameters: Codable, Sendable, Equatable {
        public var version: String
        public var keyExchange: String
        public var group: String
        public var resume: Bool
        public var earlyData: Bool
        public var certificate: CertificateProblem
        public var host: String
        public var now: Int
        public var message: String

        public init(
            version: String = "1.3", keyExchange: String = "ecdhe", group: String = "x25519", resume: Bool = false,
            earlyData: Bool = false, certificate: CertificateProblem = .none, host: String = "www.example.com",
            now: Int = 1_767_225_600, message: String = "GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n"
        ) {
            self.version = version
            self.keyExchange = keyExchange
            self.group = group
            self.resume = resume
            self.earlyData = earlyData
            self.certificate = certificate
            self.host = host
            self.now = now
            self.message = message
        }
    }

    /// One event of the handshake: a message on the wire, or a computation one side makes.
    public struct Step: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            case message, compute, alert
        }
        public var kind: Kind
        /// `client` or `server`: who sends or computes.
        public var side: String
        public var label: String
        public var notes: [String]
        /// The handshake message (or alert, or application data) before record protection, hex.
        public var bytes: String?
        /// The TLS record as sent, hex; encrypted when `protection` is set.
        public var record: String?
        /// The traffic key protecting the record, if any.
        public var protection: String?
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var version: String
        public var cipherSuite: String
        public var group: String?
        public var resumed: Bool
        public var completed: Bool
        public var alert: String?
        public var certificateValid: Bool?
        public var certificateChain: [String]
        public var certificateProblems: [String]
        /// Round trips the client waits before it can send application data (TCP's own
        /// handshake not counted).
        public var roundTripsBeforeApplicationData: Int?
        /// The secrets of the key schedule, hex, by the RFCs' names.
        public var secrets: [String: String]
        /// The application data as the server decrypted it.
        public var applicationData: String?
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var run = TLSRun(parameters: parameters, generator: SplitMix64(seed: seed))
        let outcome = try run.execute()
        return DemoTrace(demo: name, params: parameters, trace: run.steps, result: outcome)
    }

}

/// An ephemeral (EC)DHE key of either group (RFC 8446 §4.2.7, §7.4).
struct EphemeralKey {
    enum Key {
        case x25519(Curve25519.KeyAgreement.PrivateKey)
        case p256(P256.KeyAgreement.PrivateKey)
    }
    let key: Key

    /// IANA NamedGroup code.
    var groupCode: Int {
        if case .x25519 = key { return 0x001d }
        return 0x0017
    }

    init(key: Key) {
        self.key = key
    }

    init(group: String, using generator: inout SplitMix64) throws {
        if group == "x25519" {
            key = .x25519(try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Bytes.random(32, using: &generator)))
            return
        }
        while true {
            if let scalar = try? P256.KeyAgreement.PrivateKey(rawRepresentation: Bytes.random(32, using: &generator)) {
                key = .p256(scalar)
                return
            }
        }
    }

    /// X25519: 32 bytes (RFC 7748); P-256: the uncompressed point (RFC 8446 §4.2.8.2).
    var publicBytes: [UInt8] {
        switch key {
        case .x25519(let k): return Array(k.publicKey.rawRepresentation)
        case .p256(let k): return Array(k.publicKey.x963Representation)
        }
    }

    /// The shared secret: X25519 output or the x-coordinate of the P-256 point (RFC 8446 §7.4).
    func agree(with peer: [UInt8]) throws -> [UInt8] {
        let secret: SharedSecret
        switch key {
        case .x25519(let k):
            secret = try k.sharedSecretFromKeyAgreement(with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: peer))
        case .p256(let k):
            secret = try k.sharedSecretFromKeyAgreement(with: P256.KeyAgreement.PublicKey(x963Representation: peer))
        }
        return secret.withUnsafeBytes { Array($0) }
    }
}

/// One run of the model: the client machine, the server's replies and the records.
struct TLSRun {
    typealias Step = TLSHandshakeDemo.Step
    let parameters: TLSHandshakeDemo.Parameters
    var generator: SplitMix64
    var steps: [Step] = []
    var secrets: [String: String] = [:]
    var client: TLSClientMachine
    /// Handshake messages so far, for the transcript hash.
    var transcript: [[UInt8]] = []

    init(parameters: TLSHandshakeDemo.Parameters, generator: SplitMix64) {
        self.parameters = parameters
        self.generator = generator
        let flow: TLSClientMachine.Flow
        switch (parameters.version, parameters.resume) {
        case ("1.3", false): flow = .full13
        case ("1.3", true): flow = .resumed13(earlyData: parameters.earlyData)
        case (_, false): flow = .full12(rsa: parameters.keyExchange == "rsa")
        default: flow = .resumed12
        }
        client = TLSClientMachine(flow: flow)
    }

    var now: Date { Date(timeIntervalSince1970: TimeInterval(parameters.now)) }

    mutating func send(
        _ side: String, _ label: String, notes: [String] = [], bytes: [UInt8]?, record: [UInt8]?, protection: String? = nil
    ) {
        steps.append(
            Step(
                kind: .message, side: side, label: label, notes: notes, bytes: bytes.map { Hex.string($0) },
                record: record.map { Hex.string($0) }, protection: protection))
    }

    mutating func compute(_ side: String, _ label: String, _ notes: [String] = []) {
        steps.append(Step(kind: .compute, side: side, label: label, notes: notes, bytes: nil, record: nil, protection: nil))
    }

    mutating func secret(_ name: String, _ value: [UInt8]) {
        secrets[name] = Hex.string(value)
    }

    func hash() -> [UInt8] { TLS13KeySchedule.transcriptHash(transcript) }

    mutating func execute() throws -> TLSHandshakeDemo.Outcome {
        switch client.flow {
        case .full13, .resumed13: return try run13()
        case .full12, .resumed12: return try run12()
        }
    }

    // MARK: - Certificates

    struct ServerIdentity {
        var pki: DemoPKI?
        var signingKey: Curve25519.Signing.PrivateKey?
    }

    mutating func makeServerIdentity(rsa: Bool) throws -> ServerIdentity {
        let signingKey = try Curve25519.Signing.PrivateKey(rawRepresentation: Bytes.random(32, using: &generator))
        let leafKey: Certificate.PublicKey
        if rsa {
            let der = try RSAKeyTransport.privateKey().publicKey.derRepresentation
            leafKey = .init(try _RSA.Signing.PublicKey(derRepresentation: der))
        } else {
            leafKey = .init(signingKey.publicKey)
        }
        let pki = try DemoPKI.make(
            host: parameters.host, leafKey: leafKey, problem: parameters.certificate, now: now, using: &generator)
        return ServerIdentity(pki: pki, signingKey: rsa ? nil : signingKey)
    }

    /// Runs the client's chain validation; returns the alert to send if it fails.
    mutating func validateChain(_ pki: DemoPKI) -> DemoPKI.Validation {
        let validation = pki.validate(host: parameters.host, now: now)
        var notes = ["Verifier(RFC5280Policy, ServerIdentityPolicy(\(parameters.host)))"]
        if validation.valid {
            notes.append("chain: " + validation.chain.joined(separator: " <- "))
            compute("client", "certificate chain valid", notes)
        } else {
            notes += validation.reasons.map { "fails: " + $0 }
            compute("client", "certificate chain rejected", notes)
        }
        return validation
    }

    func outcome(
        completed: Bool, alert: String? = nil, validation: DemoPKI.Validation? = nil, applicationData: String? = nil,
        suite: UInt16, group: String?
    ) -> TLSHandshakeDemo.Outcome {
        TLSHandshakeDemo.Outcome(
            version: "TLS " + parameters.version, cipherSuite: TLSMessage.suiteName(suite), group: group,
            resumed: parameters.resume, completed: completed, alert: alert,
            certificateValid: validation?.valid, certificateChain: validation?.chain ?? [],
            certificateProblems: validation?.valid == false ? validation!.reasons : [],
            roundTripsBeforeApplicationData: completed ? TLSFlights.roundTrips(steps) : nil,
            secrets: secrets, applicationData: applicationData)
    }

    // MARK: - TLS 1.3

    mutating func run13() throws -> TLSHandshakeDemo.Outcome {
        let suite = TLSMessage.aes128GCMSHA256
        let clientKey = try EphemeralKey(group: parameters.group, using: &generator)
        let clientRandom = Bytes.random(32, using: &generator)
        let sessionID = Bytes.random(32, using: &generator)
        let resumed = parameters.resume
        let early = parameters.earlyData
        var psk: [UInt8]?
        var ticket: [UInt8] = []
        if resumed {
            psk = Bytes.random(32, using: &generator)
            ticket = Bytes.random(32, using: &generator)
            compute(
                "client", "resumes with a PSK",
                [
                    "ticket from an earlier session's NewSessionTicket",
                    "(that session is not shown: PSK and ticket come from the seed)",
                    "PSK " + Bytes.abbreviated(Hex.string(psk!)),
                ])
        }
        let earlySecret = TLS13KeySchedule.earlySecret(psk: psk)
        secret("early_secret", earlySecret)

        var extensions: [[UInt8]] = [
            TLSMessage.serverName(parameters.host),
            TLSMessage.extensionBlock(10, TLSMessage.uint16List([clientKey.groupCode])),
            TLSMessage.extensionBlock(13, TLSMessage.uint16List([TLSMessage.ed25519Scheme])),
            TLSMessage.extensionBlock(43, TLSMessage.uint16List([0x0304], lengthBytes: 1)),
            TLSMessage.extensionBlock(
                51,
                {
                    var shares: [UInt8] = []
                    shares.appendVector(
                        TLSMessage.keyShareEntry(group: clientKey.groupCode, key: clientKey.publicBytes), lengthBytes: 2)
                    return shares
                }()),
        ]
        if resumed {
            extensions.append(TLSMessage.extensionBlock(45, [1, 1]))  // psk_dhe_ke
            if early { extensions.append(TLSMessage.extensionBlock(42, [])) }
            var identity: [UInt8] = []
            identity.appendVector(ticket, lengthBytes: 2)
            identity += Bytes.random(4, using: &generator)  // obfuscated_ticket_age
            var identities: [UInt8] = []
            identities.appendVector(identity, lengthBytes: 2)
            var binders: [UInt8] = []
            binders.appendVector([32] + Array(repeating: 0, count: 32), lengthBytes: 2)
            extensions.append(TLSMessage.extensionBlock(41, identities + binders))  // pre_shared_key, last
        }
        var clientHello = TLSMessage.clientHello(
            random: clientRandom, sessionID: sessionID, suites: [suite], extensions: extensions)
        var notes = [
            "cipher_suites: TLS_AES_128_GCM_SHA256",
            "key_share: \(parameters.group) " + Bytes.abbreviated(Hex.string(clientKey.publicBytes)),
            "server_name: \(parameters.host)",
        ]
        if let psk {
            // The binder proves the client holds the PSK (RFC 8446 §4.2.11.2).
            let binderKey = TLS13KeySchedule.deriveSecret(
                secret: earlySecret, label: "res binder", transcriptHash: TLS13KeySchedule.emptyHash)
            let partial = TLS13KeySchedule.transcriptHash([Array(clientHello.dropLast(35))])
            let binder = TLS13KeySchedule.finished(trafficSecret: binderKey, transcriptHash: partial)
            clientHello.replaceSubrange((clientHello.count - 32)..., with: binder)
            secret("binder_key", binderKey)
            notes.append("pre_shared_key: binder " + Bytes.abbreviated(Hex.string(binder)))
            _ = psk
        }
        _ = try client.start()
        transcript.append(clientHello)
        send(
            "client", "ClientHello", notes: notes, bytes: clientHello,
            record: TLSMessage.plaintextRecord(.handshake, clientHello, legacyVersion: [3, 1]))

        var earlyKeys: (key: [UInt8], iv: [UInt8])?
        var earlySequence: UInt64 = 0
        if early {
            let earlyTraffic = TLS13KeySchedule.deriveSecret(secret: earlySecret, label: "c e traffic", transcriptHash: hash())
            secret("client_early_traffic_secret", earlyTraffic)
            earlyKeys = TLS13KeySchedule.trafficKeys(secret: earlyTraffic)
            let data = Array(parameters.message.utf8)
            let record = try TLSRecordCipher.seal13(
                content: data, type: 23, key: earlyKeys!.key, iv: earlyKeys!.iv, sequence: earlySequence)
            earlySequence += 1
            send(
                "client", "early data (0-RTT)",
                notes: ["sealed with client_early_traffic_secret", "replayable: idempotent requests only"],
                bytes: data, record: record, protection: "client_early_traffic")
        }

        // The server answers.
        let serverKey = try EphemeralKey(group: parameters.group, using: &generator)
        let serverRandom = Bytes.random(32, using: &generator)
        var serverExtensions = [
            TLSMessage.extensionBlock(43, [3, 4]),
            TLSMessage.extensionBlock(51, TLSMessage.keyShareEntry(group: serverKey.groupCode, key: serverKey.publicBytes)),
        ]
        if resumed { serverExtensions.append(TLSMessage.extensionBlock(41, [0, 0])) }
        let identity = resumed ? ServerIdentity(pki: nil, signingKey: nil) : try makeServerIdentity(rsa: false)
        let serverHello = TLSMessage.serverHello(
            random: serverRandom, sessionID: sessionID, suite: suite, extensions: serverExtensions)
        transcript.append(serverHello)
        _ = try client.receive(.serverHello)
        send(
            "server", "ServerHello",
            notes: [
                "supported_versions: TLS 1.3",
                "key_share: \(parameters.group) " + Bytes.abbreviated(Hex.string(serverKey.publicBytes)),
            ] + (resumed ? ["pre_shared_key: selected identity 0"] : []),
            bytes: serverHello, record: TLSMessage.plaintextRecord(.handshake, serverHello))

        let shared = try clientKey.agree(with: serverKey.publicBytes)
        guard shared == (try serverKey.agree(with: clientKey.publicBytes)) else {
            throw DemoError.impossible("the two sides derived different ECDHE secrets")
        }
        secret("ecdhe_shared_secret", shared)
        let handshakeSecret = TLS13KeySchedule.handshakeSecret(early: earlySecret, sharedSecret: shared)
        let helloHash = hash()
        let clientHS = TLS13KeySchedule.deriveSecret(secret: handshakeSecret, label: "c hs traffic", transcriptHash: helloHash)
        let serverHS = TLS13KeySchedule.deriveSecret(secret: handshakeSecret, label: "s hs traffic", transcriptHash: helloHash)
        secret("handshake_secret", handshakeSecret)
        secret("client_handshake_traffic_secret", clientHS)
        secret("server_handshake_traffic_secret", serverHS)
        compute(
            "both", "key schedule (RFC 8446 §7.1)",
            [
                "\(parameters.group == "x25519" ? "X25519" : "P-256 ECDH") shared " + Bytes.abbreviated(Hex.string(shared)),
                "handshake_secret " + Bytes.abbreviated(Hex.string(handshakeSecret)),
                "s hs traffic " + Bytes.abbreviated(Hex.string(serverHS)),
            ])
        let serverKeys = TLS13KeySchedule.trafficKeys(secret: serverHS)
        let clientKeys = TLS13KeySchedule.trafficKeys(secret: clientHS)
        var serverSequence: UInt64 = 0
        func sealServer(_ message: [UInt8]) throws -> [UInt8] {
            defer { serverSequence += 1 }
            return try TLSRecordCipher.seal13(
                content: message, type: 22, key: serverKeys.key, iv: serverKeys.iv, sequence: serverSequence)
        }

        var eeBody: [UInt8] = []
        eeBody.appendVector(early ? TLSMessage.extensionBlock(42, []) : [], lengthBytes: 2)
        let encryptedExtensions = TLSMessage.handshake(.encryptedExtensions, eeBody)
        transcript.append(encryptedExtensions)
        send(
            "server", "{EncryptedExtensions}", notes: early ? ["early_data: accepted"] : [],
            bytes: encryptedExtensions, record: try sealServer(encryptedExtensions), protection: "server_handshake_traffic")
        _ = try client.receive(.encryptedExtensions)

        var validation: DemoPKI.Validation?
        if let pki = identity.pki, let signingKey = identity.signingKey {
            let certificate = TLSMessage.certificate13(try pki.chainDER())
            transcript.append(certificate)
            send(
                "server", "{Certificate}",
                notes: [
                    "leaf: CN=\(parameters.host), " + "issuer: netprep Demo Issuing CA"
                ], bytes: certificate, record: try sealServer(certificate), protection: "server_handshake_traffic")
            let actions = try client.receive(.certificate)
            precondition(actions == [.validateCertificateChain])
            let content = TLSMessage.certificateVerifyContent(transcriptHash: hash())
            let signature = Array(try signingKey.signature(for: content))
            let certificateVerify = TLSMessage.handshake(
                .certificateVerify, TLSMessage.signed(scheme: TLSMessage.ed25519Scheme, signature: signature))
            transcript.append(certificateVerify)
            let checked = validateChain(pki)
            validation = checked
            if !checked.valid, let alert = checked.alert {
                client.abort()
                let alertBytes = TLSMessage.fatalAlert(alert.code)
                let record = try TLSRecordCipher.seal13(
                    content: alertBytes, type: 21, key: clientKeys.key, iv: clientKeys.iv, sequence: 0)
                steps.append(
                    Step(
                        kind: .alert, side: "client", label: "{Alert: \(alert.name)}",
                        notes: ["fatal; the connection closes"], bytes: Hex.string(alertBytes),
                        record: Hex.string(record), protection: "client_handshake_traffic"))
                return outcome(completed: false, alert: alert.name, validation: checked, suite: suite, group: parameters.group)
            }
            send(
                "server", "{CertificateVerify}", notes: ["ed25519 over the transcript hash"],
                bytes: certificateVerify, record: try sealServer(certificateVerify), protection: "server_handshake_traffic")
            _ = try client.receive(.certificateVerify)
            guard let leafKey = Curve25519.Signing.PublicKey(pki.leaf.publicKey),
                leafKey.isValidSignature(signature, for: content)
            else { throw DemoError.impossible("CertificateVerify did not verify with the leaf key") }
            compute("client", "CertificateVerify signature valid", ["checked with the leaf certificate's Ed25519 key"])
        }

        let serverFinishedData = TLS13KeySchedule.finished(trafficSecret: serverHS, transcriptHash: hash())
        let serverFinished = TLSMessage.handshake(.finished, serverFinishedData)
        transcript.append(serverFinished)
        send(
            "server", "{Finished}", notes: ["HMAC over the transcript, server finished_key"],
            bytes: serverFinished, record: try sealServer(serverFinished), protection: "server_handshake_traffic")
        let actions = try client.receive(.finished)
        guard
            serverFinishedData
                == TLS13KeySchedule.finished(
                    trafficSecret: serverHS, transcriptHash: TLS13KeySchedule.transcriptHash(Array(transcript.dropLast())))
        else {
            throw DemoError.impossible("server Finished did not verify")
        }
        precondition(actions.contains(.sendFinished))

        let master = TLS13KeySchedule.masterSecret(handshake: handshakeSecret)
        let finishedHash = hash()
        let clientAP = TLS13KeySchedule.deriveSecret(secret: master, label: "c ap traffic", transcriptHash: finishedHash)
        let serverAP = TLS13KeySchedule.deriveSecret(secret: master, label: "s ap traffic", transcriptHash: finishedHash)
        secret("master_secret", master)
        secret("client_application_traffic_secret_0", clientAP)
        secret("server_application_traffic_secret_0", serverAP)
        compute(
            "both", "application traffic secrets",
            [
                "master_secret " + Bytes.abbreviated(Hex.string(master)),
                "c ap traffic " + Bytes.abbreviated(Hex.string(clientAP)),
            ])

        if let earlyKeys {
            let endOfEarlyData = TLSMessage.handshake(.endOfEarlyData, [])
            transcript.append(endOfEarlyData)
            let record = try TLSRecordCipher.seal13(
                content: endOfEarlyData, type: 22, key: earlyKeys.key, iv: earlyKeys.iv, sequence: earlySequence)
            send(
                "client", "(EndOfEarlyData)", notes: ["last record under the early key"],
                bytes: endOfEarlyData, record: record, protection: "client_early_traffic")
        }
        let clientFinished = TLSMessage.handshake(
            .finished, TLS13KeySchedule.finished(trafficSecret: clientHS, transcriptHash: hash()))
        transcript.append(clientFinished)
        send(
            "client", "{Finished}", notes: ["HMAC over the transcript, client finished_key"], bytes: clientFinished,
            record: try TLSRecordCipher.seal13(
                content: clientFinished, type: 22, key: clientKeys.key, iv: clientKeys.iv, sequence: 0),
            protection: "client_handshake_traffic")

        let received: String
        if let earlyKeys, let earlyRecord = steps.first(where: { $0.protection == "client_early_traffic" })?.record {
            let (content, _) = try TLSRecordCipher.open13(
                record: Hex.bytes(earlyRecord)!, key: earlyKeys.key, iv: earlyKeys.iv, sequence: 0)
            received = String(decoding: content, as: UTF8.self)
            compute("server", "opens the 0-RTT data", ["AES-128-GCM tag valid, \(content.count) bytes"])
        } else {
            let appKeys = TLS13KeySchedule.trafficKeys(secret: clientAP)
            let data = Array(parameters.message.utf8)
            let record = try TLSRecordCipher.seal13(content: data, type: 23, key: appKeys.key, iv: appKeys.iv, sequence: 0)
            send(
                "client", "[application data]", notes: ["sealed with client_application_traffic_secret_0"],
                bytes: data, record: record, protection: "client_application_traffic")
            let (content, type) = try TLSRecordCipher.open13(record: record, key: appKeys.key, iv: appKeys.iv, sequence: 0)
            guard type == 23 else { throw DemoError.impossible("record type changed in transit") }
            received = String(decoding: content, as: UTF8.self)
            compute("server", "opens the record", ["AES-128-GCM tag valid, \(content.count) bytes"])
        }
        return outcome(completed: true, validation: validation, applicationData: received, suite: suite, group: parameters.group)
    }

    // MARK: - TLS 1.2

    mutating func run12() throws -> TLSHandshakeDemo.Outcome {
        let rsa = parameters.keyExchange == "rsa"
        let resumed = parameters.resume
        let suite = rsa ? TLSMessage.rsaAES128GCM : TLSMessage.ecdheECDSAAES128GCM
        let group: String? = rsa || resumed ? nil : parameters.group
        let clientRandom = Bytes.random(32, using: &generator)
        var sessionID: [UInt8] = []
        var master: [UInt8] = []
        if resumed {
            sessionID = Bytes.random(32, using: &generator)
            master = Bytes.random(48, using: &generator)
            compute(
                "client", "resumes a cached session",
                [
                    "session_id " + Bytes.abbreviated(Hex.string(sessionID)),
                    "master_secret from that session",
                    "(that session is not shown: id and secret come from the seed)",
                ])
        }
        let groupCode = parameters.group == "x25519" ? 0x001d : 0x0017
        let clientHello = TLSMessage.clientHello(
            random: clientRandom, sessionID: sessionID, suites: [suite],
            extensions: [
                TLSMessage.serverName(parameters.host),
                TLSMessage.extensionBlock(10, TLSMessage.uint16List([groupCode])),
                TLSMessage.extensionBlock(11, [1, 0]),
                TLSMessage.extensionBlock(13, TLSMessage.uint16List([TLSMessage.ed25519Scheme])),
            ])
        _ = try client.start()
        transcript.append(clientHello)
        send(
            "client", "ClientHello",
            notes: [
                "cipher_suites: " + TLSMessage.suiteName(suite),
                resumed ? "session_id: the cached session" : "session_id: empty (new session)",
                "client_random " + Bytes.abbreviated(Hex.string(clientRandom)),
            ], bytes: clientHello, record: TLSMessage.plaintextRecord(.handshake, clientHello, legacyVersion: [3, 1]))

        let serverRandom = Bytes.random(32, using: &generator)
        if !resumed { sessionID = Bytes.random(32, using: &generator) }
        let serverHello = TLSMessage.serverHello(random: serverRandom, sessionID: sessionID, suite: suite, extensions: [])
        transcript.append(serverHello)
        _ = try client.receive(.serverHello)
        send(
            "server", "ServerHello",
            notes: [
                "cipher_suite: " + TLSMessage.suiteName(suite),
                resumed ? "session_id: echoed, so the session resumes" : "session_id: new",
            ], bytes: serverHello, record: TLSMessage.plaintextRecord(.handshake, serverHello))

        var validation: DemoPKI.Validation?
        var clientSequence: UInt64 = 0
        var keys: (clientKey: [UInt8], serverKey: [UInt8], clientSalt: [UInt8], serverSalt: [UInt8])
        if resumed {
            keys = TLS12PRF.keyBlock(master: master, clientRandom: clientRandom, serverRandom: serverRandom)
            secret("master_secret", master)
            try serverChangeCipherSpecAndFinished(master: master, keys: keys)
            try clientChangeCipherSpecAndFinished(master: master, keys: keys, sequence: &clientSequence)
        } else {
            let identity = try makeServerIdentity(rsa: rsa)
            let pki = identity.pki!
            let certificate = TLSMessage.certificate12(try pki.chainDER())
            transcript.append(certificate)
            send(
                "server", "Certificate",
                notes: [
                    "leaf: CN=\(parameters.host), key: " + (rsa ? "RSA 2048" : "Ed25519")
                ], bytes: certificate, record: TLSMessage.plaintextRecord(.handshake, certificate))
            _ = try client.receive(.certificate)
            let checked = validateChain(pki)
            validation = checked
            if !checked.valid, let alert = checked.alert {
                client.abort()
                let alertBytes = TLSMessage.fatalAlert(alert.code)
                steps.append(
                    Step(
                        kind: .alert, side: "client", label: "Alert: \(alert.name)",
                        notes: ["fatal; the connection closes"], bytes: Hex.string(alertBytes),
                        record: Hex.string(TLSMessage.plaintextRecord(.alert, alertBytes)), protection: nil))
                return outcome(completed: false, alert: alert.name, validation: checked, suite: suite, group: group)
            }
            var clientKey: EphemeralKey?
            var serverKey: EphemeralKey?
            if !rsa {
                let key = try EphemeralKey(group: parameters.group, using: &generator)
                serverKey = key
                let params = TLSMessage.ecdhParams(group: key.groupCode, key: key.publicBytes)
                let signature = Array(try identity.signingKey!.signature(for: clientRandom + serverRandom + params))
                let serverKeyExchange = TLSMessage.handshake(
                    .serverKeyExchange, params + TLSMessage.signed(scheme: TLSMessage.ed25519Scheme, signature: signature))
                transcript.append(serverKeyExchange)
                send(
                    "server", "ServerKeyExchange",
                    notes: [
                        "\(parameters.group) " + Bytes.abbreviated(Hex.string(key.publicBytes)),
                        "ed25519 signature over randoms + params",
                    ], bytes: serverKeyExchange, record: TLSMessage.plaintextRecord(.handshake, serverKeyExchange))
                _ = try client.receive(.serverKeyExchange)
                guard let leafKey = Curve25519.Signing.PublicKey(pki.leaf.publicKey),
                    leafKey.isValidSignature(signature, for: clientRandom + serverRandom + params)
                else { throw DemoError.impossible("ServerKeyExchange signature did not verify") }
                compute("client", "ServerKeyExchange signature valid", ["checked with the leaf certificate's Ed25519 key"])
            }
            let serverHelloDone = TLSMessage.handshake(.serverHelloDone, [])
            transcript.append(serverHelloDone)
            send(
                "server", "ServerHelloDone", bytes: serverHelloDone,
                record: TLSMessage.plaintextRecord(.handshake, serverHelloDone))
            let actions = try client.receive(.serverHelloDone)
            precondition(actions == [.sendKeyExchangeAndFinished])

            let preMaster: [UInt8]
            let clientKeyExchange: [UInt8]
            if rsa {
                preMaster = [3, 3] + Bytes.random(46, using: &generator)
                let publicKey = try RSAKeyTransport.privateKey().publicKey.getKeyPrimitives()
                let encrypted = RSAKeyTransport.encrypt(
                    preMaster, modulus: Array(publicKey.modulus), exponent: Array(publicKey.publicExponent), using: &generator)
                var body: [UInt8] = []
                body.appendVector(encrypted, lengthBytes: 2)
                clientKeyExchange = TLSMessage.handshake(.clientKeyExchange, body)
                transcript.append(clientKeyExchange)
                send(
                    "client", "ClientKeyExchange",
                    notes: [
                        "pre_master_secret (48 bytes) RSA-encrypted, PKCS #1 v1.5",
                        "padding from the seed and m^e mod n by the model, to reproduce",
                        "no forward secrecy: the server key decrypts it forever",
                    ], bytes: clientKeyExchange, record: TLSMessage.plaintextRecord(.handshake, clientKeyExchange))
                let decrypted = Array(try RSAKeyTransport.privateKey().decrypt(encrypted, padding: ._WEAK_AND_INSECURE_PKCS_V1_5))
                guard decrypted == preMaster else { throw DemoError.impossible("RSA decryption gave another pre_master_secret") }
                compute("server", "decrypts pre_master_secret", ["swift-crypto RSA PKCS #1 v1.5: matches the client's"])
            } else {
                let key = try EphemeralKey(group: parameters.group, using: &generator)
                clientKey = key
                var body: [UInt8] = []
                body.appendVector(key.publicBytes, lengthBytes: 1)
                clientKeyExchange = TLSMessage.handshake(.clientKeyExchange, body)
                transcript.append(clientKeyExchange)
                send(
                    "client", "ClientKeyExchange",
                    notes: [
                        "\(parameters.group) " + Bytes.abbreviated(Hex.string(key.publicBytes))
                    ], bytes: clientKeyExchange, record: TLSMessage.plaintextRecord(.handshake, clientKeyExchange))
                preMaster = try key.agree(with: serverKey!.publicBytes)
                guard preMaster == (try serverKey!.agree(with: key.publicBytes)) else {
                    throw DemoError.impossible("the two sides derived different ECDHE secrets")
                }
            }
            _ = clientKey
            master = TLS12PRF.masterSecret(preMaster: preMaster, clientRandom: clientRandom, serverRandom: serverRandom)
            keys = TLS12PRF.keyBlock(master: master, clientRandom: clientRandom, serverRandom: serverRandom)
            secret("pre_master_secret", preMaster)
            secret("master_secret", master)
            compute(
                "both", "TLS 1.2 PRF (RFC 5246 §8.1)",
                [
                    "pre_master " + Bytes.abbreviated(Hex.string(preMaster)),
                    "master_secret " + Bytes.abbreviated(Hex.string(master)),
                ])
            try clientChangeCipherSpecAndFinished(master: master, keys: keys, sequence: &clientSequence)
            try serverChangeCipherSpecAndFinished(master: master, keys: keys)
        }
        secret("client_write_key", keys.clientKey)
        secret("server_write_key", keys.serverKey)

        let data = Array(parameters.message.utf8)
        let record = try TLSRecordCipher.seal12(
            content: data, type: 23, key: keys.clientKey, salt: keys.clientSalt, sequence: clientSequence)
        send(
            "client", "[application data]", notes: ["AES-128-GCM, explicit nonce = sequence number"],
            bytes: data, record: record, protection: "client_write_key")
        let opened = try TLSRecordCipher.open12(
            record: record, key: keys.clientKey, salt: keys.clientSalt, sequence: clientSequence)
        compute("server", "opens the record", ["AES-128-GCM tag valid, \(opened.count) bytes"])
        return outcome(
            completed: true, validation: validation, applicationData: String(decoding: opened, as: UTF8.self),
            suite: suite, group: group)
    }

    /// The client's ChangeCipherSpec and its encrypted Finished over the transcript so far.
    mutating func clientChangeCipherSpecAndFinished(
        master: [UInt8], keys: (clientKey: [UInt8], serverKey: [UInt8], clientSalt: [UInt8], serverSalt: [UInt8]),
        sequence: inout UInt64
    ) throws {
        send("client", "ChangeCipherSpec", bytes: [1], record: TLSMessage.plaintextRecord(.changeCipherSpec, [1]))
        let clientFinished = TLSMessage.handshake(
            .finished, TLS12PRF.finished(master: master, label: "client finished", transcriptHash: hash()))
        transcript.append(clientFinished)
        send(
            "client", "{Finished}", notes: ["verify_data = PRF(master, \"client finished\", hash)"],
            bytes: clientFinished,
            record: try TLSRecordCipher.seal12(
                content: clientFinished, type: 22, key: keys.clientKey, salt: keys.clientSalt, sequence: sequence),
            protection: "client_write_key")
        sequence += 1
    }

    mutating func serverChangeCipherSpecAndFinished(
        master: [UInt8], keys: (clientKey: [UInt8], serverKey: [UInt8], clientSalt: [UInt8], serverSalt: [UInt8])
    ) throws {
        send("server", "ChangeCipherSpec", bytes: [1], record: TLSMessage.plaintextRecord(.changeCipherSpec, [1]))
        _ = try client.receive(.changeCipherSpec)
        let verifyData = TLS12PRF.finished(master: master, label: "server finished", transcriptHash: hash())
        let serverFinished = TLSMessage.handshake(.finished, verifyData)
        transcript.append(serverFinished)
        send(
            "server", "{Finished}", notes: ["verify_data = PRF(master, \"server finished\", hash)"],
            bytes: serverFinished,
            record: try TLSRecordCipher.seal12(
                content: serverFinished, type: 22, key: keys.serverKey, salt: keys.serverSalt, sequence: 0),
            protection: "server_write_key")
        _ = try client.receive(.finished)
    }
}
