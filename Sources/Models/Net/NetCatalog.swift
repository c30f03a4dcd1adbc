/// Their question generators.
let netQuestions: [any QuestionGenerator.Type] = [
    ARPCacheHitQuestion.self, DNSCacheTTLQuestion.self, GossipRoundsQuestion.self, OverheadBytesQuestion.self,
    SubnetQuestion.self,
]
