import Foundation
import GRDB
import Scheduler
import Store

/// A small database as the importer and the quiz would leave it: two notes in two folders,
/// basic, cloze and generated cards, one card in two languages, one with hostile HTML, and
/// reviews scheduled by netprep's own FSRS.
struct ExportFixture {
    let database: AppDatabase
    /// The export time; reviews happened days before it.
    let now: Date

    static let day: Int64 = 86_400_000

    /// Card ids.
    static let cwnd = "tcp.congestion#cwnd"
    static let phases = "tcp.congestion#phases-cloze"
    static let generated = "tcp.congestion#gen-tcp.reno.cwnd"
    static let hostile = "tcp.congestion#hostile"
    static let records = "dns.records#types"
    static let chineseOnly = "dns.records#ttl"

    static let cwndPrompt = "What does **cwnd** limit?"
    static let cwndAnswer = """
        The bytes in flight: at most `min(cwnd, rwnd)`.

        | phase | growth |
        |---|---|
        | slow start | doubles per RTT |

        ```swift
        let inFlight = min(cwnd, rwnd)
        ```
        """

    /// Ratings given to `cwnd` and to `phases`, one day apart, ending 2 days before `now`.
    static let cwndRatings: [Rating] = [.good, .good, .easy]
    static let phasesRatings: [Rating] = [.again, .good]
    /// `records` graduates, then lapses into relearning.
    static let recordsRatings: [Rating] = [.good, .good, .again]

