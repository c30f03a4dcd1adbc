import Basics
import Foundation
import _CryptoExtras

/// RSA key transport for TLS 1.2 (RFC 5246 §7.4.7.1): the client picks a 48-byte
/// pre_master_secret, pads it with PKCS #1 v1.5 block type 2 (RFC 8017 §7.2.1) and encrypts it
/// with the public key from the server's certificate.
///
/// swift-crypto's `_RSA.Encryption` encrypts with padding bytes from the system's random
/// generator, which would make every run different. The model therefore pads with bytes drawn
/// from its seed and computes `m^e mod n` itself (below); the server side decrypts with
/// swift-crypto's `_RSA.Encryption.PrivateKey` and PKCS #1 v1.5, so the arithmetic is checked by
/// a real implementation on every run.
enum RSAKeyTransport {
    /// A fixed 2048-bit demonstration key (generated once with `openssl genrsa`), so that runs
    /// reproduce. It protects nothing.
    static let demoKeyPEM = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEpQIBAAKCAQEA6twAUwBLiABCN4SmBkpUSDj+BqaLGnqXzAEmh6Wm8/Rwto2H
        z47mp5ByPv17CAp5OjHUVfi9SaFnq2PKIjDfhaDipSGMjz/6R2EQhjesN5kFIq92
        NVqcsmMjzpxcQSlQttjxOzL6tshUbYPvK2D+di9CectOoCO/C2fyTTb0FR6k4WcJ
        ZfoEcPtgOTd15UM70UwudiI+GAH1f7U5d0sgwbofJPK3OLhatfcjoCPkpfIZ9VCR
        RBw7NyUIx9GfI3AUop9mZvKSQo5pcN+9rBvlgh8HtXeOqlbZGyMAlR6EWCF6FFpo
        ctphIFbi0O5D95HeEzIu7vkVy3gzy8vcNctFxwIDAQABAoIBAAUDJPlLLFF+upW3
        aFkCBRfK1Ou3ajM/zTWMC2fMX+pyRmWJp7haSGSTGfJriSX8HeeMC11lAu/WA1cO
        Y3tPUmCRCm/pGLgwmVrPS4GnIS8ek5Ql7Sk+VycczorTnh8V4/nDBNhKl5HcZ1Df
        Bp+vtj6My6e7GwvNN3/lfAUB2JEKx+qvgFH6ElJMI71CHtSK6gAHPGHTZRyOiPjk
        fHxQXNdcu0H/Gy2YFkf0zbE0JxnGU7S17mozdfbz5TX7va61SejTr7+WJOPTYsmg
        0DJqIIQTACD48yDFFOr7nIJ1T4cBAQPL8Fz76JqfakcarpfXTpMOpxFqsTlIS+4G
        U/I+OkECgYEA9jZBi1i6dq+4Gqz00gLbokoaV/3fRXCAZ/XlhX3SkspuNFm5FQIz
        tqdKEtvQdiu+jlQg/5xQVYXTygO4DL95zfhEs6dSju7uA+StZUwDmQBtoD2avbfP
        u3oC6u325mqC5dCZibigd7bi3ub6hsfNkLEbFmsR5TbBfm6LSLQk8W8CgYEA9DI1
        SwU+xFpQkLN0aJU2U3AHTKLEBRv6j9bn2t/vb4LYP/QJGS1hCJg9PJI0I3KeaKnq
        a84DBThrkl9hYZ81Xq6y76Xl90CKcVHxlYb11zUm/sd3hTlC9pIkU4E9N5326z24
        yZInUWYIeNZAyiWoSI7E8+VxFAha+In8nabVlSkCgYEAqJK3R7gFWtOuwpzetpd8
        V15TMSHB56JCWGuUrVRbg2OUFsXDoe2zCID7h3P3A6Gpw3s4aKpWmmeZfTwUnK3Q
        sMQmDbcnIHPYhNPiIHPuFqijZk4nj3O1iA/exYkOPe55Fu4+4XuGatDN/n240+Uj
        Cskn2a6PPxfBXVZEiQ/GJ4MCgYEA8SfYS4MdjmmmoJAoiNO6d8Ht43fmXylXU8+m
        3xdBbP1ptBa7GXsgFY3LA9Na3BroZ3JOCDLF9tTWHxJEqFTDLwMVwOcz6O57Chgj
        nUhP5j0eioPP++glwj1m1HSQUSmV3JDyuVW1sIQ0H6lvCHMR8r3TsQ1Ik8EAnewf
        Zk2JJakCgYEAvGhfG58cF0LcWRR36MQb76QS+29BBgbYprzDDXmURx5DXGNxW5ns
        WN9rtbyxljCXDnvoTlX+FvHhTtPD8dRIamEcRfksYLnNKJiL1SmYOTk8GJMN8fy+
        BsALEyly0fq2av668jp7CzRpAq3loKaKfdy4Ng+D+xUWdGkytNxnhXQ=
        -----END RSA PRIVATE KEY-----
        """

    static func privateKey() throws -> _RSA.Encryption.PrivateKey {
        try _RSA.Encryption.PrivateKey(pemRepresentation: demoKeyPEM)
    }

    /// EM = 0x00 || 0x02 || PS || 0x00 || M with PS non-zero bytes from the seed
    /// (RFC 8017 §7.2.1), then c = EM^e mod n.
    static func encrypt(_ message: [UInt8], modulus: [UInt8], exponent: [UInt8], using generator: inout SplitMix64)
        -> [UInt8]
    {
        let modulus = Array(modulus.drop { $0 == 0 })
        let k = modulus.count
        precondition(message.count <= k - 11, "message too long for PKCS #1 v1.5")
        var padding: [UInt8] = []
        while padding.count < k - message.count - 3 {
            padding += Bytes.random(8, using: &generator).filter { $0 != 0 }
        }
        let encoded: [UInt8] = [0, 2] + padding.prefix(k - message.count - 3) + [0] + message
        return MontgomeryModulus(modulus: modulus).power(encoded, exponent: exponent)
    }
}

/// Modular exponentiation with Montgomery multiplication (CIOS form) on 64-bit limbs, enough
/// for the public-key side of RSA.
struct MontgomeryModulus {
    /// Little-endian 64-bit limbs of n (odd, top bit of the top limb set).
    let n: [UInt64]
    /// -n^-1 mod 2^64.
    let nPrime: UInt64
    /// R^2 mod n with R = 2^(64 * limbs).
    let rSquared: [UInt64]
    let byteCount: Int

    init(modulus: [UInt8]) {
        byteCount = modulus.count
        n = Self.limbs(modulus, count: (modulus.count + 7) / 8)
        precondition(n[0] & 1 == 1 && n.last! >> 63 == 1, "modulus must be odd and fill its top limb")
        var inverse: UInt64 = n[0]
        for _ in 0..<6 { inverse = inverse &* (2 &- n[0] &* inverse) }
        nPrime = 0 &- inverse
        // R mod n = R - n, since n > R/2; doubling it 64k times gives R^2 mod n.
        var x = Self.subtract(Array(repeating: 0, count: n.count), n).value
        for _ in 0..<(64 * n.count) {
            let overflow = x.last! >> 63
            var shifted = x
            for index in stride(from: x.count - 1, through: 0, by: -1) {
                shifted[index] = x[index] << 1 | (index > 0 ? x[index - 1] >> 63 : 0)
            }
            x = shifted
            if overflow == 1 || !Self.less(x, n) { x = Self.subtract(x, n).value }
        }
        rSquared = x
    }

    static func limbs(_ bytes: [UInt8], count: Int) -> [UInt64] {
        var out = Array(repeating: UInt64(0), count: count)
        for (offset, byte) in bytes.reversed().enumerated() {
            out[offset / 8] |= UInt64(byte) << (8 * UInt64(offset % 8))
        }
        return out
    }

    func bytes(_ limbs: [UInt64]) -> [UInt8] {
        var out: [UInt8] = []
        for index in 0..<byteCount {
            out.append(UInt8(truncatingIfNeeded: limbs[index / 8] >> (8 * UInt64(index % 8))))
        }
        return out.reversed()
    }

    static func less(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        for index in stride(from: a.count - 1, through: 0, by: -1) where a[index] != b[index] {
            return a[index] < b[index]
        }
        return false
    }

    static func subtract(_ a: [UInt64], _ b: [UInt64]) -> (value: [UInt64], borrow: Bool) {
        var out = a
        var borrow: UInt64 = 0
        for index in a.indices {
            let (d1, o1) = a[index].subtractingReportingOverflow(b[index])
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            out[index] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        return (out, borrow != 0)
    }

    /// a * b * R^-1 mod n.
    func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let k = n.count
        var t = Array(repeating: UInt64(0), count: k + 2)
        for i in 0..<k {
            var carry: UInt64 = 0
            for j in 0..<k {
                let (high, low) = a[j].multipliedFullWidth(by: b[i])
                let (s1, c1) = t[j].addingReportingOverflow(low)
                let (s2, c2) = s1.addingReportingOverflow(carry)
                t[j] = s2
                carry = high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
            }
            let (sk, ck) = t[k].addingReportingOverflow(carry)
            t[k] = sk
            t[k + 1] = ck ? 1 : 0
            let m = t[0] &* nPrime
            let (high0, low0) = m.multipliedFullWidth(by: n[0])
            let (_, c0) = t[0].addingReportingOverflow(low0)
            carry = high0 &+ (c0 ? 1 : 0)
            for j in 1..<k {
                let (high, low) = m.multipliedFullWidth(by: n[j])
                let (s1, c1) = t[j].addingReportingOverflow(low)
                let (s2, c2) = s1.addingReportingOverflow(carry)
                t[j - 1] = s2
                carry = high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
            }
            let (s, c) = t[k].addingReportingOverflow(carry)
            t[k - 1] = s
            t[k] = t[k + 1] &+ (c ? 1 : 0)
        }
        var result = Array(t[0..<k])
        if t[k] != 0 || !Self.less(result, n) { result = Self.subtract(result, n).value }
        return result
    }

    /// base^exponent mod n, big-endian bytes in and out.
    /// - Complexity: O(log e · k²) limb multiplications for k limbs.
    func power(_ base: [UInt8], exponent: [UInt8]) -> [UInt8] {
        let baseLimbs = Self.limbs(base, count: n.count)
        let baseMontgomery = multiply(baseLimbs, rSquared)
        var one = Array(repeating: UInt64(0), count: n.count)
        one[0] = 1
        var x = multiply(one, rSquared)
        for byte in exponent {
            for bit in stride(from: 7, through: 0, by: -1) {
                x = multiply(x, x)
                if (byte >> UInt8(bit)) & 1 == 1 { x = multiply(x, baseMontgomery) }
            }
        }
        return bytes(multiply(x, one))
    }
}
