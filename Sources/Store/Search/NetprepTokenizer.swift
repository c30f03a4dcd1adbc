import Basics
import Foundation
import GRDB
import GRDBSQLite

/// The FTS5 tokenizer for notes in Chinese and English.
///
/// SQLite's `porter unicode61 remove_diacritics 1` does the Latin work (case folding, stemming:
/// `handshakes` finds `handshake`); this tokenizer then splits what unicode61 leaves whole:
/// - a run of Han, kana or Hangul becomes overlapping bigrams (`三次握手` -> 三次, 次握, 握手),
///   a lone character stays itself, so any two-character word inside a longer run is found;
/// - letters are split from digits (`2MSL` -> `2`, `msl`; `HTTP2` -> `http`, `2`);
/// - Latin and CJK written together (`TCP拥塞`) are split apart.
/// Every token keeps its exact byte offsets, so snippets highlight just the match.
///
/// Measured before we started (DESIGN.md): every occurrence of every term tried was found, at
/// 1.16x the text's size.
final class NetprepTokenizer: FTS5CustomTokenizer, @unchecked Sendable {
    static let name = "netprep"

    private let porter: FTS5Tokenizer

    init(db: Database, arguments: [String]) throws {
        porter = try db.makeTokenizer(.porter(wrapping: .unicode61(diacritics: .remove)))
    }

    func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return SQLITE_OK }
        var state = SplitterState(
            text: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), context: context,
            callback: tokenCallback, stemmer: porter, tokenization: tokenization)
        return withUnsafeMutablePointer(to: &state) { statePointer in
            porter.tokenize(context: statePointer, tokenization: tokenization, pText: pText, nText: nText) {
                statePointer, flags, pToken, nToken, iStart, iEnd in
                let state = statePointer!.assumingMemoryBound(to: SplitterState.self)
                return state.pointee.split(flags: flags, token: pToken, length: nToken, start: iStart, end: iEnd)
            }
        }
    }
}

/// What the C callback needs to pass tokens on, split.
private struct SplitterState {
    let text: UnsafePointer<UInt8>
    let context: UnsafeMutableRawPointer?
    let callback: FTS5TokenCallback
    /// porter over unicode61: a Latin piece split from CJK text is stemmed as a word on its own
    /// is (`分组密码DES` must index `de`, as the query `DES` does).
    let stemmer: FTS5Tokenizer
    let tokenization: FTS5Tokenization

    /// Receives one token from porter/unicode61 and emits it whole or in pieces.
    func split(flags: CInt, token: UnsafePointer<CChar>?, length: CInt, start: CInt, end: CInt) -> CInt {
        guard let token else { return SQLITE_OK }
        let bytes = UnsafeRawPointer(token).assumingMemoryBound(to: UInt8.self)
        var isPlainWord = true
        var hasLetter = false
        var hasDigit = false
        for index in 0..<Int(length) {
            let byte = bytes[index]
            if byte >= 0x80 {
                isPlainWord = false
                break
            }
            if byte >= 0x30 && byte <= 0x39 { hasDigit = true } else { hasLetter = true }
        }
        if isPlainWord && !(hasLetter && hasDigit) {
            if let kept = unstemmed(token: bytes, length: Int(length), start: Int(start), end: Int(end)) {
                return emit(flags: flags, start: Int(start), end: Int(end), lowercase: true, override: kept)
            }
            return callback(context, flags, token, length, start, end)
        }
        return splitOriginal(flags: flags, start: Int(start), end: Int(end))
    }

