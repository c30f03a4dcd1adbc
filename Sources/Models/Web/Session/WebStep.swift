/// One event in a Web model: an HTTP message between two parties (with its exact bytes), or a
/// note about what a party does or knows.
public struct WebStep: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case request, response, note
    }
    public var kind: Kind
    /// Step number as the renderings show it, from 1.
    public var number: Int
    public var from: String
    public var to: String?
    /// `GET /account` or `302 Found`, or the note's text.
    public var label: String
    public var notes: [String]
    public var http: WebMessage?
    /// The exact message, hex: what the JSON promises for every message with a wire format.
    public var bytes: String?
}

/// Collects steps for a Web model and draws them as a ladder.
package struct WebTranscript {
    let parties: [String]
    private(set) var steps: [WebStep] = []

    init(parties: [String]) {
        self.parties = parties
    }

    mutating func request(_ from: String, _ to: String, _ message: WebMessage, notes: [String] = []) {
        append(.request, from, to, "\(message.method) \(message.target)", notes: notes, http: message)
    }

    mutating func response(_ from: String, _ to: String, _ message: WebMessage, notes: [String] = []) {
        let label = message.startLine.split(separator: " ").dropFirst().joined(separator: " ")
        append(.response, from, to, label, notes: notes, http: message)
    }

    mutating func note(_ party: String, _ text: String, _ notes: [String] = []) {
        append(.note, party, nil, text, notes: notes, http: nil)
    }

    private mutating func append(
        _ kind: WebStep.Kind, _ from: String, _ to: String?, _ label: String, notes: [String], http: WebMessage?
    ) {
        steps.append(
            WebStep(
                kind: kind, number: steps.count + 1, from: from, to: to, label: label, notes: notes, http: http,
                bytes: http.map { Hex.string($0.bytes) }))
    }

    /// Header fields worth showing under an arrow.
    package static let shownHeaders: Set<String> = [
        "cookie", "set-cookie", "location", "origin", "authorization", "www-authenticate", "referer",
    ]

}
