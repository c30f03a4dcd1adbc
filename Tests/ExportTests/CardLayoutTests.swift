import Store
import Testing

@testable import Anki
@testable import Export

@Test func deckIsTheTopFolderThenTheNoteTitle() {
    let note = ExportNote(
        key: "tcp.congestion", title: "Congestion control", file: "/c/en/tcp/congestion.md", root: "/c/en", tags: [],
        indexedAt: 0)
    #expect(CardLayout.deckName(for: note) == "netprep::TCP::Congestion control")
    var loose = note
    loose.file = "/notes/mine.md"
    loose.root = "/notes"
    loose.key = "mine"
    loose.title = "A::B"
    #expect(CardLayout.deckName(for: loose) == "netprep::A:B")
    #expect(CardLayout.folderLabel("https-tls") == "HTTPS TLS")
    #expect(CardLayout.folderLabel("url-journey") == "URL Journey")
}

@Test func guidIsStableAndDiffersPerCard() {
    let first = CardLayout.guid(forCardID: "tcp.handshake#why-three")
    #expect(first == CardLayout.guid(forCardID: "tcp.handshake#why-three"))
    #expect(first != CardLayout.guid(forCardID: "tcp.handshake#why-four"))
    #expect(first.count <= 10 && !first.contains(" ") && !first.contains("\t") && !first.contains("\""))
}

@Test func clozeNumbersAreDistinctAndSorted() {
    #expect(CardLayout.clozeNumbers(in: "{{c2::b}} {{c1::a::hint}} {{c2::c}} {{cx::no}} {{c3:no}}") == [1, 2])
}

@Test func tagsLoseInnerSpacesAndDuplicates() {
    let note = ExportNote(key: "k", title: "t", file: "f", root: "", tags: ["congestion control", "TCP", "tcp"], indexedAt: 0)
    #expect(CardLayout.tags(for: note) == ["congestion_control", "TCP"])
}

@Test func sha1MatchesFIPSExamples() {
    #expect(FieldChecksum.sha1(Array("abc".utf8)) == [0xA999_3E36, 0x4706_816A, 0xBA3E_2571, 0x7850_C26C, 0x9CD0_D89D])
    #expect(FieldChecksum.sha1([]) == [0xDA39_A3EE, 0x5E6B_4B0D, 0x3255_BFEF, 0x9560_1890, 0xAFD8_0709])
}

@Test func aLanguageFolderIsNotTheTopicFolder() {
    let note = ExportNote(
        key: "tcp.states", title: "TCP states", file: "/c/content/zh/tcp/states.md", root: "/c/content", tags: [],
        indexedAt: 0)
    #expect(note.topFolder == "tcp")
    #expect(CardLayout.deckName(for: note) == "netprep::TCP::TCP states")
}
