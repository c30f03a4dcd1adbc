import Demos
import Foundation
import Models
import Testing

@testable import LiveDemos

@Suite struct EventLoopLiveTests {
    @Test func oneThreadServesEveryConnection() async throws {
        let text = try await EventLoopLive.run(arguments: ["--connections", "50"], json: true, style: .plain)
        let result = try JSONDecoder().decode(EventLoopLive.Result.self, from: Data(text.utf8))
        #expect(result.connections == 50)
        #expect(result.served == 50)
        #expect(result.serverThreads == 1)
        #expect(try DemoCatalog.demo(named: EventLoopLive.name).name == LiveCatalog.demo(named: "io.event-loop")?.name)
    }
}
