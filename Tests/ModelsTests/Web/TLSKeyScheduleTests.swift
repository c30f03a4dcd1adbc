import Basics
import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import Demos
@testable import Models

private func hex(_ text: String) -> [UInt8] { Hex.bytes(text)! }

/// RFC 8448 §3 "Simple 1-RTT Handshake": the key schedule from its X25519 keys and transcript hashes.
@Suite struct TLS13KeyScheduleRFC8448Tests {
    let clientPrivate = hex("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005")
    let serverPrivate = hex("b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e")
    let helloHash = hex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8")
    let serverFinishedHash = hex("9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13")

    @Test func x25519SharedSecretMatchesRFC8448() throws {
        let client = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: clientPrivate)
        let server = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: serverPrivate)
        #expect(
            Hex.string(client.publicKey.rawRepresentation) == "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c")
        let shared = try EphemeralKey(key: .x25519(client)).agree(with: Array(server.publicKey.rawRepresentation))
        #expect(Hex.string(shared) == "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d")
    }

    @Test func earlyAndHandshakeSecretsMatchRFC8448() {
        let early = TLS13KeySchedule.earlySecret()
        #expect(Hex.string(early) == "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a")
        let derived = TLS13KeySchedule.deriveSecret(secret: early, label: "derived", transcriptHash: TLS13KeySchedule.emptyHash)
        #expect(Hex.string(derived) == "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba")
        let shared = hex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d")
        let handshake = TLS13KeySchedule.handshakeSecret(early: early, sharedSecret: shared)
        #expect(Hex.string(handshake) == "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac")
    }

    @Test func trafficSecretsKeysAndIVsMatchRFC8448() {
        let handshake = hex("1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac")
        let clientHS = TLS13KeySchedule.deriveSecret(secret: handshake, label: "c hs traffic", transcriptHash: helloHash)
        let serverHS = TLS13KeySchedule.deriveSecret(secret: handshake, label: "s hs traffic", transcriptHash: helloHash)
        #expect(Hex.string(clientHS) == "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21")
        #expect(Hex.string(serverHS) == "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38")
        let serverKeys = TLS13KeySchedule.trafficKeys(secret: serverHS)
        #expect(Hex.string(serverKeys.key) == "3fce516009c21727d0f2e4e86ee403bc")
        #expect(Hex.string(serverKeys.iv) == "5d313eb2671276ee13000b30")
        let clientKeys = TLS13KeySchedule.trafficKeys(secret: clientHS)
        #expect(Hex.string(clientKeys.key) == "dbfaa693d1762c5b666af5d950258d01")
        #expect(Hex.string(clientKeys.iv) == "5bd3c71b836e0b76bb73265f")
        let master = TLS13KeySchedule.masterSecret(handshake: handshake)
        #expect(Hex.string(master) == "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919")
        let clientAP = TLS13KeySchedule.deriveSecret(secret: master, label: "c ap traffic", transcriptHash: serverFinishedHash)
        let serverAP = TLS13KeySchedule.deriveSecret(secret: master, label: "s ap traffic", transcriptHash: serverFinishedHash)
        #expect(Hex.string(clientAP) == "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5")
        #expect(Hex.string(serverAP) == "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643")
        #expect(Hex.string(TLS13KeySchedule.trafficKeys(secret: serverAP).key) == "9f02283b6c9c07efc26bb9f2ac92e356")
    }

    @Test func tls12PRFMatchesPublishedSHA256Vector() {
        let output = TLS12PRF.prf(
            secret: hex("9bbe436ba940f017b17652849a71db35"), label: "test label",
            seed: hex("a0ba9f936cda311827a6f796ffd5198c"), length: 100)
        #expect(
            Hex.string(output)
                == "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66"
        )
    }

    @Test func tls13RecordsOpenWithTheSameKeysAndFailWithAnother() throws {
        let key = Array(repeating: UInt8(7), count: 16), iv = Array(repeating: UInt8(9), count: 12)
        let record = try TLSRecordCipher.seal13(content: Array("hi".utf8), type: 23, key: key, iv: iv, sequence: 3)
        #expect(Array(record.prefix(5)) == [23, 3, 3, 0, 19])
        let (content, type) = try TLSRecordCipher.open13(record: record, key: key, iv: iv, sequence: 3)
        #expect(content == Array("hi".utf8) && type == 23)
        #expect(throws: (any Error).self) { try TLSRecordCipher.open13(record: record, key: key, iv: iv, sequence: 4) }
    }
}

@Suite struct RSAKeyTransportTests {
    @Test func montgomeryPowerAgreesWithSmallArithmetic() {
        // n = 0xC5 (197, 8 bits, top bit set, odd) in one 64-bit limb would not fill the limb,
        // so use a 64-bit modulus: n = 2^64 - 59 (prime).
        let n: UInt64 = 0xFFFF_FFFF_FFFF_FFC5
        let modulus = (0..<8).map { UInt8(truncatingIfNeeded: n >> (56 - 8 * UInt64($0))) }
        let base: UInt64 = 123_456_789
        var expected: UInt64 = 1
        for _ in 0..<17 {
            expected = n.dividingFullWidth(expected.multipliedFullWidth(by: base)).remainder
        }
        let baseBytes = (0..<8).map { UInt8(truncatingIfNeeded: base >> (56 - 8 * UInt64($0))) }
        let result = MontgomeryModulus(modulus: modulus).power(baseBytes, exponent: [17])
        let value = result.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(value == expected)
    }

    @Test func pkcs1EncryptionIsDecryptedBySwiftCrypto() throws {
        var generator = SplitMix64(seed: 5)
        let key = try RSAKeyTransport.privateKey()
        let primitives = try key.publicKey.getKeyPrimitives()
        let secret = [3, 3] + Bytes.random(46, using: &generator)
        let encrypted = RSAKeyTransport.encrypt(
            secret, modulus: Array(primitives.modulus), exponent: Array(primitives.publicExponent), using: &generator)
        #expect(encrypted.count == 256)
        #expect(Array(try key.decrypt(encrypted, padding: ._WEAK_AND_INSECURE_PKCS_V1_5)) == secret)
    }
}
