import ArgumentParser
import Foundation
import Notes
import Store

/// `netprep config`: the learner's preferences, saved with their reviews.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or set your preferences (the language you read in).",
        discussion: """
            lang: the language of search results, notes, quizzes and exports: en, zh, or auto (the
            locale's: LANGUAGE, LC_ALL, LC_MESSAGES, LANG). A topic written in both languages
            shows in yours; the other copy only where it alone matches (search --all-langs lists
            both). --lang on a command overrides it.

            Examples:
              netprep config                # every setting and where it comes from
              netprep config lang zh
              netprep config lang auto
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The setting: lang.", valueName: "key"))
    var key: String?

    @Argument(help: ArgumentHelp("Its new value (auto forgets the saved one).", valueName: "value"))
    var value: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if let key, Setting(rawValue: key) == nil {
            throw ValidationError(
                "unknown setting '\(key)'; the settings are: \(Setting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let value, Language(rawValue: value) == nil, value != "auto" {
            throw ValidationError("lang is en, zh or auto, not '\(value)'")
        }
    }

    func run() throws {
        try reportingErrors {
            let database = try AppDatabase(path: global.databasePath)
            if let value {
                try database.setSetting(.lang, to: value == "auto" ? nil : value)
            }
            let reader = ReaderLanguage.resolve(option: nil, database: database, environment: ProcessInfo.processInfo.environment)
            let from: String
            switch reader.source {
            case .saved: from = "saved"
            case .locale(let name, let value): from = "from the locale, \(name)=\(value)"
            case .option, .fallback: from = "default"
            }
            if json {
                try Console.printJSON(["lang": reader.language.rawValue, "lang_source": from])
            } else {
                print("lang = \(reader.language.rawValue)  \(Console.dim("(\(from))"))")
            }
        }
    }
}
