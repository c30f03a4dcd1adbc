import Basics

/// The client side of the DNS model: a stub resolver and a caching recursive resolver.

/// What a resolver cache holds (RFC 1035 §7.4; negative entries RFC 2308 §5).
///
/// Times are milliseconds of the model's clock; an entry is usable while `now < expires`.
public struct DNSCache: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var records: [DNSRecord]
        public var storedAt: Int
        public var expires: Int
        /// Configured root hints, which never expire.
        public var isHint: Bool
        /// From an answer section, not a referral's authority or additional section: only such
        /// data answers a client (RFC 2181 §5.4.1 ranks glue and referral NS below answers).
        public var isAnswer = true
    }

    /// A remembered NXDOMAIN (for every type of the name) or NODATA (for one type).
    public struct Negative: Sendable, Equatable {
        public var code: DNSResponseCode
        public var soa: DNSRecord
        public var storedAt: Int
        public var expires: Int
    }

    struct Key: Hashable, Sendable {
        var name: String
        var type: DNSType
    }

    private(set) var entries: [Key: Entry] = [:]
    private(set) var nameErrors: [String: Negative] = [:]
    private(set) var noData: [Key: Negative] = [:]

    /// Stores records of one name and type, replacing what was there; TTL 0 is not cached.
    mutating func store(_ records: [DNSRecord], now: Int, isHint: Bool = false, isAnswer: Bool = true) {
        let groups = Dictionary(grouping: records) { Key(name: $0.name, type: $0.type) }
        for (key, group) in groups {
            let ttl = group.map(\.ttl).min() ?? 0
            guard ttl > 0 || isHint else { continue }
            // Referral data never replaces a live answer (RFC 2181 §5.4.1).
            if !isAnswer, let old = entries[key], old.isAnswer, now < old.expires { continue }
            entries[key] = Entry(
                records: group, storedAt: now, expires: now + Int(ttl) * 1000, isHint: isHint, isAnswer: isAnswer)
        }
    }

    mutating func storeNegative(name: String, type: DNSType, code: DNSResponseCode, soa: DNSRecord, now: Int) {
        let entry = Negative(code: code, soa: soa, storedAt: now, expires: now + Int(soa.ttl) * 1000)
        if code == .nameError { nameErrors[name] = entry } else { noData[Key(name: name, type: type)] = entry }
    }

    /// What a lookup in the cache found.
    enum Lookup {
        case hit([DNSRecord], entry: Entry)
        case expired(entry: Entry)
        case miss
    }

    /// Unexpired records with TTLs counted down to the time left (RFC 1035 §4.1.3: a cached
    /// record's TTL is what remains).
    func lookup(_ name: String, _ type: DNSType, now: Int) -> Lookup {
        guard let entry = entries[Key(name: name, type: type)] else { return .miss }
        if entry.isHint { return .hit(entry.records, entry: entry) }
        guard now < entry.expires else { return .expired(entry: entry) }
        let left = UInt32((entry.expires - now) / 1000)
        return .hit(
            entry.records.map {
                var record = $0
                record.ttl = left
                return record
            }, entry: entry)
    }

    func negative(_ name: String, _ type: DNSType, now: Int) -> Negative? {
        for candidate in [nameErrors[name], noData[Key(name: name, type: type)]] {
            if var entry = candidate, now < entry.expires {
                entry.soa.ttl = UInt32((entry.expires - now) / 1000)
                return entry
            }
        }
        return nil
    }

    /// Records cached now (hints excepted), for the trace.
    public func count(now: Int) -> Int {
        entries.values.filter { !$0.isHint && now < $0.expires }.reduce(0) { $0 + $1.records.count }
    }
}

/// A recursive resolver (RFC 1034 §5.3.3) as a state machine: a query from a stub starts a
/// resolution; the resolver answers from its cache or sends iterative queries, starting at the
/// closest zone whose nameservers it knows, and each response advances it. CNAMEs restart the
/// search at the target (§3.6.2); answers, referrals and negative answers are cached with their
/// TTLs.
///
/// The caller carries out the returned `Action`s: deliver `.query` to the server and feed the
/// response back with `receive(response:from:now:)`; hand `.answer` to the stub.
public struct RecursiveResolver: Sendable {
    public enum Action: Sendable, Equatable {
        /// Send this query to the server at that address.
        case query(DNSMessage, server: IPv4Address, serverName: String)
        /// The resolution is over: this is the response for the stub.
        case answer(DNSMessage)
    }

