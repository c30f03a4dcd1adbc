/// Rows of text in fixed columns: how every demo lays out a table for the terminal.
///
/// Each column has a width and a side; a cell is padded to the width with spaces, and the
/// last column of a row, when it is left-aligned, is not padded at all (no trailing spaces).
/// What is longer than its column stays whole unless the column cuts it (`Overflow`).
public struct Table: Sendable {
    public enum Alignment: Sendable {
        case left, right
    }

    /// What a cell wider than its column becomes.
    public enum Overflow: Sendable {
        /// Kept whole: the row gets longer.
        case keep
        /// Cut to the width.
        case cut
        /// Cut to one less than the width, with `~` for what is missing.
        case mark
    }

    public struct Column: Sendable {
        public var title: String
        public var width: Int
        public var alignment: Alignment
        public var overflow: Overflow

        public init(_ title: String, _ width: Int, _ alignment: Alignment = .left, overflow: Overflow = .keep) {
            self.title = title
            self.width = width
            self.alignment = alignment
            self.overflow = overflow
        }
    }

    public var columns: [Column]
    /// Between two columns.
    public var gap: String
    /// Before every row.
    public var indent: String

    public init(_ columns: [Column], gap: String = "", indent: String = "") {
        self.columns = columns
        self.gap = gap
        self.indent = indent
    }

    /// The titles as a row.
    public var header: String { row(columns.map(\.title)) }

    /// One row; `style` paints a cell after it is padded (bold for a changed state), so colour
    /// codes never count toward the width.
    public func row(_ cells: [String], style: (Int, String) -> String = { $1 }) -> String {
        var line = indent
        for (index, cell) in cells.enumerated() {
            if index > 0 { line += gap }
            guard index < columns.count else {
                line += style(index, cell)
                continue
            }
            let column = columns[index]
            let isLast = index == cells.count - 1
            line += style(index, Self.fit(cell, column, pad: !isLast || column.alignment == .right))
        }
        return line
    }

    static func fit(_ text: String, _ column: Column, pad: Bool) -> String {
        var text = text
        if text.count > column.width {
            switch column.overflow {
            case .keep: return text
            case .cut: text = String(text.prefix(column.width))
            case .mark: text = String(text.prefix(max(column.width - 1, 0))) + "~"
            }
        }
        guard pad, text.count < column.width else { return text }
        let spaces = String(repeating: " ", count: column.width - text.count)
        return column.alignment == .left ? text + spaces : spaces + text
    }
}
