import Foundation
import GRDB
import GRDBSQLite

/// `netprep_rank(topic_fts, k)`: FTS5's bm25 with netprep's weights, which skips the work of
/// ranking rows that cannot reach the best `k`.
///
/// The score is Okapi BM25 as FTS5's own `bm25()` computes it (k1 = 1.2, b = 0.75; a phrase's
/// frequency in a row is the sum of its column weights, title 10, aliases 5, body 1; the row
/// length is all its columns), times `notePageBoost` for a note's own page. Higher is better.
///
/// A row whose title the query covers gets up to `titleCoverageBoost` more: times
/// 1 + boost × (title tokens matched / title tokens), so a section titled `三次握手` ranks above
/// one titled `TCP三次握手与抓包分析` and above a parent that mentions it often.
///
/// Most of bm25's cost is reading each row's length. With the phrase frequencies alone (they come
/// with the match) a row's score is bounded by taking its length as zero. The function keeps the
/// best `k` scores so far; a row whose bound is below the `k`-th of them cannot be in the best
/// `k`, so it gets 0 without its length being read. `ORDER BY score DESC LIMIT k` over the
/// results is therefore the same as with the full score for every row.
///
/// A phrase's weight (its IDF) needs the number of rows it matches, which FTS5 counts by
/// walking them all a second time. With one phrase the weight multiplies every row's score
/// alike: it changes neither the order nor which rows can place. The caller that ranks every
/// match of one phrase may pass a `Matches` (SQLite's pointer passing, `matchesPointerType`) as
/// the second argument: the function then leaves the weight out, counts the rows it scores, and
/// the caller multiplies the best scores by `Matches.weight` (a fifth of a search's instructions
/// on the benchmark's 5,000 files, callgrind).
enum NetprepRank {
    static let name = "netprep_rank"
    static let weights: [Double] = [10, 5, 1]
    static let k1 = 1.2
    static let b = 0.75

    /// What the function tells its caller about one query (see above).
    struct Matches {
        /// Rows of the index, and rows the function was called for: the query's matches when
        /// every match is ranked.
        var rows: Int64 = 0
        var matched: Int64 = 0
        /// Whether the scores returned leave out the phrase's weight.
        var weightLeftOut = false

        /// The weight the scores left out.
        var weight: Double { inverseDocumentFrequency(rows: rows, hits: matched) }
    }

    /// The type name SQLite checks when the `Matches` pointer is read back.
    static let matchesPointerType: StaticString = "netprep_rank_matches"

    /// As FTS5's bm25: a phrase in more than half the rows still counts a little, never negatively.
    static func inverseDocumentFrequency(rows: Int64, hits: Int64) -> Double {
        let value = log((Double(rows) - Double(hits) + 0.5) / (Double(hits) + 0.5))
        return value > 0 ? value : 1e-6
    }

    /// Per-query state: kept by FTS5 as the query's auxiliary data.
    final class QueryState {
        /// Each phrase's weight; with one phrase, [1] and `weight` holds it.
        let idf: [Double]
        /// What multiplies the score last: the one phrase's weight (1 when the caller applies
        /// it), or 1 for several phrases.
        let weight: Double
        /// Counts the rows scored when the weight is left out for the caller.
        let matches: UnsafeMutablePointer<Matches>?
        /// Tokens in each phrase of the query.
        let phraseSizes: [Int]
        let averageLength: Double
        let keep: Int
        /// Topic ids of note pages, which get `notePageBoost`, ascending.
        let notePages: [Int64]
        /// Scores given out, trimmed to the best `keep` now and then.
        var best: [Double] = []
        var threshold = 0.0

        init(
            idf: [Double], weight: Double, matches: UnsafeMutablePointer<Matches>?, phraseSizes: [Int],
            averageLength: Double, keep: Int, notePages: [Int64]
        ) {
            self.idf = idf
            self.weight = weight
            self.matches = matches
            self.phraseSizes = phraseSizes
            self.averageLength = averageLength
            self.keep = keep
            self.notePages = notePages
            best.reserveCapacity(2 * keep)
        }

        func isNotePage(_ id: Int64) -> Bool {
            // A binary search: a set of them cost more to build than all its lookups.
            var low = 0
            var high = notePages.count
            while low < high {
                let middle = (low + high) / 2
                if notePages[middle] < id { low = middle + 1 } else { high = middle }
            }
            return low < notePages.count && notePages[low] == id
        }

        /// Whether a row with at most this score is certainly outside the best `keep`.
        func cannotPlace(_ bound: Double) -> Bool {
            best.count >= keep && bound <= threshold
        }

        func record(_ score: Double) {
            best.append(score)
            if best.count == keep {
                threshold = best.min()!
            } else if best.count >= 2 * keep {
                best.sort(by: >)
                best.removeLast(best.count - keep)
                threshold = best[keep - 1]
            }
        }
    }

    /// Registers the function on a connection.
    static func register(_ db: Database) {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        _ = api.pointee.xCreateFunction(api, name, nil, { NetprepRank.call($0, $1, $2, $3, $4) }, nil)
    }