    /// Why an event could not be handled.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case busy
        case unexpectedResponse(String)

        public var description: String {
            switch self {
            case .busy: "the resolver is already resolving a query"
            case .unexpectedResponse(let why): "unexpected response: \(why)"
            }
        }
    }

    enum State: Sendable {
        case idle
        case waiting(Resolution)
    }

    struct Resolution: Sendable {
        var stubQuery: DNSMessage
        /// The name being looked up now: the question's, or a CNAME's target.
        var name: String
        var type: DNSType
        var chain: [DNSRecord]
        var pending: DNSMessage?
        var server: IPv4Address?
        var queries = 0
    }

    public private(set) var cache = DNSCache()
    private var state = State.idle
    private var random: SplitMix64
    /// What the resolver decided during the last event (cache hits, expiries), for the trace.
    public private(set) var notes: [String] = []

    /// Gives up a resolution after this many queries (a loop guard, as real resolvers have).
    public static let maxQueries = 20

    public init(rootHints: [DNSRecord], seed: UInt64) {
        random = SplitMix64(seed: seed)
        cache.store(rootHints, now: 0, isHint: true)
    }

    public var isIdle: Bool { if case .idle = state { true } else { false } }

    /// A stub's query arrives.
    public mutating func receive(stubQuery: DNSMessage, now: Int) throws -> Action {
        guard case .idle = state else { throw Failure.busy }
        notes = []
        guard let question = stubQuery.question else {
            var response = DNSMessage(respondingTo: stubQuery)
            response.responseCode = .formatError
            return .answer(response)
        }
        return advance(Resolution(stubQuery: stubQuery, name: question.name, type: question.type, chain: []), now: now)
    }

    /// A server's response to the outstanding query arrives.
    public mutating func receive(response: DNSMessage, from server: IPv4Address, now: Int) throws -> Action {
        guard case .waiting(var resolution) = state, let pending = resolution.pending else {
            throw Failure.unexpectedResponse("no query is outstanding")
        }
        guard response.isResponse, response.id == pending.id, server == resolution.server,
            response.questions == pending.questions
        else { throw Failure.unexpectedResponse("ID, server or question does not match the query (RFC 5452)") }
        notes = []
        resolution.pending = nil

        switch response.responseCode {
        case .noError, .nameError: break
        default: return finish(resolution, code: .serverFailure, authority: [])
        }
        // Cache everything the response carries (a full resolver would rank and check it
        // against the zone it asked, RFC 2181 §5.4.1; here every server is honest).
        cache.store(response.answers, now: now)
        cache.store(response.authority.filter { $0.type == .ns }, now: now, isAnswer: false)
        cache.store(response.additional, now: now, isAnswer: false)

        // Follow the answer from the name asked: records of the type, or a CNAME to chase.
        var name = resolution.name
        for _ in 0..<10 {
            let matching = response.answers.filter { $0.name == name && $0.type == resolution.type }
            if !matching.isEmpty {
                resolution.chain += matching
                return finish(resolution, code: .noError, authority: [])
            }
            guard let alias = response.answers.first(where: { $0.name == name && $0.type == .cname }),
                case .cname(let target) = alias.data
            else { break }
            resolution.chain.append(alias)
            name = target
        }
        // A negative answer, for the last name of the chain (RFC 2308 §2.1, §2.2).
        if let soa = response.authority.first(where: { $0.type == .soa }),
            response.responseCode == .nameError || response.authoritative
        {
            cache.storeNegative(name: name, type: resolution.type, code: response.responseCode, soa: soa, now: now)
            let kind = response.responseCode == .nameError ? "NXDOMAIN" : "NODATA"
            notes.append("cached \(kind) \(name) for \(soa.ttl) s")
            resolution.name = name
            return finish(resolution, code: response.responseCode, authority: [soa])
        }
        if response.responseCode == .nameError {
            return finish(resolution, code: .nameError, authority: [])
        }
        if name != resolution.name { notes.append("CNAME: continue with \(name)") }
        resolution.name = name
        return advance(resolution, now: now)
    }

    /// Answers from the cache as far as it goes, then queries the closest known nameserver.
    private mutating func advance(_ start: Resolution, now: Int) -> Action {
        var resolution = start
        var visited: Set<String> = []
        while visited.insert(resolution.name).inserted {
            let name = resolution.name
            if let negative = cache.negative(name, resolution.type, now: now) {
                notes.append("cache hit: \(negative.code.mnemonic) for \(name), \(negative.soa.ttl) s left")
                return finish(resolution, code: negative.code, authority: [negative.soa])
            }
            switch cache.lookup(name, resolution.type, now: now) {
            case .hit(let records, let entry) where entry.isAnswer:
                notes.append("cache hit: \(name) \(resolution.type.mnemonic), ttl \(records[0].ttl) s left")
                resolution.chain += records
                return finish(resolution, code: .noError, authority: [])
            case .expired(let entry):
                notes.append("expired: \(name) \(resolution.type.mnemonic) (ttl \(entry.records[0].ttl) s)")
            case .hit, .miss: break
            }
            switch cache.lookup(name, .cname, now: now) {
            case .hit(let records, let entry) where entry.isAnswer:
                notes.append("cache hit: \(name) CNAME, ttl \(records[0].ttl) s left")
                resolution.chain += records
                guard case .cname(let target) = records[0].data else { break }
                resolution.name = target
                continue
            case .expired(let entry):
                notes.append("expired: \(name) CNAME (ttl \(entry.records[0].ttl) s)")
            case .hit, .miss: break
            }
            break
        }
        guard resolution.queries < Self.maxQueries else {
            return finish(resolution, code: .serverFailure, authority: [])
        }
        // The closest enclosing zone whose nameserver has a known address (RFC 1034 §5.3.3
        // step 2); the root hints guarantee one.
        for zone in DNSName.suffixes(resolution.name) {
            guard case .hit(let servers, _) = cache.lookup(zone, .ns, now: now) else { continue }
            for record in servers {
                guard case .ns(let host) = record.data,
                    case .hit(let addresses, _) = cache.lookup(host, .a, now: now),
                    case .a(let octets) = addresses[0].data
                else { continue }
                let address = IPv4Address(octets[0], octets[1], octets[2], octets[3])
                if zone != "" || resolution.queries > 0 {
                    notes.append("closest known zone: \(DNSName.presentation(zone)) at \(host)")
                }
                let query = DNSMessage(
                    id: UInt16(truncatingIfNeeded: random.next()),
                    query: DNSQuestion(resolution.name, resolution.type), recursionDesired: false)
                resolution.pending = query
                resolution.server = address
                resolution.queries += 1
                state = .waiting(resolution)
                return .query(query, server: address, serverName: host)
            }
        }
        return finish(resolution, code: .serverFailure, authority: [])
    }

    private mutating func finish(_ resolution: Resolution, code: DNSResponseCode, authority: [DNSRecord]) -> Action {
        state = .idle
        var response = DNSMessage(respondingTo: resolution.stubQuery)
        response.recursionAvailable = true
        response.responseCode = code
        response.answers = resolution.chain
        response.authority = authority
        return .answer(response)
    }
}

/// The stub resolver in the client's C library: one query to the configured recursive
/// resolver with RD set, and a check that the response answers it (RFC 1123 §6.1.3.1).
public struct StubResolver: Sendable {
    public let resolver: IPv4Address
    private var pending: DNSMessage?
    private var random: SplitMix64

    public init(resolver: IPv4Address, seed: UInt64) {
        self.resolver = resolver
        random = SplitMix64(seed: seed)
    }

    public mutating func query(_ name: String, _ type: DNSType) -> DNSMessage {
        let message = DNSMessage(
            id: UInt16(truncatingIfNeeded: random.next()), query: DNSQuestion(name, type), recursionDesired: true)
        pending = message
        return message
    }

    /// The addresses (or other records of the asked type) a response gives, CNAMEs followed.
    public mutating func receive(_ response: DNSMessage) throws -> [DNSRecord] {
        guard let query = pending, response.id == query.id, response.questions == query.questions else {
            throw RecursiveResolver.Failure.unexpectedResponse("the stub has no query with ID \(response.id)")
        }
        pending = nil
        return response.answers.filter { $0.type == query.question?.type }
    }
}
