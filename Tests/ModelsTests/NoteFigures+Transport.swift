@testable import Models

/// Figures of the transport and network notes (tcp/, udp/, osi/, basics/, ip/, arp-icmp/).
extension NoteFiguresTests {
    static let transportFigures: [Figure] = []
}
