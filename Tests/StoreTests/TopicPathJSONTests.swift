import Foundation
import Testing

@testable import Store

@Suite struct TopicPathJSONTests {
    @Test(arguments: [
        [], [""], ["TCP", "三次握手"], ["a/b", "\"quoted\"", "back\\slash"], ["tab\there", "line\nbreak\r\n"],
        [String((0..<0x20).map { Character(Unicode.Scalar($0)) }) + "\u{7F}"], ["👨\u{200D}👩\u{200D}👧", "e\u{301}", "\u{2028}"],
    ])
    func writesWhatJSONEncoderWrites(path: [String]) throws {
        let expected = String(decoding: try JSONEncoder().encode(path), as: UTF8.self)
        #expect(TopicPathJSON.encode(path) == expected)
        #expect(try JSONDecoder().decode([String].self, from: Data(TopicPathJSON.encode(path).utf8)) == path)
    }
}
