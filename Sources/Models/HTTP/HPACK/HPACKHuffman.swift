/// The static Huffman code of HPACK (RFC 7541 §5.2, Appendix B).
///
/// The code of Appendix B is canonical: ordering symbols by code length and then by symbol
/// value, each code is the previous one plus one, shifted left when the length grows. So the
/// 257 code lengths below determine every code, and decoding walks the lengths (the "first code
/// of each length" method) instead of a 257-row table.
public enum HPACKHuffman {
    /// Bit length of the code of each symbol 0...255 and of EOS (256), from RFC 7541 Appendix B.
    public static let codeLengths: [UInt8] = [
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,
    ]

    /// The end-of-string symbol; it must never appear in an encoded string (§5.2).
    public static let eos = 256

    /// The code of each symbol, right-aligned in a UInt32.
    public static let codes: [UInt32] = {
        var codes = [UInt32](repeating: 0, count: 257)
        var code: UInt32 = 0
        var length = codeLengths[symbolsByCode[0]]
        for (position, symbol) in symbolsByCode.enumerated() {
            if position > 0 {
                code += 1
                code <<= UInt32(codeLengths[symbol] - length)
                length = codeLengths[symbol]
            }
            codes[symbol] = code
        }
        return codes
    }()

    /// Symbols ordered as the canonical code assigns them: by length, then by value.
    static let symbolsByCode: [Int] = (0...256).sorted {
        (codeLengths[$0], $0) < (codeLengths[$1], $1)
    }

    /// For each length 0...30: the first code of that length and the position of its symbol in
    /// `symbolsByCode`, and how many codes have that length.
    static let firstCode: [(code: UInt32, position: Int, count: Int)] = {
        var table = [(code: UInt32, position: Int, count: Int)](repeating: (0, 0, 0), count: 31)
        for (position, symbol) in symbolsByCode.enumerated().reversed() {
            let length = Int(codeLengths[symbol])
            table[length] = (codes[symbol], position, table[length].count + 1)
        }
        return table
    }()

    /// The length in octets of `bytes` once Huffman-coded, padding included.
    public static func encodedLength<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        let bits = bytes.reduce(0) { $0 + Int(codeLengths[Int($1)]) }
        return (bits + 7) / 8
    }

    /// Huffman-codes `bytes`, padding the last octet with the high bits of EOS (all ones).
    public static func encode<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(encodedLength(bytes))
        var accumulator: UInt64 = 0
        var bits = 0
        for byte in bytes {
            accumulator = accumulator << UInt64(codeLengths[Int(byte)]) | UInt64(codes[Int(byte)])
            bits += Int(codeLengths[Int(byte)])
            while bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(bits)))
            }
        }
        if bits > 0 {
            let padding = 8 - bits
            out.append(UInt8(truncatingIfNeeded: accumulator << UInt64(padding) | (1 << UInt64(padding) - 1)))
        }
        return out
    }

    /// Decodes a Huffman-coded string (§5.2): padding longer than 7 bits, padding that is not
    /// the prefix of EOS, and an explicit EOS are errors.
    public static func decode<C: Collection>(_ bytes: C) throws(HPACKError) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        var code: UInt32 = 0
        var length = 0
        for byte in bytes {
            for shift in stride(from: 7, through: 0, by: -1) {
                code = code << 1 | UInt32(byte >> UInt8(shift) & 1)
                length += 1
                let first = firstCode[length]
                if first.count > 0, code >= first.code, code - first.code < UInt32(first.count) {
                    let symbol = symbolsByCode[first.position + Int(code - first.code)]
                    if symbol == eos { throw .huffmanEOS }
                    out.append(UInt8(symbol))
                    code = 0
                    length = 0
                } else if length >= 30 {
                    throw .huffmanInvalidCode
                }
            }
        }
        if length > 7 { throw .huffmanPaddingTooLong(bits: length) }
        if code != (1 << UInt32(length)) - 1 { throw .huffmanPaddingNotOnes }
        return out
    }
}
