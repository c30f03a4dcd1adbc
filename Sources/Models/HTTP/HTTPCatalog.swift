/// The HTTP demos, in the order `netprep demo list` shows them.
let httpDemos: [any Demo.Type] = [
    PageLoadDemo.self, HTTPMessageDemo.self, HTTPMethodsDemo.self, HTTP2FramesDemo.self, HPACKDemo.self,
]

/// The HTTP question generators.
let httpQuestions: [any QuestionGenerator.Type] = [
    PageLoadRTTQuestion.self, MethodIdempotentQuestion.self, MethodSafeQuestion.self, ChunkedLengthQuestion.self,
    HTTP2FrameSizeQuestion.self, HTTP2FrameTypeQuestion.self, HPACKStaticIndexQuestion.self,
]
