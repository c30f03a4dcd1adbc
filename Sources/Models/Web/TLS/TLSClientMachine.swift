/// The client's side of a TLS handshake as a state machine: which server message it may take
/// next and what it must do on receiving it (RFC 8446 §A.1 for TLS 1.3, RFC 5246 §7.3 for
/// TLS 1.2 full and abbreviated handshakes).
struct TLSClientMachine {
    enum Flow: Equatable, Sendable {
        /// TLS 1.3 with a certificate (RFC 8446 §2, figure 1).
        case full13
        /// TLS 1.3 with a PSK from an earlier session, with or without 0-RTT data (RFC 8446 §2.2, §2.3).
        case resumed13(earlyData: Bool)
        /// TLS 1.2 full handshake: ECDHE (RFC 8422) or RSA key transport (RFC 5246 §7.4.7.1).
        case full12(rsa: Bool)
        /// TLS 1.2 abbreviated handshake resuming a session id (RFC 5246 §7.3).
        case resumed12
    }

    enum State: String, Equatable, Sendable {
        case start, waitServerHello, waitEncryptedExtensions, waitCertificate, waitCertificateVerify
        case waitServerKeyExchange, waitServerHelloDone, waitChangeCipherSpec, waitFinished, connected, closed
    }

    enum Event: String, Equatable, Sendable {
        case serverHello, encryptedExtensions, certificate, certificateVerify, serverKeyExchange
        case serverHelloDone, changeCipherSpec, finished
    }

    enum Action: Equatable, Sendable {
        /// Send ClientHello; with 0-RTT data right behind it.
        case sendClientHello(earlyData: Bool)
        /// Build and validate the certificate chain; abort with an alert if it fails.
        case validateCertificateChain
        /// Check the server's signature (CertificateVerify or ServerKeyExchange) with the leaf key.
        case verifyServerSignature
        /// TLS 1.2 full: send ClientKeyExchange, ChangeCipherSpec and Finished.
        case sendKeyExchangeAndFinished
        /// Check the server's Finished MAC.
        case verifyServerFinished
        /// Send the client's Finished (after ChangeCipherSpec in 1.2, after EndOfEarlyData with 0-RTT).
        case sendFinished
        /// Application data may flow both ways.
        case connected
    }

    let flow: Flow
    private(set) var state: State = .start

    init(flow: Flow) {
        self.flow = flow
    }

    mutating func start() throws -> [Action] {
        guard state == .start else { throw DemoError.impossible("the client has already sent its ClientHello") }
        state = .waitServerHello
        if case .resumed13(let earlyData) = flow { return [.sendClientHello(earlyData: earlyData)] }
        return [.sendClientHello(earlyData: false)]
    }

    /// The client gives up (a certificate it cannot accept): no further message is expected.
    mutating func abort() {
        state = .closed
    }

    mutating func receive(_ event: Event) throws -> [Action] {
        switch (state, event, flow) {
        case (.waitServerHello, .serverHello, .full13), (.waitServerHello, .serverHello, .resumed13):
            state = .waitEncryptedExtensions
            return []
        case (.waitServerHello, .serverHello, .full12):
            state = .waitCertificate
            return []
        case (.waitServerHello, .serverHello, .resumed12):
            state = .waitChangeCipherSpec
            return []
        case (.waitEncryptedExtensions, .encryptedExtensions, .full13):
            state = .waitCertificate
            return []
        case (.waitEncryptedExtensions, .encryptedExtensions, .resumed13):
            state = .waitFinished
            return []
        case (.waitCertificate, .certificate, .full13):
            state = .waitCertificateVerify
            return [.validateCertificateChain]
        case (.waitCertificate, .certificate, .full12(let rsa)):
            state = rsa ? .waitServerHelloDone : .waitServerKeyExchange
            return [.validateCertificateChain]
        case (.waitCertificateVerify, .certificateVerify, .full13):
            state = .waitFinished
            return [.verifyServerSignature]
        case (.waitServerKeyExchange, .serverKeyExchange, .full12):
            state = .waitServerHelloDone
            return [.verifyServerSignature]
        case (.waitServerHelloDone, .serverHelloDone, .full12):
            state = .waitChangeCipherSpec
            return [.sendKeyExchangeAndFinished]
        case (.waitChangeCipherSpec, .changeCipherSpec, .full12), (.waitChangeCipherSpec, .changeCipherSpec, .resumed12):
            state = .waitFinished
            return []
        case (.waitFinished, .finished, .full12):
            state = .connected
            return [.verifyServerFinished, .connected]
        case (.waitFinished, .finished, _):
            state = .connected
            return [.verifyServerFinished, .sendFinished, .connected]
        default:
            throw DemoError.impossible("a client in state \(state.rawValue) cannot take \(event.rawValue)")
        }
    }
}
