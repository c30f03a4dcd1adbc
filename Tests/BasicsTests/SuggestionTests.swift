import Testing

@testable import Basics

@Suite struct SuggestionTests {
    @Test func aSwapOfNeighboursIsOneEditAndCaseDoesNotCount() {
        #expect(Suggestion.editDistance(Array("tpc"), Array("tcp")) == 1)
        #expect(Suggestion.closest(to: "TPC", among: ["udp", "tcp", "http"]) == "tcp")
    }

    @Test func farCandidatesAreNotSuggested() {
        #expect(Suggestion.closest(to: "gossip", among: ["tcp", "udp"]) == nil)
        // Within a third of the typed length, at least two edits.
        #expect(Suggestion.closest(to: "tcp.handshak", among: ["tcp.handshake", "tcp.teardown"]) == "tcp.handshake")
        #expect(Suggestion.closest(to: "ab", among: ["xy"]) == "xy")
        #expect(Suggestion.closest(to: "abc", among: ["xyz"]) == nil)
    }

    @Test func tiesGoToTheAlphabeticallyFirst() {
        #expect(Suggestion.closest(to: "tcx", among: ["tcz", "tcy", "tca"]) == "tca")
        #expect(Suggestion.closest(to: "x", among: [String]()) == nil)
    }
}
