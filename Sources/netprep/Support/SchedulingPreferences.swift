import Foundation
import Scheduler
import Store

/// The learner's scheduling choices, saved with their reviews: FSRS-6 weights fitted to them
/// (`fsrs optimize --save`) and a desired retention (`config retention`, `quiz --retention`).
/// The quiz, `review`, interval previews, `stats` and the Anki export all schedule with them.
enum SchedulingPreferences {
    /// The saved weights, or the reference's defaults when none are saved. A saved value that
    /// no longer reads is reported once and ignored.
    static func parameters(_ database: AppDatabase) -> FSRSParameters {
        guard let text = try? database.setting(.parameters) else { return .default }
        do {
            return try FSRSParameters(parsing: text)
        } catch {
            Console.warn(
                "the saved FSRS parameters are unusable (\(error)); using the defaults. "
                    + "Run 'netprep fsrs optimize --save' or 'netprep config parameters default'.")
            return .default
        }
    }

    /// The saved desired retention, or 0.9.
    static func retention(_ database: AppDatabase) -> Double {
        guard let text = try? database.setting(.retention) else { return 0.9 }
        guard let value = Double(text), value > 0, value < 1 else {
            Console.warn("the saved retention '\(text)' is unusable; using 0.9. Set it with 'netprep config retention 0.9'.")
            return 0.9
        }
        return value
    }

    /// The scheduler's settings: saved weights and retention, `retention` overriding the saved one.
    static func configuration(_ database: AppDatabase, retention: Double? = nil) throws -> SchedulerConfiguration {
        try SchedulerConfiguration(
            parameters: parameters(database), desiredRetention: retention ?? self.retention(database))
    }

    static func scheduler(_ database: AppDatabase, retention: Double? = nil) throws -> Scheduler {
        Scheduler(configuration: try configuration(database, retention: retention))
    }
}
