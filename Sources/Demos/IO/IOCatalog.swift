import Models

/// The I/O-model demos.
let ioDemos: [any Demo.Type] = [EventLoopDemo.self]
