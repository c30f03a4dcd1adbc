/// The Web demos, in the order `netprep demo list` shows them.
let webDemos: [any Demo.Type] = [
    TLSHandshakeDemo.self,
    SessionDemo.self,
    CSRFDemo.self,
    JWTDemo.self,
    SSODemo.self,
]

/// The Web question generators.
let webQuestions: [any QuestionGenerator.Type] = [
    TLSRoundTripsQuestion.self,
    CSRFDefenceQuestion.self,
    JWTVerifyQuestion.self,
    SSONextStepQuestion.self,
]
