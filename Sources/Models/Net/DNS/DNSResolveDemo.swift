import Basics
import Foundation

/// A DNS message as the JSON trace shows it: header fields, sections in zone-file form, and
/// (in the enclosing step) the exact wire bytes.
public struct DNSMessageView: Codable, Sendable, Equatable {
    public var id: UInt16
    public var flags: [String]
    public var rcode: String
    public var question: [String]
    public var answer: [String]
    public var authority: [String]
    public var additional: [String]

    public init(_ message: DNSMessage) {
        id = message.id
        flags = message.flagNames
        rcode = message.responseCode.mnemonic
        question = message.questions.map(\.presentation)
        answer = message.answers.map(\.presentation)
        authority = message.authority.map(\.presentation)
        additional = message.additional.map(\.presentation)
    }
}

/// One line of a DNS trace.
public struct DNSStep: Codable, Sendable, Equatable {
    /// `lookup` (a stub starts one), `message`, `note` (a resolver decision) or `result`.
    public var kind: String
    /// Milliseconds since the first lookup, when the step happens (a message: when it is sent).
    public var time: Int
    public var from: String?
    public var to: String?
    public var text: String
    public var message: DNSMessageView?
    /// The UDP payload, hex.
    public var bytes: String?
}

/// What one lookup gave the stub.
public struct DNSLookupResult: Codable, Sendable, Equatable {
    /// Seconds after the first lookup.
    public var at: Int
    public var name: String
    public var type: String
    public var rcode: String
    public var answer: [String]
    /// From the moment the stub sends until its answer arrives.
    public var latencyMilliseconds: Int
    /// Queries the recursive resolver sent to authoritative servers: 0 for a pure cache hit.
    public var resolverQueries: Int
}

/// `dns.resolve`: a stub asks a recursive resolver, which walks root -> TLD -> authoritative
/// and caches what it learns; later lookups show cache hits and expiry after the TTL.
public enum DNSResolveDemo: Sendable {
    public struct Parameters: Codable, Sendable, Equatable {
        public var name: String
        public var type: String
        /// When the stub looks the name up, in seconds after the first lookup.
        public var lookups: [Int]
        /// Also render every message's bytes.
        public var hex: Bool

        public init(
            name: String = "www.example.com", type: String = "A", lookups: [Int] = [0, 10, 45], hex: Bool = false
        ) {
            self.name = name
            self.type = type
            self.lookups = lookups
            self.hex = hex
        }
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var lookups: [DNSLookupResult]
        public var messages: Int
        public var bytes: Int
        /// Records in the resolver's cache after the last lookup (root hints excluded).
        public var cachedRecords: Int
    }

    public static let name = "dns.resolve"

    public static let resolverAddress = IPv4Address(203, 0, 113, 53)
    /// Round trip between the stub and its resolver, in milliseconds.
    public static let stubRoundTrip = 10

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, DNSStep, Outcome> {
        guard let type = DNSType(mnemonic: parameters.type) else {
            throw DemoError.badOption("unknown record type \(parameters.type)")
        }
        let universe = DNSUniverse.standard
        var seeds = SplitMix64(seed: seed)
        var stub = StubResolver(resolver: resolverAddress, seed: seeds.next())
        var resolver = RecursiveResolver(rootHints: universe.rootHints, seed: seeds.next())
        var steps: [DNSStep] = []
        var results: [DNSLookupResult] = []
        var totalBytes = 0

        func record(_ message: DNSMessage, from: String, to: String, at time: Int, _ text: String) {
            let bytes = message.encoded()
            totalBytes += bytes.count
            steps.append(
                DNSStep(
                    kind: "message", time: time, from: from, to: to, text: text + " (\(bytes.count) B)",
                    message: DNSMessageView(message), bytes: Hex.string(bytes)))
        }
        func drainNotes(at time: Int) {
            for note in resolver.notes {
                steps.append(DNSStep(kind: "note", time: time, from: "resolver", text: note))
            }
        }

        for second in parameters.lookups {
            let start = second * 1000
            steps.append(
                DNSStep(kind: "lookup", time: start, from: "stub", text: "lookup \(parameters.name) \(type.mnemonic)"))
            let query = stub.query(parameters.name, type)
            record(query, from: "stub", to: "resolver", at: start, "Q " + summary(of: query))
            var now = start + stubRoundTrip / 2
            var action = try resolver.receive(stubQuery: query, now: now)
            var queries = 0
            while true {
                drainNotes(at: now)
                switch action {
                case .query(let message, let address, _):
                    guard let server = universe.server(at: address) else {
                        throw DemoError.impossible("no server at \(address)")
                    }
                    queries += 1
                    record(message, from: "resolver", to: server.label, at: now, "Q " + summary(of: message))
                    let response = server.respond(to: message)
                    record(
                        response, from: server.label, to: "resolver", at: now + server.roundTripMilliseconds / 2,
                        summary(of: response))
                    now += server.roundTripMilliseconds
                    action = try resolver.receive(response: response, from: address, now: now)
                    continue
                case .answer(let response):
                    record(response, from: "resolver", to: "stub", at: now, summary(of: response))
                    now += stubRoundTrip / 2
                    let answers = try stub.receive(response)
                    let result = DNSLookupResult(
                        at: second, name: parameters.name, type: type.mnemonic, rcode: response.responseCode.mnemonic,
                        answer: response.answers.map(\.presentation), latencyMilliseconds: now - start,
                        resolverQueries: queries)
                    results.append(result)
                    let found =
                        answers.isEmpty
                        ? response.responseCode.mnemonic : answers.map(\.data.presentation).joined(separator: ", ")
                    steps.append(
                        DNSStep(
                            kind: "result", time: now, from: "stub",
                            text:
                                "\(found) in \(now - start) ms, \(queries) "
                                + (queries == 1 ? "query" : "queries") + " by the resolver"
                        ))
                }
                break
            }
        }
        let last = (parameters.lookups.last ?? 0) * 1000
        return DemoTrace(
            demo: name, params: parameters, trace: steps,
            result: Outcome(
                lookups: results, messages: steps.filter { $0.kind == "message" }.count, bytes: totalBytes,
                cachedRecords: resolver.cache.count(now: last)))
    }

    /// A one-line description of a message for the ladder.
    static func summary(of message: DNSMessage) -> String {
        guard message.isResponse else {
            let question = message.question.map { "\($0.name) \($0.type.mnemonic)" } ?? "?"
            return "\(question) id \(message.id)\(message.recursionDesired ? " rd" : "")"
        }
        if message.responseCode == .nameError { return "NXDOMAIN" + (message.authoritative ? " aa" : "") }
        if message.answers.isEmpty {
            if let cut = message.authority.first(where: { $0.type == .ns }), case .ns(let host) = cut.data {
                let glue = message.additional.isEmpty ? "" : " +glue"
                return "referral: \(DNSName.presentation(cut.name)) NS \(host)\(glue)"
            }
            if message.responseCode == .noError && !message.authority.isEmpty { return "NODATA aa" }
            return message.responseCode.mnemonic
        }
        let parts = message.answers.map { record -> String in
            switch record.data {
            case .cname(let target): "CNAME \(target)"
            default: "\(record.type.mnemonic) \(record.data.presentation)"
            }
        }
        return parts.joined(separator: ", ") + (message.authoritative ? " aa" : "")
            + (message.recursionAvailable ? " ra" : "")
    }

}
