import ArgumentParser

/// A command's plain forms, read without ArgumentParser: its reflection over a command's options
/// costs more than the rest of a short command (README, "Start-up").
///
/// Plain means: each option a separate word followed by its value, flags alone, positional words
/// in their number. Anything else (`--help`, `--name=value`, `--`, an unknown option, a missing
/// value, a value that does not convert, one positional too many) makes the reader give up, and
/// ArgumentParser reads the whole line as usual, so help and errors are always its own. Values
/// convert by `ExpressibleByArgument`, as ArgumentParser converts them. Each command using it
/// takes its names and defaults from the same constants as its ArgumentParser declaration;
/// `KnowledgeBaseCLITests` holds the two readings to the same results.
struct QuickArguments {
    private(set) var flags: Set<String> = []
    private(set) var values: [String: String] = [:]
    private(set) var positionals: [String] = []

    /// - Parameters:
    ///   - flags: names with their dashes (`--json`); `GlobalOptions`' are always read.
    ///   - options: names that take a value (`--limit`), short ones included (`-l`); `GlobalOptions`'
    ///     are always read.
    ///   - aliases: short name to long name (`-l` to `--limit`).
    ///   - positionals: how many positional words the command takes.
    init?(
        _ arguments: [String], flags: Set<String>, options: Set<String>, aliases: [String: String] = [:],
        positionals: ClosedRange<Int>
    ) {
        let flags = flags.union(GlobalOptions.quickFlags)
        let options = options.union(GlobalOptions.quickOptions)
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let name = aliases[word] ?? word
            if flags.contains(name) {
                self.flags.insert(name)
            } else if options.contains(name) {
                index += 1
                guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                values[name] = arguments[index]
            } else if word.hasPrefix("-") {
                return nil
            } else {
                self.positionals.append(word)
            }
            index += 1
        }
        guard positionals.contains(self.positionals.count) else { return nil }
    }

    /// The option's value, converted; `fallback` when it was not given, nil when it does not convert.
    func value<Value: ExpressibleByArgument>(_ name: String, or fallback: Value) -> Value? {
        guard let text = values[name] else { return fallback }
        return Value(argument: text)
    }

    /// The option's value, converted: `.some(nil)` when it was not given, nil when it does not convert.
    func optionalValue<Value: ExpressibleByArgument>(_ name: String) -> Value?? {
        guard let text = values[name] else { return .some(nil) }
        return Value(argument: text).map { .some($0) }
    }
}
