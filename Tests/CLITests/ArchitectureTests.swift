import Foundation
import Testing

/// Every target imports only the targets `docs/architecture.md` lets it import.
@Suite struct ArchitectureTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The arrows table of docs/architecture.md: target -> targets it may import.
    static func arrows() throws -> [String: Set<String>] {
        let page = try String(contentsOf: checkout.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        let start = try #require(page.range(of: "<!-- arrows"))
        let end = try #require(page.range(of: "<!-- /arrows -->"))
        var arrows: [String: Set<String>] = [:]
        for line in page[start.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 4 else { continue }
            let target = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let allowed = cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            arrows[target] = Set(allowed)
        }
        return arrows
    }

    /// The targets of ours each source file imports, by target.
    static func imports() throws -> [String: Set<String>] {
        let sources = checkout.appendingPathComponent("Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !$0.hasPrefix(".") }
        var result: [String: Set<String>] = [:]
        for target in targets {
            var found: Set<String> = []
            let enumerator = FileManager.default.enumerator(atPath: sources.appendingPathComponent(target).path)
            while let file = enumerator?.nextObject() as? String {
                guard file.hasSuffix(".swift") else { continue }
                let text = try String(
                    contentsOf: sources.appendingPathComponent(target).appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init)
                    guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                        words[..<index].allSatisfy({ $0.hasPrefix("@") || ["public", "internal", "package"].contains($0) })
                    else { continue }
                    let module = words[index + 1]
                    if targets.contains(module) { found.insert(module) }
                }
            }
            result[target] = found
        }
        return result
    }

    @Test func everyTargetImportsOnlyWhatTheArchitecturePageAllows() throws {
        let arrows = try Self.arrows()
        let imports = try Self.imports()
        #expect(Set(arrows.keys) == Set(imports.keys), "docs/architecture.md must list every target in Sources/")
        for (target, used) in imports {
            let allowed = arrows[target] ?? []
            #expect(
                used.isSubset(of: allowed), "\(target) imports \(used.subtracting(allowed).sorted()) against docs/architecture.md"
            )
        }
    }

    @Test func theCheckSeesImportsAndTheTable() throws {
        // The check bites: Quiz imports Store, and the page lets it; Notes may not import Store.
        #expect(try Self.imports()["Quiz"]?.contains("Store") == true)
        #expect(try Self.arrows()["Notes"]?.contains("Store") == false)
        #expect(try Self.arrows()["netprep"]?.count ?? 0 >= 6)
    }
}
