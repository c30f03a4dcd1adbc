import Demos
import Models

/// The TCP live demos.
let tcpLiveDemos: [any LiveDemo.Type] = [
    CoalescingLive.self,
    TimeWaitLive.self,
    SelfConnectLive.self,
]
