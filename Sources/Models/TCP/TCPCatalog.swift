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

/// The TCP question generators.
let tcpQuestions: [any QuestionGenerator.Type] = [
    RenoCwndQuestion.self,
    StateAfterEventQuestion.self,
    ChecksumWordsQuestion.self,
    HandshakeAckQuestion.self,
    RTONextQuestion.self,
    UsableWindowQuestion.self,
    KeepaliveDetectQuestion.self,
    TimeWaitEndQuestion.self,
    FramingRemainingQuestion.self,
]
