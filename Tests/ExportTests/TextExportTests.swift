import Foundation
import Store
import Testing

@testable import Anki
@testable import Export

@Test func csvStartsWithAnkiHeaderDirectivesAndQuotesHTML() throws {
    let fixture = try ExportFixture()
    let (text, summary) = AnkiText.render(try fixture.database.exportCards(ExportSelection()))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
        Array(lines.prefix(6)) == [
            "#separator:tab", "#html:true", "#guid column:1", "#notetype column:2", "#deck column:3", "#tags column:6",
        ])
    #expect(summary.notes == 5 && summary.skippedGenerated == 1)
    #expect(text.contains("\tCloze\tnetprep::TCP::TCP congestion control\t"))
    #expect(AnkiText.quoted("a \"b\"\tc") == "\"a \"\"b\"\"\tc\"")
    #expect(AnkiText.quoted("#guid") == "\"#guid\"")
    #expect(AnkiText.quoted("plain") == "plain")
}

@Test func markdownPagesBlankClozesAndListEveryFolder() throws {
    let fixture = try ExportFixture()
    let (files, summary) = PrintableMarkdown.render(try fixture.database.exportCards(ExportSelection()))
    #expect(Set(files.keys) == ["index.md", "tcp.md", "dns.md"])
    #expect(summary.notes == 5)
    let tcp = try #require(files["tcp.md"])
    #expect(tcp.contains("### 2. In slow start cwnd [...]; in congestion avoidance it grows by [how much]."))
    #expect(tcp.contains("In slow start cwnd **doubles every RTT**"))
    #expect(tcp.contains("> Demo: `netprep demo run tcp.congestion --loss 0.1`"))
    #expect(files["index.md"] == "# netprep cards\n\n- [DNS](dns.md): 2 cards\n- [TCP](tcp.md): 3 cards\n")
}

@Test func aMissingFolderIsACannotWriteError() throws {
    let fixture = try ExportFixture()
    let cards = try fixture.database.exportCards(ExportSelection())
    let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/cards.txt")
    #expect(throws: ExportError.self) { try AnkiText.write(cards, to: url) }
    #expect(throws: ExportError.self) { try AnkiPackage(now: fixture.now).write(cards, to: url) }
}
