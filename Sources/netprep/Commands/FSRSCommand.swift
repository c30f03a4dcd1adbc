import ArgumentParser
import Benchmarks
import Foundation
import Scheduler

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `netprep fsrs`: the FSRS-6 scheduler on its own: replaying review histories, and its speed.
struct FSRSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsrs", _superCommandName: Netprep.name,
        abstract: "Fit FSRS-6 to your reviews, simulate workloads, replay histories.",
        discussion: """
            The scheduler computes what the reference py-fsrs 6.x computes with fuzzing off.

            Examples:
              netprep fsrs optimize --save
              netprep fsrs simulate --retention 0.8:0.95:0.05
              netprep fsrs replay revlog.csv
              netprep fsrs replay revlog.csv --json --desired-retention 0.85 --learning-steps 1m,10m,1h
              netprep fsrs replay revlog.csv --learning-steps '' --relearning-steps ''
              netprep fsrs bench --steps 10000000
            """,
        subcommands: [Optimize.self, Simulate.self, Replay.self, Bench.self]
    )

    /// Prints `netprep: message` on stderr and gives the exit status for a failure (1).
    static func failure(_ message: String) -> ExitCode {
        try? FileHandle.standardError.write(contentsOf: Data("netprep: \(message)\n".utf8))
        return .failure
    }
}

extension FSRSCommand {
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Replay each card's reviews from a review history CSV and print the card after each.",
            discussion: """
                FILE (or - for standard input) is a CSV whose header names at least card_id,
                review_time (milliseconds since the Unix epoch, UTC) and review_rating (1 again,
                2 hard, 3 good, 4 easy), the format of the FSRS optimizer tools; other columns are
                ignored and rows may come in any order. Each card starts new at its first review
                and its reviews are replayed in time order, never fuzzed.

                Prints one line per row, in the file's order: the card's state (learning, review
                or relearning), step (none in review), stability (days), difficulty (1 to 10) and
                due time (milliseconds since the epoch) after that review. With --json, JSON Lines:
                {"card_id": Int, "review_time": Int, "rating": Int, "state": String,
                 "step": Int or null, "stability": Number, "difficulty": Number, "due": Int}

                Examples:
                  netprep fsrs replay revlog.csv
                  netprep fsrs replay revlog.csv --json --maximum-interval 365
                  netprep fsrs replay revlog.csv --parameters 0.212,1.2931,2.3065,...,0.1542
                """
        )

        @Argument(help: "The review history CSV, or - for standard input.")
        var file: String

        @Flag(help: "Print JSON Lines instead of a table.")
        var json = false

        @Option(help: "The probability of recall at which a card falls due, between 0 and 1.")
        var desiredRetention = 0.9

        @Option(help: "Learning steps, as a comma-separated list of durations in s, m, h or d ('' for none).")
        var learningSteps = "1m,10m"

        @Option(help: "Relearning steps, in the same form ('' for none).")
        var relearningSteps = "10m"

        @Option(help: "The longest interval, in days.")
        var maximumInterval = 36500

        @Option(help: "The 21 FSRS-6 weights w0,...,w20 (default: the reference's).")
        var parameters: String?

        func validate() throws {
            _ = try makeConfiguration()
        }

        func run() throws {
            let scheduler = Scheduler(configuration: try makeConfiguration())
            let records = try FSRSCommand.readHistory(file)
            let results = scheduler.replay(records)
            if json {
                for result in results { print(Self.jsonLine(result)) }
            } else {
                printTable(results)
            }
        }

        private func makeConfiguration() throws -> SchedulerConfiguration {
            do {
                return try SchedulerConfiguration(
                    parameters: parameters.map(FSRSParameters.init(parsing:)) ?? .default,
                    desiredRetention: desiredRetention,
                    learningSteps: SchedulerConfiguration.parseSteps(learningSteps),
                    relearningSteps: SchedulerConfiguration.parseSteps(relearningSteps),
                    maximumInterval: maximumInterval,
                    enableFuzzing: false
                )
            } catch {
                throw ValidationError(error.description)
            }
        }

        private static func jsonLine(_ result: ReplayedReview) -> String {
            let card = result.card
            let step = card.step.map(String.init) ?? "null"
            return "{\"card_id\":\(result.record.cardID),\"review_time\":\(result.record.reviewTime),"
                + "\"rating\":\(result.record.rating.rawValue),\"state\":\"\(card.state)\",\"step\":\(step),"
                + "\"stability\":\(jsonNumber(card.stability)),\"difficulty\":\(jsonNumber(card.difficulty)),"
                + "\"due\":\(result.dueMilliseconds)}"
        }

        private static func jsonNumber(_ value: Double?) -> String {
            guard let value, value.isFinite else { return "null" }
            return "\(value)"
        }

        private func printTable(_ results: [ReplayedReview]) {
            let header = ["card_id", "review_time", "rating", "state", "step", "stability", "difficulty", "due"]
            let rows = results.map { result -> [String] in
                let card = result.card
                return [
                    "\(result.record.cardID)", "\(result.record.reviewTime)",
                    "\(result.record.rating.rawValue) \(result.record.rating)", card.state.rawValue,
                    card.step.map(String.init) ?? "-",
                    String(format: "%.4f", card.stability ?? .nan), String(format: "%.4f", card.difficulty ?? .nan),
                    "\(result.dueMilliseconds)",
                ]
            }
            var widths = header.map(\.count)
            for row in rows {
                for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
            }
            let leftAligned: Set<Int> = [2, 3]
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { column, cell in
                    let padding = String(repeating: " ", count: widths[column] - cell.count)
                    return leftAligned.contains(column) ? cell + padding : padding + cell
                }.joined(separator: "  ")
            }
            print(line(header))
            for row in rows { print(line(row)) }
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Time the scheduler: reviews scheduled per second on one core.",
            discussion: """
                Schedules --steps reviews of 1024 simulated cards (every rating, early, on time
                and late) with the default settings, in one run on one thread, and prints the rate
                by the wall clock and per second of the thread's CPU time (the two differ when
                other processes share the core).
                Only a release build gives a meaningful figure:
                  scripts/build-release.sh && .build/release/netprep fsrs bench
                """
        )

        @Option(help: "How many reviews to schedule.")
        var steps = 5_000_000

        @Option(help: "The seed of the simulated answers.")
        var seed: UInt64 = 1

        func validate() throws {
            guard steps > 0 else { throw ValidationError("--steps must be positive") }
        }

        func run() throws {
            #if DEBUG
                try? FileHandle.standardError.write(
                    contentsOf:
                        Data("netprep: note: a debug build; build with scripts/build-release.sh to measure\n".utf8))
            #endif
            let scheduler = Scheduler(configuration: .default)
            var checksum = 0.0
            let cpuBefore = Self.threadCPUSeconds()
            let elapsed = ContinuousClock().measure {
                checksum = scheduler.simulate(steps: steps, seed: seed)
            }
            let cpu = Self.threadCPUSeconds() - cpuBefore
            let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            func rate(_ seconds: Double) -> String { String(format: "%.2f", Double(steps) / seconds / 1e6) }
            print(
                "\(steps) steps in \(String(format: "%.3f", wall)) s (\(String(format: "%.3f", cpu)) s of CPU time): "
                    + "\(rate(wall)) million steps/s, \(rate(cpu)) million per CPU second on one core "
                    + "(checksum \(String(format: "%.6g", checksum)))"
            )
        }

        /// CPU time this thread has used, in seconds: on a shared machine the wall clock also
        /// counts the time other processes held the core.
        private static func threadCPUSeconds() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
        }
    }
}
