import Models

/// The TCP demos, in the order `netprep demo list` shows them.
let tcpDemos: [any Demo.Type] = [
    StatesDemo.self,
    HandshakeDemo.self,
    TeardownDemo.self,
    ChecksumDemo.self,
    WindowDemo.self,
    RTODemo.self,
    CongestionDemo.self,
    FramingDemo.self,
    KeepaliveDemo.self,
    SelfConnectDemo.self,
]
