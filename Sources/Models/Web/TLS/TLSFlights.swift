/// Counting the round trips of a `tls.handshake` trace.
enum TLSFlights {
    /// Round trips the client waits before its first application byte: each time a server
    /// message follows a client message, one round trip has passed.
    static func roundTrips(_ steps: [TLSHandshakeDemo.Step]) -> Int? {
        var count = 0
        var lastSender: String?
        for step in steps where step.kind != .compute {
            if step.side == "server" && lastSender == "client" { count += 1 }
            if step.side == "client" && (step.label.contains("application data") || step.label.contains("early data")) {
                return count
            }
            lastSender = step.side
        }
        return nil
    }

}
