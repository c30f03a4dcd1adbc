import Foundation
import TestSupport
import Testing

/// `netprep serve` in a real browser: scripts/browser/test_pages.py drives headless Chromium
/// through Selenium over every page (search as you type, a note, the graph, a demo, a hostile
/// note, the quiz by keyboard, the stats) and says which of its checks failed.
@Suite struct BrowserTests {
    static let checkout = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test(
        .enabled(
            if: Checker.runs(Checker.python("selenium") && Checker.program("chromedriver")),
            "needs selenium and chromium-driver (scripts/deps.sh)"),
        .timeLimit(.minutes(5)))
    func pagesWorkInARealBrowser() throws {
        let script = Self.checkout.appendingPathComponent("scripts/browser/test_pages.py").path
        let result = try CLI.runProgram("python3", [script, "--netprep", CLI.binary.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
