import Basics
import GRDB
import Notes

/// The learner's saved preferences, one value per key (`netprep config`).
public enum Setting: String, Sendable, CaseIterable {
    /// The reader's language: `en` or `zh`.
    case lang
    /// The probability of recall at which a card falls due (`fsrs simulate` helps choose it).
    case retention
    /// The 21 FSRS-6 weights fitted to the learner's reviews (`fsrs optimize --save`).
    case parameters
}

extension AppDatabase {
    public func setting(_ key: Setting) throws -> String? {
        try value(forKey: key.rawValue)
    }

    /// Saves a value, or forgets it with nil.
    public func setSetting(_ key: Setting, to value: String?) throws {
        try setValue(value, forKey: key.rawValue)
    }

    /// What the built-in notes were last indexed from (`BuiltinContent`'s stamp), nil when
    /// they have not been, or were taken out.
    public func contentStamp() throws -> String? {
        try value(forKey: "builtin-content-stamp")
    }

    public func setContentStamp(_ stamp: String?) throws {
        try setValue(stamp, forKey: "builtin-content-stamp")
    }

    /// The `setting` table: the learner's preferences and netprep's own bookkeeping.
    ///
    /// Read by SQL, not `fetchOne(db, key:)`: every command reads the content stamp, and GRDB
    /// finds a table's primary key by reading the schema first, a sixth of a search's work.
    /// One statement needs no transaction of its own (`read` adds four around it).
    private func value(forKey key: String) throws -> String? {
        try writer.unsafeRead { db in
            try SettingRecord.fetchOne(db, sql: "SELECT key, value FROM setting WHERE key = ?", arguments: [key])?.value
        }
    }

    private func setValue(_ value: String?, forKey key: String) throws {
        try writer.write { db in
            if let value {
                try SettingRecord(key: key, value: value).insert(db, onConflict: .replace)
            } else {
                try SettingRecord.deleteOne(db, key: key)
            }
        }
    }
}

/// The language a reader reads in: asked for on the command line, else saved once with
/// `netprep config lang`, else the locale's (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`).
public struct ReaderLanguage: Sendable, Equatable {
    public var language: Language
    public var source: Source

    public enum Source: Sendable, Equatable {
        case option
        case saved
        /// The environment variable and its value.
        case locale(String, String)
        case fallback
    }

    public static func resolve(
        option: Language?, database: AppDatabase?, environment: [String: String]
    ) -> ReaderLanguage {
        if let option { return ReaderLanguage(language: option, source: .option) }
        if let saved = try? database?.setting(.lang), let language = Language(rawValue: saved) {
            return ReaderLanguage(language: language, source: .saved)
        }
        return fromLocale(environment)
    }

    /// The locale variables, in the order gettext reads them for messages.
    public static let localeVariables = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]

    /// The first locale variable set, in the order gettext reads them for messages.
    public static func fromLocale(_ environment: [String: String]) -> ReaderLanguage {
        for name in localeVariables {
            guard let value = environment[name], !value.isEmpty else { continue }
            let first = value.split(separator: ":").first.map(String.init) ?? value
            if first == "C" || first == "POSIX" || first.hasPrefix("C.") { continue }
            return ReaderLanguage(language: first.lowercased().hasPrefix("zh") ? .zh : .en, source: .locale(name, value))
        }
        return ReaderLanguage(language: .en, source: .fallback)
    }
}
