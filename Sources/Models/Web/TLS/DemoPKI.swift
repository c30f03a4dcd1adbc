import Basics
import Crypto
import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// What may be wrong with the server's certificate chain, chosen by `--cert`.
public enum CertificateProblem: String, Codable, Sendable, CaseIterable {
    case none = "ok"
    /// The leaf's notAfter lies before the validation time (RFC 5280 §4.1.2.5).
    case expired
    /// The leaf names another host in subjectAltName (RFC 6125 §6.4).
    case wrongName = "wrong-name"
    /// The chain ends in a root the client does not trust.
    case unknownCA = "unknown-ca"
}

/// A root CA, an issuing (intermediate) CA and a server certificate, made on the spot with
/// swift-certificates and Ed25519 keys derived from the seed. Ed25519 signatures are
/// deterministic (RFC 8032 §5.1.6), so the DER of every certificate is the same on every run.
struct DemoPKI {
    var root: Certificate
    var intermediate: Certificate
    var leaf: Certificate
    /// The roots the client trusts: always the genuine demo root only.
    var trustedRoots: [Certificate]

    static let organization = "netprep demo"

    static func make(
        host: String, leafKey: Certificate.PublicKey, problem: CertificateProblem, now: Date,
        using generator: inout SplitMix64
    ) throws -> DemoPKI {
        let rootKey = try Curve25519.Signing.PrivateKey(rawRepresentation: Bytes.random(32, using: &generator))
        let rogueKey = try Curve25519.Signing.PrivateKey(rawRepresentation: Bytes.random(32, using: &generator))
        let issuingKey = try Curve25519.Signing.PrivateKey(rawRepresentation: Bytes.random(32, using: &generator))
        let day: TimeInterval = 86_400
        let rootName = try DistinguishedName {
            OrganizationName(organization)
            CommonName("netprep Demo Root CA")
        }
        let rogueName = try DistinguishedName {
            OrganizationName("somebody else")
            CommonName("Unknown Root CA")
        }
        let issuingName = try DistinguishedName {
            OrganizationName(organization)
            CommonName("netprep Demo Issuing CA")
        }
        let caExtensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
        }
        func selfSigned(_ key: Curve25519.Signing.PrivateKey, _ name: DistinguishedName) throws -> Certificate {
            try Certificate(
                version: .v3, serialNumber: .init(bytes: Bytes.random(8, using: &generator)),
                publicKey: .init(key.publicKey), notValidBefore: now - 3650 * day, notValidAfter: now + 3650 * day,
                issuer: name, subject: name, signatureAlgorithm: .ed25519, extensions: caExtensions,
                issuerPrivateKey: .init(key))
        }
        let root = try selfSigned(rootKey, rootName)
        let anchorKey = problem == .unknownCA ? rogueKey : rootKey
        let anchorName = problem == .unknownCA ? rogueName : rootName
        let intermediate = try Certificate(
            version: .v3, serialNumber: .init(bytes: Bytes.random(8, using: &generator)),
            publicKey: .init(issuingKey.publicKey), notValidBefore: now - 1000 * day, notValidAfter: now + 1000 * day,
            issuer: anchorName, subject: issuingName, signatureAlgorithm: .ed25519,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(anchorKey))
        let leafName = try DistinguishedName { CommonName(host) }
        let sanHost = problem == .wrongName ? "other.example.net" : host
        let (notBefore, notAfter) = problem == .expired ? (now - 120 * day, now - day) : (now - 30 * day, now + 60 * day)
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(bytes: Bytes.random(8, using: &generator)),
            publicKey: leafKey, notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: issuingName, subject: leafName, signatureAlgorithm: .ed25519,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName(sanHost)])
            },
            issuerPrivateKey: .init(issuingKey))
        return DemoPKI(root: root, intermediate: intermediate, leaf: leaf, trustedRoots: [root])
    }

    /// The chain the server sends: leaf first, then the issuing CA (RFC 8446 §4.4.2).
    func chainDER() throws -> [[UInt8]] {
        try [leaf, intermediate].map { cert in
            var serializer = DER.Serializer()
            try serializer.serialize(cert)
            return serializer.serializedBytes
        }
    }

    /// The outcome of validating a chain.
    struct Validation {
        var valid: Bool
        /// Subjects from leaf to root when valid; what was sent otherwise.
        var chain: [String]
        /// swift-certificates' own words when the chain fails a policy.
        var reasons: [String]
        /// The alert a client sends for this failure (RFC 8446 §6.2).
        var alert: (code: UInt8, name: String)?
    }

    /// swift-certificates describes a failing certificate in full; keep its subject only.
    static func shortened(_ reason: String) -> String {
        guard let start = reason.range(of: "Certificate(") else { return reason }
        var depth = 0
        var end = start.upperBound
        for index in reason[start.lowerBound...].indices {
            if reason[index] == "(" { depth += 1 }
            if reason[index] == ")" {
                depth -= 1
                if depth == 0 {
                    end = reason.index(after: index)
                    break
                }
            }
        }
        let blob = reason[start.lowerBound..<end]
        var subject = "?"
        if let s = blob.range(of: "subject: \""), let e = blob[s.upperBound...].firstIndex(of: "\"") {
            subject = String(blob[s.upperBound..<e])
        }
        return (reason[..<start.lowerBound] + "<\(subject)>" + reason[end...])
            .replacingOccurrences(of: "Certificate <", with: "certificate <")
    }

    /// Validates the leaf as a client of `host` would at `now`: swift-certificates' `Verifier`
    /// builds a chain through the intermediates to the trusted roots and applies the RFC 5280
    /// policy (signatures, validity periods, basic constraints) and the server identity policy
    /// (subjectAltName against the host name).
    func validate(host: String, now: Date) -> Validation {
        let roots = trustedRoots, leaf = self.leaf, intermediate = self.intermediate
        let result = runBlocking {
            var verifier = Verifier(rootCertificates: CertificateStore(roots)) {
                RFC5280Policy(fixedExpiryValidationTime: now)
                ServerIdentityPolicy(serverHostname: host, serverIP: nil)
            }
            return await verifier.validate(leaf: leaf, intermediates: CertificateStore([intermediate]))
        }
        switch result {
        case .validCertificate(let chain):
            return Validation(valid: true, chain: chain.map { $0.subject.description }, reasons: [], alert: nil)
        case .couldNotValidate(let failures):
            let sent = [leaf, intermediate].map { $0.subject.description }
            let reasons = failures.map { Self.shortened($0.policyFailureReason.description) }
            let alert: (UInt8, String)
            if now > leaf.notValidAfter || now < leaf.notValidBefore {
                alert = (45, "certificate_expired")
            } else if failures.isEmpty {
                alert = (48, "unknown_ca")
            } else {
                alert = (42, "bad_certificate")
            }
            return Validation(
                valid: false, chain: sent, reasons: reasons.isEmpty ? ["no chain to a trusted root"] : reasons, alert: alert)
        }
    }
}
