import Demos
import Models

/// The TLS live demos.
let tlsLiveDemos: [any LiveDemo.Type] = [TLSHandshakeLive.self]