    private static func call(
        _ extensionAPI: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ sqliteContext: OpaquePointer?,
        _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        guard let extensionAPI, let fts, let sqliteContext else { return }
        let api = extensionAPI.pointee
        let keep = argumentCount > 0 ? max(1, Int(sqlite3_value_int(arguments![0]))) : 10
        let state: QueryState
        if let existing = api.xGetAuxdata(fts, 0) {
            state = Unmanaged<QueryState>.fromOpaque(existing).takeUnretainedValue()
        } else {
            let matches =
                argumentCount > 1
                ? matchesPointerType.withUTF8Buffer { name in
                    name.withMemoryRebound(to: CChar.self) { sqlite3_value_pointer(arguments![1], $0.baseAddress) }
                }?.assumingMemoryBound(to: Matches.self) : nil
            guard
                let fresh = makeState(
                    api: api, fts: fts, keep: keep, matches: matches, db: sqlite3_context_db_handle(sqliteContext))
            else {
                sqlite3_result_error(sqliteContext, "netprep_rank: cannot read the index statistics", -1)
                return
            }
            state = fresh
            _ = api.xSetAuxdata(fts, Unmanaged.passRetained(fresh).toOpaque()) { pointer in
                if let pointer { Unmanaged<QueryState>.fromOpaque(pointer).release() }
            }
        }
        state.matches?.pointee.matched += 1
        let boost = state.isNotePage(api.xRowid(fts)) ? notePageBoost : 1.0
        sqlite3_result_double(sqliteContext, score(api: api, fts: fts, state: state, boost: boost))
    }

    /// A note's own page (the concept's home) scores this much more than a section of it.
    static let notePageBoost = 1.15
    /// What a title made only of the query's words adds (see above).
    static let titleCoverageBoost = 1.0

    private static func makeState(
        api: Fts5ExtensionApi, fts: OpaquePointer, keep: Int, matches: UnsafeMutablePointer<Matches>?, db: OpaquePointer?
    ) -> QueryState? {
        var rows: sqlite3_int64 = 0
        var tokens: sqlite3_int64 = 0
        guard api.xRowCount(fts, &rows) == SQLITE_OK, api.xColumnTotalSize(fts, -1, &tokens) == SQLITE_OK else { return nil }
        let phrases = api.xPhraseCount(fts)
        let sizes = (0..<phrases).map { Int(api.xPhraseSize(fts, $0)) }
        let leavesWeightOut = phrases == 1 && matches != nil
        var idf: [Double] = []
        if leavesWeightOut {
            matches!.pointee = Matches(rows: rows, weightLeftOut: true)
        } else {
            for phrase in 0..<phrases {
                var hits: sqlite3_int64 = 0
                let code = api.xQueryPhrase(fts, phrase, &hits) { _, _, counter in
                    counter!.assumingMemoryBound(to: sqlite3_int64.self).pointee += 1
                    return SQLITE_OK
                }
                guard code == SQLITE_OK else { return nil }
                idf.append(inverseDocumentFrequency(rows: rows, hits: hits))
            }
        }
        guard let notePages = notePageIDs(db) else { return nil }
        // One phrase: its weight multiplies the rest last, the same operations whether it is
        // known here or applied by the caller.
        return QueryState(
            idf: phrases == 1 ? [1] : idf, weight: phrases == 1 && !leavesWeightOut ? idf[0] : 1,
            matches: leavesWeightOut ? matches : nil, phraseSizes: sizes,
            averageLength: Double(max(tokens, 1)) / Double(max(rows, 1)), keep: keep, notePages: notePages)
    }

    /// Note pages' topic ids, ascending, from the partial index `topic_note_page`.
    private static func notePageIDs(_ db: OpaquePointer?) -> [Int64]? {
        var statement: OpaquePointer?
        let sql = "SELECT id FROM topic WHERE kind = 'note' ORDER BY id"
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        var ids: [Int64] = []
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: ids.append(sqlite3_column_int64(statement, 0))
            case SQLITE_DONE: return ids
            default: return nil
            }
        }
    }

    private static func score(api: Fts5ExtensionApi, fts: OpaquePointer, state: QueryState, boost: Double) -> Double {
        var instances: Int32 = 0
        guard api.xInstCount(fts, &instances) == SQLITE_OK else { return 0 }
        let phrases = state.idf.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(phrases, 1)) { frequency in
            frequency.initialize(repeating: 0)
            var titleTokens = 0
            for index in 0..<instances {
                var phrase: Int32 = 0
                var column: Int32 = 0
                var offset: Int32 = 0
                guard api.xInst(fts, index, &phrase, &column, &offset) == SQLITE_OK else { return 0 }
                if Int(phrase) < phrases, Int(column) < weights.count { frequency[Int(phrase)] += weights[Int(column)] }
                if column == 0, Int(phrase) < phrases { titleTokens += state.phraseSizes[Int(phrase)] }
            }
            func bm25(lengthFactor: Double) -> Double {
                var total = 0.0
                for phrase in 0..<phrases where frequency[phrase] > 0 {
                    let f = frequency[phrase]
                    total += state.idf[phrase] * f * (k1 + 1) / (f + k1 * lengthFactor)
                }
                return total * boost
            }
            // The bound: the same sum for a row of length zero, its title all the query's words.
            let titleBound = titleTokens > 0 ? 1 + titleCoverageBoost : 1
            if state.cannotPlace(bm25(lengthFactor: 1 - b) * titleBound * state.weight) { return 0 }
            var length: Int32 = 0
            guard api.xColumnSize(fts, -1, &length) == SQLITE_OK else { return 0 }
            var titleFactor = 1.0
            if titleTokens > 0 {
                var titleLength: Int32 = 0
                guard api.xColumnSize(fts, 0, &titleLength) == SQLITE_OK else { return 0 }
                titleFactor += titleCoverageBoost * min(1, Double(titleTokens) / Double(max(titleLength, 1)))
            }
            let score = bm25(lengthFactor: 1 - b + b * Double(length) / state.averageLength) * titleFactor * state.weight
            state.record(score)
            return score
        }
    }
}
