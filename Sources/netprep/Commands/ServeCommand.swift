import ArgumentParser
import Basics
import Foundation
import Store
import Web

/// `netprep serve`: the web app on loopback, over the same database as every other command.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", _superCommandName: Netprep.name,
        abstract: "Notes, graph, demos, quiz and stats in your browser, on 127.0.0.1.",
        discussion: """
            Serves only this machine (127.0.0.1), and only requests addressed to it.
            The command line keeps working on the same database meanwhile. Ctrl-C stops.

            Examples:
              netprep serve --open
              netprep serve --port 8080 --lang zh
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8484

    @Flag(help: "Open the app in your web browser (xdg-open).")
    var open = false

    @Option(help: ArgumentHelp("Pages in this language: en or zh (default: yours, netprep config).", valueName: "lang"))
    var lang: Language?

    @Option(name: .customLong("new"), help: "New cards a day in the quiz, as for netprep quiz.")
    var newPerDay: Int = 20

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if newPerDay < 0 { throw ValidationError("--new must be 0 or more") }
    }

    func run() async throws {
        let (database, settings) = try reportingErrors { () -> (AppDatabase, WebApp.Settings) in
            let database = try global.openDatabase()
            let settings = WebApp.Settings(
                language: GlobalOptions.readerLanguage(lang, database: database),
                scheduler: try SchedulingPreferences.scheduler(database), newPerDay: newPerDay, dot: GraphLayout.findDot())
            return (database, settings)
        }
        if settings.dot == nil {
            Console.note("Graphviz not found: the graph page shows a list (sudo apt-get install graphviz draws it)")
        }
        let open = self.open
        do {
            try await WebApp(database: database, settings: settings).run(port: port) { url in
                // Written at once, not buffered: a script waiting for the address reads it here.
                FileHandle.standardOutput.write(Data("netprep serve: \(url)  (Ctrl-C stops)\n".utf8))
                if open { Self.openBrowser(url) }
            }
        } catch {
            let text = "\(error)"
            if text.contains("Address already in use") || text.contains("EADDRINUSE") || text.contains("errno: 98") {
                Console.warn("port \(port) is in use: try netprep serve --port 0 (any free port)")
                throw ExitCode.failure
            }
            Console.warn("could not serve: \(text)")
            throw ExitCode.failure
        }
        print("netprep serve: stopped")
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            Console.note("could not start a browser; open \(url) yourself")
        }
    }
}