    init(now: Date = Date(), cwndPrompt: String = ExportFixture.cwndPrompt, indexedAt: Double = 1_764_000_100) throws {
        self.now = now
        database = try AppDatabase.inMemory()
        let nowMS = Int64(now.timeIntervalSince1970 * 1000)
        try database.writer.write { db in
            func note(key: String, lang: String, file: String, title: String, tags: [String]) throws -> Int64 {
                try db.execute(
                    sql: """
                        INSERT INTO note (key, lang, file, origin, root, title, hash, size, mtime, body, indexed_at)
                        VALUES (?, ?, ?, 'builtin', '/content/' || ?, ?, 'hash', 1, 0, '', ?)
                        """, arguments: [key, lang, file, lang, title, indexedAt])
                let noteID = db.lastInsertedRowID
                try db.execute(
                    sql: """
                        INSERT INTO topic (key, lang, note_id, parent_id, title, path, kind, line, position, body)
                        VALUES (?, ?, ?, NULL, ?, '[]', 'note', 1, 0, '')
                        """, arguments: [key, lang, noteID, title])
                let topicID = db.lastInsertedRowID
                for tag in tags {
                    try db.execute(sql: "INSERT INTO tag (topic_id, tag) VALUES (?, ?)", arguments: [topicID, tag])
                }
                return noteID
            }
            func card(_ id: String, kind: String, topic: String, demo: String? = nil, createdAt: Int64) throws {
                try db.execute(
                    sql: "INSERT INTO card (id, kind, topic, demo, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, kind, topic, demo, createdAt])
            }
            func text(_ id: String, lang: String, note: Int64, prompt: String, answer: String, position: Int) throws {
                try db.execute(
                    sql: """
                        INSERT INTO card_text (card_id, lang, note_id, prompt, answer, line, position)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [id, lang, note, prompt, answer, position + 10, position])
            }
            let tcp = try note(
                key: "tcp.congestion", lang: "en", file: "/content/en/tcp/congestion.md",
                title: "TCP congestion control", tags: ["tcp", "congestion control"])
            let dnsEnglish = try note(
                key: "dns.records", lang: "en", file: "/content/en/dns/records.md", title: "DNS records",
                tags: ["dns"])
            let dnsChinese = try note(
                key: "dns.records", lang: "zh", file: "/content/zh/dns/records.md", title: "DNS 记录", tags: ["dns"])

            let created = Int64(1_763_000_000_000)
            try card(
                Self.cwnd, kind: "basic", topic: "tcp.congestion#phases", demo: "tcp.congestion --loss 0.1", createdAt: created)
            try text(Self.cwnd, lang: "en", note: tcp, prompt: cwndPrompt, answer: Self.cwndAnswer, position: 0)
            try card(Self.phases, kind: "cloze", topic: "tcp.congestion#phases", createdAt: created)
            try text(
                Self.phases, lang: "en", note: tcp,
                prompt:
                    "In slow start cwnd {{c1::doubles every RTT}}; in congestion avoidance it grows by {{c2::one MSS per RTT::how much}}.",
                answer: "In slow start cwnd doubles every RTT; in congestion avoidance it grows by one MSS per RTT.",
                position: 1)
            try card(Self.generated, kind: "generated", topic: "tcp.congestion", createdAt: created)
            try text(Self.generated, lang: "en", note: tcp, prompt: "tcp.reno.cwnd", answer: "", position: 2)
            try card(Self.hostile, kind: "basic", topic: "tcp.congestion", createdAt: created + 5)
            try text(
                Self.hostile, lang: "en", note: tcp,
                prompt: "Safe? <script>alert(1)</script> <img src=x onerror=\"alert(2)\"> H<sub>2</sub>O",
                answer:
                    "[click](javascript:alert(3)) and [RFC 5681](https://www.rfc-editor.org/rfc/rfc5681)\n\n<div onclick=\"alert(4)\">block</div>",
                position: 3)
            try card(Self.records, kind: "basic", topic: "dns.records", createdAt: created + 10)
            try text(
                Self.records, lang: "en", note: dnsEnglish, prompt: "Which record maps a name to an IPv6 address?",
                answer: "AAAA.", position: 0)
            try text(Self.records, lang: "zh", note: dnsChinese, prompt: "哪种记录把域名映射到 IPv6 地址？", answer: "AAAA 记录。", position: 0)
            try card(Self.chineseOnly, kind: "basic", topic: "dns.records", createdAt: created + 11)
            try text(Self.chineseOnly, lang: "zh", note: dnsChinese, prompt: "TTL 是什么？", answer: "缓存的存活时间。", position: 1)

            try Self.review(Self.cwnd, ratings: Self.cwndRatings, endingAt: nowMS - 2 * Self.day, db: db)
            try Self.review(Self.phases, ratings: Self.phasesRatings, endingAt: nowMS - 2 * Self.day, db: db)
            try Self.review(Self.records, ratings: Self.recordsRatings, endingAt: nowMS - Self.day / 2, db: db)
        }
    }

    /// Reviews `card` with netprep's scheduler, a day apart, writing `review` rows and the final
    /// `card_state` as the quiz does.
    static func review(_ card: String, ratings: [Rating], endingAt end: Int64, db: Database) throws {
        let scheduler = Scheduler(configuration: try SchedulerConfiguration(enableFuzzing: false))
        let start = end - Int64(ratings.count - 1) * day
        var memory = MemoryCard.new(at: Date(timeIntervalSince1970: Double(start) / 1000))
        var before: StoredCardState?
        var reps = 0
        var lapses = 0
        let encoder = JSONEncoder()
        for (index, rating) in ratings.enumerated() {
            let at = start + Int64(index) * day
            let wasReview = memory.state == .review
            memory = scheduler.review(memory, rating: rating, at: Date(timeIntervalSince1970: Double(at) / 1000))
            reps += 1
            if wasReview && rating == .again { lapses += 1 }
            let after = StoredCardState(
                state: memory.state, step: memory.step, stability: memory.stability,
                difficulty: memory.difficulty, due: Int64((memory.due.timeIntervalSince1970 * 1000).rounded()),
                lastReview: at, reps: reps, lapses: lapses)
            try db.execute(
                sql: """
                    INSERT INTO review (card_id, reviewed_at, rating, duration_ms, state_before, state_after)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    card, at, rating.rawValue, 4_000 + index * 1_000,
                    try before.map { String(decoding: try encoder.encode($0), as: UTF8.self) },
                    String(decoding: try encoder.encode(after), as: UTF8.self),
                ])
            before = after
        }
        guard let state = before else { return }
        try db.execute(
            sql: """
                INSERT INTO card_state (card_id, state, step, stability, difficulty, due, last_review, reps, lapses)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                card, state.state.rawValue, state.step, state.stability, state.difficulty, state.due, state.lastReview,
                state.reps, state.lapses,
            ])
    }
}
