import Foundation
import FuzzDriver
import Notes

/// Any bytes as a Markdown note: a note with warnings or a clear error, never a crash or a hang.
@_cdecl("FuzzNotes_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = data ?? UnsafePointer(emptyInput)
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let note = try NoteParser().parse(bytes: bytes, file: "fuzz.md", defaultID: "fuzz")
        // Every card's id and line must be usable: ids non-empty, lines within the file (a line
        // ends at LF, CR LF or a lone CR, as CommonMark reads them).
        var lines = 1
        for (index, byte) in bytes.enumerated()
        where byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
            lines += 1
        }
        for card in note.cards where card.id.isEmpty || card.line < 1 || card.line > lines {
            fatalError("card \(card.id) at line \(card.line) of a \(lines)-line note")
        }
    } catch {
        // A clear error (not UTF-8, binary) is the right answer for such bytes.
        _ = String(describing: error)
    }
    return 0
}

private let emptyInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
