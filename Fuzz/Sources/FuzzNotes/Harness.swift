import Foundation
import Notes

/// Any bytes as a Markdown note: a note with warnings or a clear error, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let note = try NoteParser().parse(bytes: bytes, file: "fuzz.md", defaultID: "fuzz")
        // Every card's id and line must be usable: ids non-empty, lines within the file.
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        for card in note.cards where card.id.isEmpty || card.line < 1 || card.line > lines {
            fatalError("card \(card.id) at line \(card.line) of a \(lines)-line note")
        }
    } catch {
        // A clear error (not UTF-8, binary) is the right answer for such bytes.
        _ = String(describing: error)
    }
    return 0
}
