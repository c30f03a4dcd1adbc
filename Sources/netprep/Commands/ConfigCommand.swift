import ArgumentParser
import Basics
import Foundation
import Notes
import Scheduler
import Store

/// `netprep config`: the learner's preferences, saved with their reviews.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", _superCommandName: Netprep.name,
        abstract: "Show or set your preferences (language, desired retention, FSRS parameters).",
        discussion: """
            lang: the language of search results, notes, quizzes and exports:
            en, zh, or auto (the locale's: LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
            A topic written in both languages shows in yours; the other copy only
            where it alone matches (search --all-langs lists both). --lang on a
            command overrides it.
            retention: the probability of recall at which a card falls due,
            between 0 and 1, or default (0.9). 'netprep fsrs simulate' shows what
            each costs; quiz --retention overrides it once.
            parameters: the 21 FSRS-6 weights, comma-separated, or default.
            'netprep fsrs optimize --save' fits and saves them.

            Examples:
              netprep config                # every setting and where it comes from
              netprep config lang zh
              netprep config lang auto
              netprep config retention 0.85
              netprep config parameters default
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The setting: lang, retention or parameters.", valueName: "key"))
    var key: String?

    @Argument(help: ArgumentHelp("Its new value (auto or default forgets the saved one).", valueName: "value"))
    var value: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if let key, Setting(rawValue: key) == nil {
            throw ValidationError(
                "unknown setting '\(key)'; the settings are: \(Setting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let value, let key = key.flatMap(Setting.init(rawValue:)) else { return }
        switch key {
        case .lang:
            if Language(rawValue: value) == nil, value != "auto" {
                throw ValidationError("lang is en, zh or auto, not '\(value)'")
            }
        case .retention:
            if value != "default", !((Double(value) ?? 0) > 0 && (Double(value) ?? 1) < 1) {
                throw ValidationError("retention is a number between 0 and 1 such as 0.9, or default; not '\(value)'")
            }
        case .parameters:
            if value != "default" {
                do { _ = try FSRSParameters(parsing: value) } catch { throw ValidationError(error.description) }
            }
        }
    }

    func run() throws {
        try reportingErrors {
            let database = try AppDatabase(path: global.databasePath)
            if let value, let key = key.flatMap(Setting.init(rawValue:)) {
                let forgets = value == "auto" || value == "default"
                let stored = key == .parameters && !forgets ? try FSRSParameters(parsing: value).description : value
                try database.setSetting(key, to: forgets ? nil : stored)
            }
            let reader = ReaderLanguage.resolve(
                option: nil, database: database, environment: ProcessEnvironment.values(ReaderLanguage.localeVariables))
            let from: String
            switch reader.source {
            case .saved: from = "saved"
            case .locale(let name, let value): from = "from the locale, \(name)=\(value)"
            case .option, .fallback: from = "default"
            }
            let retention = try database.setting(.retention)
            let parameters = try database.setting(.parameters)
            if json {
                try Console.printJSON(
                    Report(
                        lang: reader.language.rawValue, langSource: from,
                        retention: SchedulingPreferences.retention(database),
                        retentionSource: retention == nil ? "default" : "saved",
                        parameters: SchedulingPreferences.parameters(database).weights,
                        parametersSource: parameters == nil ? "default" : "saved"))
            } else {
                let weights = SchedulingPreferences.parameters(database).weights.map { String(format: "%.4f", $0) }
                let lines: [Setting: String] = [
                    .lang: "lang = \(reader.language.rawValue)  \(Console.dim("(\(from))"))",
                    .retention:
                        "retention = \(SchedulingPreferences.retention(database))  "
                        + Console.dim(retention == nil ? "(default)" : "(saved)"),
                    .parameters:
                        "parameters = \(weights.joined(separator: ","))  "
                        + Console.dim(parameters == nil ? "(FSRS-6 defaults)" : "(saved)"),
                ]
                // One setting when one was named, else all of them.
                for setting in key.flatMap(Setting.init(rawValue:)).map({ [$0] }) ?? Setting.allCases {
                    print(lines[setting]!)
                }
            }
        }
    }
}

extension ConfigCommand {
    struct Report: Encodable {
        var lang: String
        var langSource: String
        var retention: Double
        var retentionSource: String
        var parameters: [Double]
        var parametersSource: String

        enum CodingKeys: String, CodingKey {
            case lang, retention, parameters
            case langSource = "lang_source"
            case retentionSource = "retention_source"
            case parametersSource = "parameters_source"
        }
    }
}
