import ArgumentParser
import Foundation
import Scheduler
import Store

extension FSRSCommand {
    /// Reads a review history CSV (or standard input for `-`), naming the file in every error.
    static func readHistory(_ file: String) throws -> [ReviewRecord] {
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard FileManager.default.fileExists(atPath: file) else { throw FSRSCommand.failure("no file named \(file)") }
            guard let data = FileManager.default.contents(atPath: file), let decoded = String(data: data, encoding: .utf8)
            else { throw FSRSCommand.failure("cannot read \(file) as UTF-8 text") }
            text = decoded
        }
        do {
            return try ReviewHistory.parse(csv: text, source: file == "-" ? "<stdin>" : file)
        } catch {
            throw FSRSCommand.failure(error.description)
        }
    }

    /// The learner's own answers as review-history rows: each card gets a number of its own.
    static func history(of database: AppDatabase) throws -> (records: [ReviewRecord], log: [ReviewStore.LoggedAnswer]) {
        let log = try ReviewStore(database).answerLog()
        var numbers: [String: Int64] = [:]
        let records = log.enumerated().compactMap { index, answer -> ReviewRecord? in
            guard let rating = Rating(rawValue: answer.rating) else { return nil }
            let number = numbers[answer.cardID] ?? Int64(numbers.count + 1)
            numbers[answer.cardID] = number
            return ReviewRecord(line: index + 1, cardID: number, reviewTime: answer.reviewedAt, rating: rating)
        }
        return (records, log)
    }

    struct DayOptions: ParsableArguments {
        @Option(help: "The time zone days are counted in, as an IANA name such as Asia/Shanghai (default: the system's).")
        var timezone: String?

        @Option(help: "The hour (0-23) at which a new day starts, as in Anki.")
        var nextDayStartsAt = 4

        func validate() throws {
            guard (0...23).contains(nextDayStartsAt) else { throw ValidationError("--next-day-starts-at must be 0 to 23") }
            if let timezone, TimeZone(identifier: timezone) == nil {
                throw ValidationError("unknown time zone '\(timezone)'; use an IANA name such as Europe/Berlin or UTC")
            }
        }

        var clock: ReviewDayClock {
            ReviewDayClock(timeZone: timezone.flatMap(TimeZone.init(identifier:)) ?? .current, nextDayStartsAt: nextDayStartsAt)
        }
    }

    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "optimize",
            abstract: "Fit the 21 FSRS-6 parameters to a review history (yours, or a CSV).",
            discussion: """
                Without FILE, fits your own reviews. FILE is a CSV as for 'fsrs replay':
                card_id, review_time (ms since the epoch, UTC), review_rating (1-4).
                Days are calendar days in --timezone starting at --next-day-starts-at,
                as Anki and the FSRS optimizer count them. The method is the reference
                optimizers': initial stabilities from first answers, then Adam on the
                log loss of predicted recall for five epochs.

                Prints the parameters with their log loss and RMSE(bins) next to the
                defaults' (lower is better). --save makes them yours: the quiz, review,
                stats and the Anki export schedule with them.

                --json prints one object: parameters (21 numbers), log_loss, rmse_bins,
                default_log_loss, default_rmse_bins, current_log_loss,
                current_rmse_bins, reviews, items, seconds, saved.

                Examples:
                  netprep fsrs optimize
                  netprep fsrs optimize --save
                  netprep fsrs optimize revlog.csv --timezone Asia/Shanghai --json
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A review history CSV, or - for standard input (default: your reviews).")
        var file: String?

        @OptionGroup var days: DayOptions

        @Flag(help: "Save the fitted parameters as yours.")
        var save = false

        @Flag(help: "Save even when they fit your history worse than your current ones.")
        var force = false

        @Flag(help: "Print one JSON object.")
        var json = false

        func run() throws {
            try reportingErrors {
                let started = ContinuousClock.now
                let database = try (file == nil || save) ? global.openDatabase() : nil
                let records = try file.map(FSRSCommand.readHistory) ?? FSRSCommand.history(of: database!).records
                let current = database.map(SchedulingPreferences.parameters) ?? .default
                let sequences = ReviewSequence.group(records, clock: days.clock)
                let result = try FSRSOptimizer().optimize(sequences, current: current)
                let defaults = result.defaults
                let elapsed = started.duration(to: .now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

                var saved = false
                if save, let database {
                    if result.fitted.logLoss > result.current.logLoss && !force {
                        throw FSRSCommand.failure(
                            "not saved: the fitted parameters predict your history worse than your current ones "
                                + "(log loss \(Self.format(result.fitted.logLoss)) against "
                                + "\(Self.format(result.current.logLoss))); --force saves them anyway")
                    }
                    try database.setSetting(.parameters, to: result.parameters.description)
                    saved = true
                }
                if json {
                    try Console.printJSON(
                        Report(
                            parameters: result.parameters.weights, logLoss: result.fitted.logLoss,
                            rmseBins: result.fitted.rmseBins, defaultLogLoss: defaults.logLoss,
                            defaultRmseBins: defaults.rmseBins, currentLogLoss: result.current.logLoss,
                            currentRmseBins: result.current.rmseBins, reviews: result.reviews, items: result.items,
                            seconds: seconds, saved: saved))
                    return
                }
                print(
                    "Fitted FSRS-6 to \(result.reviews) reviews (\(result.items) a day or more after the one before, "
                        + "\(sequences.count) cards) in \(String(format: "%.2f", seconds)) s.\n")
                var rows = [("defaults", defaults)]
                if current != .default { rows.append(("current", result.current)) }
                rows.append(("fitted", result.fitted))
                print("            log loss  RMSE(bins)")
                for (name, evaluation) in rows {
                    let label = name.padding(toLength: 10, withPad: " ", startingAt: 0)
                    print(
                        "  \(label)  \(Self.format(evaluation.logLoss))     \(String(format: "%5.2f%%", evaluation.rmseBins * 100))"
                    )
                }
                print("\nparameters: \(result.parameters.weights.map { String(format: "%.4f", $0) }.joined(separator: ","))")
                if saved {
                    print("Saved: the quiz, review, stats and the Anki export now schedule with them.")
                } else if file == nil {
                    print("Lower is better. 'netprep fsrs optimize --save' makes them yours.")
                }
            }
        }

        static func format(_ value: Double) -> String { String(format: "%.4f", value) }

        struct Report: Encodable {
            var parameters: [Double]
            var logLoss: Double
            var rmseBins: Double
            var defaultLogLoss: Double
            var defaultRmseBins: Double
            var currentLogLoss: Double
            var currentRmseBins: Double
            var reviews: Int
            var items: Int
            var seconds: Double
            var saved: Bool

            enum CodingKeys: String, CodingKey {
                case parameters, reviews, items, seconds, saved
                case logLoss = "log_loss"
                case rmseBins = "rmse_bins"
                case defaultLogLoss = "default_log_loss"
                case defaultRmseBins = "default_rmse_bins"
                case currentLogLoss = "current_log_loss"
                case currentRmseBins = "current_rmse_bins"
            }
        }
    }

    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulate",
            abstract: "Simulate your workload and memory for each desired retention.",
            discussion: """
                A simulated you learns --cards cards, --new-per-day a day, for --days
                days, with your FSRS parameters (saved by 'fsrs optimize --save', else
                the defaults) and, when your history has enough of them, your share of
                each answer and your time per review. For each desired retention it
                prints the reviews per day, the minutes per day (when your answers were
                timed) and the cards you would remember at the end.

                Choose one with 'netprep config retention 0.85', or for one session
                with 'netprep quiz --retention 0.85'. --json prints one object per
                retention, one per line.

                Examples:
                  netprep fsrs simulate
                  netprep fsrs simulate --retention 0.8:0.95:0.05 --days 180
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "Desired retentions to compare: FROM:TO:STEP, or a comma-separated list.")
        var retention = "0.70:0.95:0.05"

        @Option(help: "Days to simulate.")
        var days = 365

        @Option(help: "New cards a day.")
        var newPerDay = 20

        @Option(help: "Cards to learn in all (default: all your cards, at least 100).")
        var cards: Int?

        @Option(help: ArgumentHelp("Seed of the simulated answers.", visibility: .hidden))
        var seed: UInt64 = 1

        @Flag(help: "Print JSON Lines.")
        var json = false

        func validate() throws {
            _ = try retentions()
            guard (1...3650).contains(days) else { throw ValidationError("--days must be 1 to 3650") }
            guard newPerDay >= 1 else { throw ValidationError("--new-per-day must be at least 1") }
            if let cards, cards < 1 { throw ValidationError("--cards must be at least 1") }
        }

        func retentions() throws -> [Double] {
            let invalid = ValidationError("--retention takes FROM:TO:STEP or a list such as 0.8,0.85,0.9, each in (0, 1)")
            var values: [Double]
            let parts = retention.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 3 {
                guard let from = parts[0], let to = parts[1], let step = parts[2], step > 0, from <= to else { throw invalid }
                values = []
                var value = from
                while value <= to + step / 1000 {
                    values.append((value * 10_000).rounded() / 10_000)
                    value += step
                }
            } else {
                values = try retention.split(separator: ",").map {
                    guard let value = Double($0.trimmingCharacters(in: .whitespaces)) else { throw invalid }
                    return value
                }
            }
            guard !values.isEmpty, values.count <= 40, values.allSatisfy({ $0 > 0 && $0 < 1 }) else { throw invalid }
            return values
        }

        func run() throws {
            try reportingErrors {
                let database = try global.openDatabase()
                let parameters = SchedulingPreferences.parameters(database)
                let (records, log) = try FSRSCommand.history(of: database)
                let cardCount = try cards ?? max(100, ReviewStore(database).cardCount())
                var settings = LearnerSimulation.Settings(
                    newCards: cardCount, days: days, newPerDay: newPerDay, desiredRetention: 0.9)
                settings.seed = seed
                let habits = Habits(records: records, log: log)
                if let first = habits.firstOdds { settings.firstRatingOdds = first }
                if let recall = habits.recallOdds { settings.recallRatingOdds = recall }
                settings.firstSeconds = habits.firstSeconds
                settings.reviewSeconds = habits.reviewSeconds

                var rows: [Row] = []
                for retention in try retentions() {
                    settings.desiredRetention = retention
                    let days = LearnerSimulation(memory: parameters, schedule: parameters, settings: settings).run().days
                    let reviews = days.reduce(0) { $0 + $1.reviews + $1.introduced }
                    let seconds = days.reduce(0) { $0 + $1.seconds }
                    rows.append(
                        Row(
                            retention: retention, reviewsPerDay: Double(reviews) / Double(days.count),
                            minutesPerDay: settings.reviewSeconds == nil ? nil : seconds / 60 / Double(days.count),
                            remembered: days.last?.remembered ?? 0, introduced: days.reduce(0) { $0 + $1.introduced }))
                }
                if json {
                    for row in rows { try Console.printJSON(row) }
                    return
                }
                let source = parameters == .default ? "the default parameters" : "your fitted parameters"
                print(
                    "\(cardCount) cards, \(newPerDay) new a day, \(days) days, \(source)"
                        + (habits.known ? ", your answers" : "") + ":\n")
                let widest = rows.map(\.reviewsPerDay).max() ?? 1
                print("  retention  reviews/day  " + (rows[0].minutesPerDay == nil ? "" : "minutes/day  ") + "remembered")
                for row in rows {
                    let minutes = row.minutesPerDay.map { String(format: "%11.1f  ", $0) } ?? ""
                    let bar = String(repeating: "█", count: max(1, Int((row.reviewsPerDay / widest * 30).rounded())))
                    print(
                        String(format: "  %9.2f  %11.1f  ", row.retention, row.reviewsPerDay) + minutes
                            + String(format: "%10.0f  ", row.remembered) + Console.dim(bar))
                }
                print("\nEach bar is the reviews a day. Choose a retention with: netprep config retention 0.85")
            }
        }

        struct Row: Encodable {
            var retention: Double
            var reviewsPerDay: Double
            var minutesPerDay: Double?
            var remembered: Double
            var introduced: Int

            enum CodingKeys: String, CodingKey {
                case retention, remembered, introduced
                case reviewsPerDay = "reviews_per_day"
                case minutesPerDay = "minutes_per_day"
            }
        }

        /// What the learner's own history says of their answers, when it holds enough of them.
        struct Habits {
            var firstOdds: [Double]?
            var recallOdds: [Double]?
            var firstSeconds: [Double]?
            var reviewSeconds: [Double]?
            var known: Bool { firstOdds != nil || recallOdds != nil }

            init(records: [ReviewRecord], log: [ReviewStore.LoggedAnswer]) {
                var seen: Set<Int64> = []
                var first = [0.0, 0, 0, 0]
                var later = [0.0, 0, 0, 0]
                var firstTime = [0.0, 0, 0, 0]
                var laterTime = [0.0, 0, 0, 0]
                for (record, answer) in zip(records, log) {
                    let index = record.rating.rawValue - 1
                    let seconds = Double(answer.durationMs) / 1000
                    if seen.insert(record.cardID).inserted {
                        first[index] += 1
                        firstTime[index] += seconds
                    } else {
                        later[index] += 1
                        laterTime[index] += seconds
                    }
                }
                if first.reduce(0, +) >= 50 { firstOdds = first.map { max($0, 1) } }
                if later[1...].reduce(0, +) >= 50 { recallOdds = later[1...].map { max($0, 1) } }
                // Durations count only when every answer kind has some and they were timed.
                if first.allSatisfy({ $0 > 0 }) && later.allSatisfy({ $0 > 0 }) && firstTime.reduce(0, +) > 0 {
                    firstSeconds = zip(firstTime, first).map { $0 / $1 }
                    reviewSeconds = zip(laterTime, later).map { $0 / $1 }
                }
            }
        }
    }
}
