/// The network-layer and distributed demos (DNS, ARP, encapsulation, URL journey, gossip).
let netDemos: [any Demo.Type] = []

/// Their question generators.
let netQuestions: [any QuestionGenerator.Type] = []
