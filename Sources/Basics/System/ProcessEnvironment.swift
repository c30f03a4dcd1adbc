import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The process's environment, read one variable at a time.
///
/// `ProcessInfo.environment` copies every variable into a new dictionary on each call: three
/// calls were a twentieth of `netprep search`'s instructions (callgrind, built-in notes).
public enum ProcessEnvironment {
    /// The variable's value; nil when it is not set.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The variable's value when it is set and not empty.
    public static func nonEmpty(_ name: String) -> String? {
        value(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Those of `names` that are set, with their values.
    public static func values(_ names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = value(name) { values[name] = value }
        }
        return values
    }

    /// `HOME`, else the user's entry in the password database (which `NSHomeDirectory` reads
    /// every time: `/etc/nsswitch.conf` and `/etc/passwd`).
    public static var home: String {
        nonEmpty("HOME") ?? NSHomeDirectory()
    }

    /// The first executable file called `name` in a folder of `searchPath` (`PATH`, or
    /// `/usr/bin:/bin` when it is not set), as a shell finds it; nil when there is none.
    public static func executable(named name: String, searchPath: String? = nil) -> String? {
        let folders = searchPath ?? value("PATH") ?? "/usr/bin:/bin"
        for directory in folders.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
