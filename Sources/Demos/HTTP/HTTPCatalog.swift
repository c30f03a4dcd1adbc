import Models

/// The HTTP demos, in the order `netprep demo list` shows them.
let httpDemos: [any Demo.Type] = [
    PageLoadDemo.self, HTTPMessageDemo.self, HTTPMethodsDemo.self, HTTP2FramesDemo.self, HPACKDemo.self,
]
