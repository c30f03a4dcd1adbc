import Basics
import Yams

/// The YAML block between `---` lines at the top of a note.
struct FrontMatter: Equatable {
    var id: String?
    var title: String?
    var language: Language?
    var aliases: [String] = []
    var tags: [String] = []
    var prereq: [String] = []
    var related: [String] = []
    var demos: [String] = []
    var generate: [String] = []

    init() {}

    /// Reads front matter from the top of `source` and blanks its lines, so that line numbers
    /// of the body stay those of the file. Invalid YAML is a warning, never a failure.
    static func extract(from source: inout SourceText, file: String, warnings: inout [LintWarning]) -> FrontMatter {
        guard let first = source.lines.first, first.trimmingTrailingSpaces() == "---" else { return FrontMatter() }
        guard
            let end = source.lines.indices.dropFirst().first(where: {
                let line = source.lines[$0].trimmingTrailingSpaces()
                return line == "---" || line == "..."
            })
        else {
            warnings.append(
                LintWarning(file: file, line: 1, message: "front matter starts with '---' but never ends; read as Markdown"))
            return FrontMatter()
        }
        let yaml = source.lines[1..<end].joined(separator: "\n")
        for index in 0...end { source.lines[index] = "" }
        do {
            guard let loaded = try Yams.load(yaml: yaml) else { return FrontMatter() }
            guard let map = loaded as? [String: Any] else {
                warnings.append(LintWarning(file: file, line: 2, message: "front matter is not a YAML mapping; ignored"))
                return FrontMatter()
            }
            return FrontMatter(map: map, file: file, warnings: &warnings)
        } catch {
            let line = Self.line(of: error).map { $0 + 1 } ?? 2
            warnings.append(LintWarning(file: file, line: line, message: "front matter is not valid YAML; ignored"))
            return FrontMatter()
        }
    }

    /// Logseq page properties fill what the front matter leaves open: `title::`, `alias::`,
    /// `tags::` (comma-separated, `[[page]]` or `#tag` as Logseq writes them).
    mutating func adopt(pageProperties: [String: String]) {
        guard !pageProperties.isEmpty else { return }
        func list(_ value: String?) -> [String] {
            (value ?? "").split(separator: ",").map {
                var item = $0.trimmingSpaces()
                if item.hasPrefix("[["), item.hasSuffix("]]") { item = String(item.dropFirst(2).dropLast(2)) }
                if item.hasPrefix("#") { item = String(item.dropFirst()) }
                return item.trimmingSpaces()
            }.filter { !$0.isEmpty }
        }
        if title == nil, let value = pageProperties["title"], !value.isEmpty { title = value }
        if aliases.isEmpty { aliases = list(pageProperties["alias"] ?? pageProperties["aliases"]) }
        if tags.isEmpty { tags = list(pageProperties["tags"]) }
    }

    private static func line(of error: Error) -> Int? {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                return mark.line
            default:
                return nil
            }
        }
        return nil
    }

    private init(map: [String: Any], file: String, warnings: inout [LintWarning]) {
        id = Self.scalar(map["id"])
        title = Self.scalar(map["title"])
        if let lang = Self.scalar(map["lang"] ?? map["language"])?.lowercased() {
            if lang.hasPrefix("zh") || lang == "cn" {
                language = .zh
            } else if lang.hasPrefix("en") {
                language = .en
            } else {
                warnings.append(LintWarning(file: file, line: 2, message: "unknown lang '\(lang)'; expected en or zh"))
            }
        }
        aliases = Self.list(map["aliases"])
        tags = Self.list(map["tags"])
        prereq = Self.list(map["prereq"] ?? map["prerequisites"])
        related = Self.list(map["related"])
        demos = Self.list(map["demos"])
        generate = Self.list(map["generate"])
    }

    private static func scalar(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text.isEmpty ? nil : text
        case let number as Int: return String(number)
        case let number as Double: return String(number)
        case let flag as Bool: return String(flag)
        default: return nil
        }
    }

    private static func list(_ value: Any?) -> [String] {
        if let items = value as? [Any] { return items.compactMap { scalar($0) } }
        if let text = scalar(value) {
            return text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        }
        return []
    }
}
