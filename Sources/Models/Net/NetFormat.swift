import Foundation

/// Text helpers shared by the net renderers.
package enum NetFormat {
    /// 1234567 -> "1,234,567".
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A fixed-point number: `fixed(3.14159, 2)` -> "3.14".
    package static func fixed(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    /// A percentage of a fraction: 0.125 -> "12.5%".
    package static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        return value == value.rounded() ? "\(Int(value))%" : fixed(value, 1) + "%"
    }

    /// Right-aligns in `width` columns.
    package static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Left-aligns in `width` columns.
    package static func padRight(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// A hex dump, 16 bytes a line with offsets: fits in 80 columns.
    package static func hexDump(_ bytes: [UInt8], indent: String = "  ") -> [String] {
        stride(from: 0, to: bytes.count, by: 16).map { start in
            let line = bytes[start..<min(start + 16, bytes.count)]
            let groups = stride(from: line.startIndex, to: line.endIndex, by: 2).map { i in
                Hex.string(line[i..<min(i + 2, line.endIndex)])
            }
            let offset = String(start, radix: 16)
            return indent + String(repeating: "0", count: max(0, 4 - offset.count)) + offset + "  "
                + groups.joined(separator: " ")
        }
    }
}
