/// The TCP demos, in the order `netprep demo list` shows them.
let tcpDemos: [any Demo.Type] = []

/// The TCP question generators.
let tcpQuestions: [any QuestionGenerator.Type] = []
