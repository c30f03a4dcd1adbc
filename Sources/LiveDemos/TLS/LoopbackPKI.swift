import Crypto
import Foundation
import SwiftASN1
import X509

/// Certificates for the live TLS demo, made on the spot: a root CA, an issuing CA and a leaf
/// for `localhost` / 127.0.0.1, all with P-256 keys (ECDSA, which every TLS stack accepts).
/// Fresh keys each run: the live demo is about real sockets, not reproducible bytes.
public struct LoopbackPKI: Sendable {
    public var rootPEM: String
    public var intermediatePEM: String
    public var leafPEM: String
    public var leafKeyPEM: String
    /// Subjects from leaf to root.
    public var chainSubjects: [String]
    /// The leaf's DER, to compare with what the peer presented.
    public var leafDER: [UInt8]

    public static func make(now: Date = Date()) throws -> LoopbackPKI {
        let rootKey = P256.Signing.PrivateKey()
        let issuingKey = P256.Signing.PrivateKey()
        let leafKey = P256.Signing.PrivateKey()
        let rootName = try DistinguishedName {
            OrganizationName("netprep live demo")
            CommonName("netprep Live Root CA")
        }
        let issuingName = try DistinguishedName {
            OrganizationName("netprep live demo")
            CommonName("netprep Live Issuing CA")
        }
        let leafName = try DistinguishedName { CommonName("localhost") }
        let hour: TimeInterval = 3600
        let root = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(rootKey.publicKey),
            notValidBefore: now - hour, notValidAfter: now + 24 * hour, issuer: rootName, subject: rootName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(rootKey))
        let intermediate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(issuingKey.publicKey),
            notValidBefore: now - hour, notValidAfter: now + 24 * hour, issuer: rootName, subject: issuingName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(rootKey))
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(leafKey.publicKey),
            notValidBefore: now - hour, notValidAfter: now + 24 * hour, issuer: issuingName, subject: leafName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            },
            issuerPrivateKey: .init(issuingKey))
        var serializer = DER.Serializer()
        try serializer.serialize(leaf)
        return LoopbackPKI(
            rootPEM: try root.serializeAsPEM().pemString,
            intermediatePEM: try intermediate.serializeAsPEM().pemString,
            leafPEM: try leaf.serializeAsPEM().pemString,
            leafKeyPEM: leafKey.pemRepresentation,
            chainSubjects: [leaf, intermediate, root].map { $0.subject.description },
            leafDER: serializer.serializedBytes)
    }
}
