import Demos
import Testing

@Suite struct TableTests {
    @Test func cellsArePaddedCutOrKeptAndTheLastLeftCellIsNotPadded() {
        let table = Table(
            [.init("name", 6, overflow: .cut), .init("n", 4, .right), .init("note", 5, overflow: .mark), .init("end", 0)],
            gap: " ", indent: "> ")
        #expect(table.header == "> name      n note  end")
        #expect(table.row(["handshake", "3", "retransmitted", "x"]) == "> handsh    3 retr~ x")
        // A right-aligned number wider than its column stays whole.
        #expect(table.row(["a", "123456", "b", ""]) == "> a      123456 b     ")
        // Fewer cells: the last one given is not padded.
        #expect(table.row(["a", "1", "b"]) == "> a         1 b")
    }

    @Test func styleWrapsTheCellAfterPadding() {
        let table = Table([.init("a", 4), .init("b", 0)])
        let row = table.row(["x", "y"]) { index, cell in index == 0 ? "[\(cell)]" : cell }
        #expect(row == "[x   ]y")
    }
}