    /// Splits the original text of a token by script: Latin letters, digits, CJK bigrams.
    private func splitOriginal(flags: CInt, start: Int, end: Int) -> CInt {
        var pieces: [(kind: UInt8, start: Int, end: Int)] = []  // kind: 0 letters, 1 digits, 2 CJK char
        // At most a piece a byte: grown once, not doubled along a long run of Chinese text.
        pieces.reserveCapacity(end - start)
        var index = start
        while index < end {
            let (scalar, width) = decodeScalar(at: index, end: end)
            let kind: UInt8
            if scalar.isCJK {
                kind = 2
            } else if scalar.value >= 0x30 && scalar.value <= 0x39 {
                kind = 1
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                kind = 0
            } else {
                kind = 3
            }
            if kind == 3 {
                // Marks and other token characters unicode61 kept: attach to the previous piece.
                if let last = pieces.indices.last { pieces[last].end = index + width }
            } else if kind != 2, let last = pieces.last, last.kind == kind, last.end == index {
                pieces[pieces.count - 1].end = index + width
            } else {
                pieces.append((kind, index, index + width))
            }
            index += width
        }
        var position = 0
        while position < pieces.count {
            let piece = pieces[position]
            if piece.kind == 2 {
                // A run of CJK characters: bigrams, or the character alone when the run is one long.
                var runEnd = position
                while runEnd + 1 < pieces.count, pieces[runEnd + 1].kind == 2 { runEnd += 1 }
                if runEnd == position {
                    let code = emit(flags: flags, start: piece.start, end: piece.end, lowercase: false)
                    if code != SQLITE_OK { return code }
                } else {
                    for first in position..<runEnd {
                        let code = emit(flags: flags, start: pieces[first].start, end: pieces[first + 1].end, lowercase: false)
                        if code != SQLITE_OK { return code }
                    }
                }
                position = runEnd + 1
                continue
            }
            let code =
                piece.kind == 0
                ? emitStemmed(flags: flags, start: piece.start, end: piece.end)
                : emit(flags: flags, start: piece.start, end: piece.end, lowercase: true)
            if code != SQLITE_OK { return code }
            position += 1
        }
        return SQLITE_OK
    }

    /// Porter's plural rule would make `https` the same word as `http` and `wss` as `ws`;
    /// those protocol names are kept whole.
    private func unstemmed(token: UnsafePointer<UInt8>, length: Int, start: Int, end: Int) -> String? {
        guard end - start == length + 1 else { return nil }
        let original = String(decoding: UnsafeBufferPointer(start: text + start, count: end - start), as: UTF8.self).lowercased()
        return original == "https" || original == "wss" ? original : nil
    }

    /// Passes a run of letters through porter, each token it gives at the run's offsets.
    private func emitStemmed(flags: CInt, start: Int, end: Int) -> CInt {
        let original = String(decoding: UnsafeBufferPointer(start: text + start, count: end - start), as: UTF8.self).lowercased()
        if original == "https" || original == "wss" {
            return emit(flags: flags, start: start, end: end, lowercase: false, override: original)
        }
        var target = StemTarget(context: context, callback: callback, flags: flags, start: CInt(start), end: CInt(end))
        let piece = UnsafeRawPointer(text + start).assumingMemoryBound(to: CChar.self)
        return withUnsafeMutablePointer(to: &target) { pointer in
            stemmer.tokenize(context: pointer, tokenization: tokenization, pText: piece, nText: CInt(end - start)) {
                context, _, token, length, _, _ in
                let target = context!.assumingMemoryBound(to: StemTarget.self).pointee
                return target.callback(target.context, target.flags, token, length, target.start, target.end)
            }
        }
    }

    private func emit(flags: CInt, start: Int, end: Int, lowercase: Bool, override: String? = nil) -> CInt {
        let slice = UnsafeBufferPointer(start: text + start, count: end - start)
        if let override {
            var bytes = Array(override.utf8)
            return bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    callback(context, flags, chars.baseAddress, CInt(chars.count), CInt(start), CInt(end))
                }
            }
        }
        if !lowercase || !slice.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) {
            return slice.withMemoryRebound(to: CChar.self) { chars in
                callback(context, flags, chars.baseAddress, CInt(chars.count), CInt(start), CInt(end))
            }
        }
        let folded = String(decoding: slice, as: UTF8.self).lowercased()
            .folding(options: .diacriticInsensitive, locale: nil)
        var bytes = Array(folded.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                callback(context, flags, chars.baseAddress, CInt(chars.count), CInt(start), CInt(end))
            }
        }
    }

    /// The scalar at `index` of the token text that ends at `end`.
    private func decodeScalar(at index: Int, end: Int) -> (Unicode.Scalar, Int) {
        UTF8Scalar.decode(UnsafeBufferPointer(start: text, count: end), at: index)
    }
}

/// Where the tokens of a stemmed piece go: the outer callback, at the piece's offsets.
private struct StemTarget {
    let context: UnsafeMutableRawPointer?
    let callback: FTS5TokenCallback
    let flags: CInt
    let start: CInt
    let end: CInt
}
