/// The Web demos, in the order `netprep demo list` shows them.
let webDemos: [any Demo.Type] = []

/// The Web question generators.
let webQuestions: [any QuestionGenerator.Type] = []
