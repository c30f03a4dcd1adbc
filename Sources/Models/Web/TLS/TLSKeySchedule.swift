import Crypto
import Foundation

/// The TLS 1.3 key schedule for SHA-256 cipher suites (RFC 8446 §7.1), built on swift-crypto's
/// HKDF (RFC 5869).
///
/// ```
///              0 -> HKDF-Extract = Early Secret
///                        |  Derive-Secret(., "derived", "")
///   (EC)DHE -> HKDF-Extract = Handshake Secret -> c/s hs traffic
///                        |  Derive-Secret(., "derived", "")
///              0 -> HKDF-Extract = Master Secret  -> c/s ap traffic
/// ```
public enum TLS13KeySchedule {
    /// Hash length of SHA-256 in bytes.
    public static let hashLength = 32

    /// HKDF-Extract(salt, IKM) (RFC 5869 §2.2); an empty salt means `hashLength` zero bytes.
    public static func extract(salt: [UInt8], inputKeyMaterial: [UInt8]) -> [UInt8] {
        let prk = HKDF<SHA256>.extract(inputKeyMaterial: SymmetricKey(data: inputKeyMaterial), salt: salt)
        return Array(prk)
    }

    /// HKDF-Expand-Label (RFC 8446 §7.1): `info` is the `HkdfLabel` struct, length, then
    /// "tls13 " + label and the context, each as a one-byte-length vector.
    public static func expandLabel(secret: [UInt8], label: String, context: [UInt8], length: Int) -> [UInt8] {
        var info: [UInt8] = []
        info.appendBigEndian(length, bytes: 2)
        info.appendVector(Array(("tls13 " + label).utf8), lengthBytes: 1)
        info.appendVector(context, lengthBytes: 1)
        let key = HKDF<SHA256>.expand(
            pseudoRandomKey: SymmetricKey(data: secret), info: info, outputByteCount: length)
        return key.withUnsafeBytes { Array($0) }
    }

    /// Derive-Secret(Secret, Label, Messages) with the transcript hash already taken
    /// (RFC 8446 §7.1).
    public static func deriveSecret(secret: [UInt8], label: String, transcriptHash: [UInt8]) -> [UInt8] {
        expandLabel(secret: secret, label: label, context: transcriptHash, length: hashLength)
    }

    /// SHA-256 of the concatenated handshake messages (RFC 8446 §4.4.1).
    public static func transcriptHash(_ messages: [[UInt8]]) -> [UInt8] {
        var hasher = SHA256()
        for message in messages { hasher.update(data: message) }
        return Array(hasher.finalize())
    }

    static let emptyHash = transcriptHash([])

    /// Every secret of a full handshake without a PSK.
    public struct Secrets: Codable, Sendable, Equatable {
        public var early: [UInt8]
        public var handshake: [UInt8]
        public var clientHandshakeTraffic: [UInt8]
        public var serverHandshakeTraffic: [UInt8]
        public var master: [UInt8]
        public var clientApplicationTraffic: [UInt8]
        public var serverApplicationTraffic: [UInt8]
    }

    /// Early Secret with no PSK: HKDF-Extract(0, 0...0).
    public static func earlySecret(psk: [UInt8]? = nil) -> [UInt8] {
        extract(salt: [], inputKeyMaterial: psk ?? Array(repeating: 0, count: hashLength))
    }

    /// Handshake Secret = HKDF-Extract(Derive-Secret(Early, "derived", ""), (EC)DHE).
    public static func handshakeSecret(early: [UInt8], sharedSecret: [UInt8]) -> [UInt8] {
        let salt = deriveSecret(secret: early, label: "derived", transcriptHash: emptyHash)
        return extract(salt: salt, inputKeyMaterial: sharedSecret)
    }

    /// Master Secret = HKDF-Extract(Derive-Secret(Handshake, "derived", ""), 0).
    public static func masterSecret(handshake: [UInt8]) -> [UInt8] {
        let salt = deriveSecret(secret: handshake, label: "derived", transcriptHash: emptyHash)
        return extract(salt: salt, inputKeyMaterial: Array(repeating: 0, count: hashLength))
    }

    /// Traffic key and IV for AES-128-GCM from a traffic secret (RFC 8446 §7.3).
    public static func trafficKeys(secret: [UInt8]) -> (key: [UInt8], iv: [UInt8]) {
        (
            expandLabel(secret: secret, label: "key", context: [], length: 16),
            expandLabel(secret: secret, label: "iv", context: [], length: 12)
        )
    }

    /// verify_data of a Finished message (RFC 8446 §4.4.4):
    /// HMAC(finished_key, transcript hash), finished_key = HKDF-Expand-Label(secret, "finished", "", 32).
    public static func finished(trafficSecret: [UInt8], transcriptHash: [UInt8]) -> [UInt8] {
        let finishedKey = expandLabel(secret: trafficSecret, label: "finished", context: [], length: hashLength)
        let mac = HMAC<SHA256>.authenticationCode(for: transcriptHash, using: SymmetricKey(data: finishedKey))
        return Array(mac)
    }
}

/// The TLS 1.2 pseudo-random function with SHA-256 (RFC 5246 §5): P_SHA256(secret, label + seed).
public enum TLS12PRF {
    public static func prf(secret: [UInt8], label: String, seed: [UInt8], length: Int) -> [UInt8] {
        let key = SymmetricKey(data: secret)
        let labelSeed = Array(label.utf8) + seed
        var a = labelSeed
        var output: [UInt8] = []
        while output.count < length {
            a = Array(HMAC<SHA256>.authenticationCode(for: a, using: key))
            output += Array(HMAC<SHA256>.authenticationCode(for: a + labelSeed, using: key))
        }
        return Array(output.prefix(length))
    }

