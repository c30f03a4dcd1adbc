@testable import Models

/// Figures of the application notes (http/, https-tls/, sessions-sso/, dns/, gossip/, quic/, url-journey/).
extension NoteFiguresTests {
    static let applicationFigures: [Figure] = []
}
