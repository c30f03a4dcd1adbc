/// The Web question generators.
let webQuestions: [any QuestionGenerator.Type] = [
    TLSRoundTripsQuestion.self,
    CSRFDefenceQuestion.self,
    JWTVerifyQuestion.self,
    SSONextStepQuestion.self,
]
