import Basics

/// Text formatting shared by the TCP renderers and live demos.
public enum TCPText {
    /// Pads or cuts `text` to `width` characters, on the left when `right` is set.
    public static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        if text.count >= width { return String(text.prefix(width)) }
        let spaces = String(repeating: " ", count: width - text.count)
        return right ? spaces + text : text + spaces
    }

    /// Seconds with exactly three decimals: `1.050`.
    public static func seconds(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        let sign = millis < 0 ? "-" : ""
        let magnitude = abs(millis)
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    /// A number with up to `digits` decimals and no trailing zeros: `2.5`, `3`, `0.125`.
    public static func number(_ value: Double, digits: Int = 3) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// Four lower-case hex digits.
    public static func hex4(_ value: UInt16) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 4 - text.count) + text
    }

    /// A number drawn uniformly from `range`.
    static func draw(_ range: ClosedRange<Int>, _ random: inout SplitMix64) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }
}
