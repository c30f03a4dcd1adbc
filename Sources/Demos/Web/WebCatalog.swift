import Models

/// The Web demos, in the order `netprep demo list` shows them.
let webDemos: [any Demo.Type] = [
    TLSHandshakeDemo.self,
    SessionDemo.self,
    CSRFDemo.self,
    JWTDemo.self,
    SSODemo.self,
]
