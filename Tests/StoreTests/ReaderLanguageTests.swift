import Basics
import Foundation
import Notes
import Testing

@testable import Store

@Suite struct ReaderLanguageTests {
    @Test func theLocaleDecidesUnlessSavedOrAsked() throws {
        #expect(ReaderLanguage.fromLocale(["LANG": "zh_CN.UTF-8"]).language == .zh)
        #expect(ReaderLanguage.fromLocale(["LANG": "en_GB.UTF-8"]).language == .en)
        #expect(ReaderLanguage.fromLocale(["LANGUAGE": "zh_TW:en", "LANG": "en_US.UTF-8"]).language == .zh)
        #expect(ReaderLanguage.fromLocale(["LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"]).language == .zh)
        #expect(ReaderLanguage.fromLocale([:]) == ReaderLanguage(language: .en, source: .fallback))
        let database = try AppDatabase.inMemory()
        #expect(
            ReaderLanguage.resolve(option: nil, database: database, environment: ["LANG": "zh_CN.UTF-8"]).source
                == .locale("LANG", "zh_CN.UTF-8"))
        try database.setSetting(.lang, to: "en")
        #expect(
            ReaderLanguage.resolve(option: nil, database: database, environment: ["LANG": "zh_CN.UTF-8"])
                == ReaderLanguage(language: .en, source: .saved))
        #expect(ReaderLanguage.resolve(option: .zh, database: database, environment: [:]).language == .zh)
        try database.setSetting(.lang, to: nil)
        #expect(try database.setting(.lang) == nil)
    }

    @Test func searchListsATopicOnceInTheReadersLanguage() throws {
        let database = BuiltinContentTests.database
        for reader in Language.allCases {
            for query in ["握手", "handshake", "三次握手", "TCP", "拥塞控制", "TIME_WAIT"] {
                let hits = try database.search(query, limit: 10, reader: reader)
                #expect(Set(hits.map(\.id)).count == hits.count, "\(query): a topic twice")
                let both = try database.search(query, limit: 40)
                for hit in hits where hit.lang != reader {
                    // The other language's copy only where the reader's copy does not match.
                    #expect(
                        !both.contains { $0.id == hit.id && $0.lang == reader }, "\(query): \(hit.id) in \(hit.lang)")
                }
            }
        }
        // The handshake note comes in the reader's language whichever language the query is in.
        #expect(try database.search("握手", limit: 5, reader: .en).contains { $0.id == "tcp.handshake" && $0.lang == .en })
        #expect(try database.search("handshake", limit: 5, reader: .zh).contains { $0.id == "tcp.handshake" && $0.lang == .zh })
        // Without a reader, both copies, as before.
        let all = try database.search("handshake", limit: 10)
        #expect(all.filter { $0.id == "tcp.handshake" }.count == 2)
    }
}
