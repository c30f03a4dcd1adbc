/// Encoders for the TLS handshake messages the model sends, byte for byte as on the wire
/// (RFC 8446 §4 for TLS 1.3, RFC 5246 §7.4 and RFC 8422 §5 for TLS 1.2).
enum TLSMessage {
    enum HandshakeType: UInt8 {
        case clientHello = 1, serverHello = 2, endOfEarlyData = 5, encryptedExtensions = 8
        case certificate = 11, serverKeyExchange = 12, serverHelloDone = 14, certificateVerify = 15
        case clientKeyExchange = 16, finished = 20
    }

    enum ContentType: UInt8 {
        case changeCipherSpec = 20, alert = 21, handshake = 22, applicationData = 23
    }

    /// Cipher suites used here (IANA TLS registry).
    static let aes128GCMSHA256: UInt16 = 0x1301  // TLS_AES_128_GCM_SHA256
    static let ecdheECDSAAES128GCM: UInt16 = 0xC02B  // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
    static let rsaAES128GCM: UInt16 = 0x009C  // TLS_RSA_WITH_AES_128_GCM_SHA256
    /// ed25519 signature scheme (RFC 8446 §4.2.3, RFC 8422 §5.1.3).
    static let ed25519Scheme = 0x0807

    static func suiteName(_ suite: UInt16) -> String {
        switch suite {
        case aes128GCMSHA256: return "TLS_AES_128_GCM_SHA256"
        case ecdheECDSAAES128GCM: return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
        case rsaAES128GCM: return "TLS_RSA_WITH_AES_128_GCM_SHA256"
        default: return "0x" + String(suite, radix: 16)
        }
    }

    /// A handshake message: type, 24-bit length, body (RFC 8446 §4).
    static func handshake(_ type: HandshakeType, _ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [type.rawValue]
        out.appendVector(body, lengthBytes: 3)
        return out
    }

    /// A plaintext record (RFC 8446 §5.1); ClientHello records carry 0x0301 for old middleboxes.
    static func plaintextRecord(_ type: ContentType, _ fragment: [UInt8], legacyVersion: [UInt8] = [3, 3]) -> [UInt8] {
        var out: [UInt8] = [type.rawValue] + legacyVersion
        out.appendVector(fragment, lengthBytes: 2)
        return out
    }

    static func fatalAlert(_ description: UInt8) -> [UInt8] { [2, description] }

    static func extensionBlock(_ type: Int, _ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.appendBigEndian(type, bytes: 2)
        out.appendVector(data, lengthBytes: 2)
        return out
    }

    static func serverName(_ host: String) -> [UInt8] {
        var entry: [UInt8] = [0]
        entry.appendVector(Array(host.utf8), lengthBytes: 2)
        var list: [UInt8] = []
        list.appendVector(entry, lengthBytes: 2)
        return extensionBlock(0, list)
    }

    static func uint16List(_ values: [Int], lengthBytes: Int = 2) -> [UInt8] {
        var body: [UInt8] = []
        for value in values { body.appendBigEndian(value, bytes: 2) }
        var out: [UInt8] = []
        out.appendVector(body, lengthBytes: lengthBytes)
        return out
    }

    static func keyShareEntry(group: Int, key: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.appendBigEndian(group, bytes: 2)
        out.appendVector(key, lengthBytes: 2)
        return out
    }

    static func clientHello(
        random: [UInt8], sessionID: [UInt8], suites: [UInt16], extensions: [[UInt8]]
    ) -> [UInt8] {
        var body: [UInt8] = [3, 3] + random
        body.appendVector(sessionID, lengthBytes: 1)
        body += uint16List(suites.map(Int.init))
        body += [1, 0]
        body.appendVector(extensions.flatMap { $0 }, lengthBytes: 2)
        return handshake(.clientHello, body)
    }

    static func serverHello(random: [UInt8], sessionID: [UInt8], suite: UInt16, extensions: [[UInt8]]) -> [UInt8] {
        var body: [UInt8] = [3, 3] + random
        body.appendVector(sessionID, lengthBytes: 1)
        body.appendBigEndian(Int(suite), bytes: 2)
        body.append(0)
        if !extensions.isEmpty { body.appendVector(extensions.flatMap { $0 }, lengthBytes: 2) }
        return handshake(.serverHello, body)
    }

    /// TLS 1.3 Certificate: empty request context, then each certificate with no extensions.
    static func certificate13(_ certificates: [[UInt8]]) -> [UInt8] {
        var list: [UInt8] = []
        for der in certificates {
            list.appendVector(der, lengthBytes: 3)
            list += [0, 0]
        }
        var body: [UInt8] = [0]
        body.appendVector(list, lengthBytes: 3)
        return handshake(.certificate, body)
    }

    /// TLS 1.2 Certificate: a 24-bit vector of 24-bit vectors.
    static func certificate12(_ certificates: [[UInt8]]) -> [UInt8] {
        var list: [UInt8] = []
        for der in certificates { list.appendVector(der, lengthBytes: 3) }
        var body: [UInt8] = []
        body.appendVector(list, lengthBytes: 3)
        return handshake(.certificate, body)
    }

    static func signed(scheme: Int, signature: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.appendBigEndian(scheme, bytes: 2)
        out.appendVector(signature, lengthBytes: 2)
        return out
    }

    /// The content a TLS 1.3 server signs in CertificateVerify (RFC 8446 §4.4.3).
    static func certificateVerifyContent(transcriptHash: [UInt8]) -> [UInt8] {
        Array(repeating: 0x20, count: 64) + Array("TLS 1.3, server CertificateVerify".utf8) + [0] + transcriptHash
    }

    /// ServerECDHParams (RFC 8422 §5.4): named_curve, group, public point.
    static func ecdhParams(group: Int, key: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [3]
        out.appendBigEndian(group, bytes: 2)
        out.appendVector(key, lengthBytes: 1)
        return out
    }
}
