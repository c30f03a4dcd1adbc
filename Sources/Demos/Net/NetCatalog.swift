import Models

/// The network-layer and distributed demos (DNS, ARP, encapsulation, URL journey, gossip).
let netDemos: [any Demo.Type] = [
    ARPDemo.self, DNSResolveDemo.self, EncapsulationDemo.self, GossipDemo.self, URLJourneyDemo.self,
]
