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
