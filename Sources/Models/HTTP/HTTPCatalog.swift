/// The HTTP question generators.
let httpQuestions: [any QuestionGenerator.Type] = [
    PageLoadRTTQuestion.self, MethodIdempotentQuestion.self, MethodSafeQuestion.self, ChunkedLengthQuestion.self,
    HTTP2FrameSizeQuestion.self, HTTP2FrameTypeQuestion.self, HPACKStaticIndexQuestion.self,
]