    /// master_secret = PRF(pre_master_secret, "master secret", client_random + server_random)[0..47]
    /// (RFC 5246 §8.1).
    public static func masterSecret(preMaster: [UInt8], clientRandom: [UInt8], serverRandom: [UInt8]) -> [UInt8] {
        prf(secret: preMaster, label: "master secret", seed: clientRandom + serverRandom, length: 48)
    }

    /// The AES-128-GCM key block (RFC 5246 §6.3, RFC 5288 §3): client key, server key, client
    /// salt, server salt; AEAD suites have no MAC keys.
    public static func keyBlock(master: [UInt8], clientRandom: [UInt8], serverRandom: [UInt8])
        -> (clientKey: [UInt8], serverKey: [UInt8], clientSalt: [UInt8], serverSalt: [UInt8])
    {
        let block = prf(secret: master, label: "key expansion", seed: serverRandom + clientRandom, length: 40)
        return (Array(block[0..<16]), Array(block[16..<32]), Array(block[32..<36]), Array(block[36..<40]))
    }

    /// verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]
    /// (RFC 5246 §7.4.9).
    public static func finished(master: [UInt8], label: String, transcriptHash: [UInt8]) -> [UInt8] {
        prf(secret: master, label: label, seed: transcriptHash, length: 12)
    }
}

/// Record protection with AES-128-GCM for both versions.
enum TLSRecordCipher {
    /// A TLS 1.3 record (RFC 8446 §5.2): the inner plaintext is content + type byte; the outer
    /// type is application_data; the nonce is the IV XOR the sequence number; the additional
    /// data is the record header.
    static func seal13(content: [UInt8], type: UInt8, key: [UInt8], iv: [UInt8], sequence: UInt64) throws -> [UInt8] {
        let inner = content + [type]
        let length = inner.count + 16
        let header: [UInt8] = [23, 3, 3, UInt8(length >> 8), UInt8(length & 0xff)]
        let sealed = try AES.GCM.seal(
            inner, using: SymmetricKey(data: key), nonce: try AES.GCM.Nonce(data: nonce13(iv: iv, sequence: sequence)),
            authenticating: header)
        return header + Array(sealed.ciphertext) + Array(sealed.tag)
    }

    /// Opens a TLS 1.3 record; returns (content, inner type).
    static func open13(record: [UInt8], key: [UInt8], iv: [UInt8], sequence: UInt64) throws -> ([UInt8], UInt8) {
        let header = Array(record.prefix(5))
        let body = Array(record.dropFirst(5))
        let box = try AES.GCM.SealedBox(
            nonce: try AES.GCM.Nonce(data: nonce13(iv: iv, sequence: sequence)),
            ciphertext: body.dropLast(16), tag: body.suffix(16))
        var inner = Array(try AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: header))
        while inner.last == 0 { inner.removeLast() }
        guard let type = inner.popLast() else { throw DemoError.impossible("empty TLS 1.3 record") }
        return (inner, type)
    }

    static func nonce13(iv: [UInt8], sequence: UInt64) -> [UInt8] {
        var nonce = iv
        for index in 0..<8 {
            nonce[4 + index] ^= UInt8(truncatingIfNeeded: sequence >> (56 - 8 * UInt64(index)))
        }
        return nonce
    }

    /// A TLS 1.2 AES-GCM record (RFC 5288 §3): nonce = 4-byte salt + 8-byte explicit nonce
    /// (sent in the record; the sequence number here); additional data = seq_num + type +
    /// version + plaintext length (RFC 5246 §6.2.3.3).
    static func seal12(content: [UInt8], type: UInt8, key: [UInt8], salt: [UInt8], sequence: UInt64) throws -> [UInt8] {
        var explicit: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) {
            explicit.append(UInt8(truncatingIfNeeded: sequence >> UInt64(shift)))
        }
        var aad = explicit + [type, 3, 3]
        aad.appendBigEndian(content.count, bytes: 2)
        let sealed = try AES.GCM.seal(
            content, using: SymmetricKey(data: key), nonce: try AES.GCM.Nonce(data: salt + explicit), authenticating: aad)
        let fragment = explicit + Array(sealed.ciphertext) + Array(sealed.tag)
        var record: [UInt8] = [type, 3, 3]
        record.appendBigEndian(fragment.count, bytes: 2)
        return record + fragment
    }

    static func open12(record: [UInt8], key: [UInt8], salt: [UInt8], sequence: UInt64) throws -> [UInt8] {
        let type = record[0]
        let fragment = Array(record.dropFirst(5))
        let explicit = Array(fragment.prefix(8))
        let ciphertext = Array(fragment.dropFirst(8).dropLast(16))
        var aad: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) { aad.append(UInt8(truncatingIfNeeded: sequence >> UInt64(shift))) }
        aad += [type, 3, 3]
        aad.appendBigEndian(ciphertext.count, bytes: 2)
        let box = try AES.GCM.SealedBox(
            nonce: try AES.GCM.Nonce(data: salt + explicit), ciphertext: ciphertext, tag: fragment.suffix(16))
        return Array(try AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: aad))
    }
}
