import Foundation

/// The images beside the notes that an `.apkg` carries in its media folder.
///
/// Anki keeps media in one flat folder and fields name a file by its bare name, so each image
/// gets a name of letters, digits, `.`, `-` and `_`, made unique when two notes' images share
/// a name. Images that are not on disk keep their URL (Anki shows them as missing).
package final class MediaFiles {
    /// Name in Anki's media folder and the file it comes from, in the order first seen.
    package private(set) var files: [(name: String, source: URL)] = []
    private var nameBySource: [String: String] = [:]
    private var usedNames: Set<String> = []

    package init() {}

    /// The media name for the image `url` of the note at `noteFile`, adding it when it exists.
    func name(forImage url: String, inNote noteFile: String) -> String? {
        let decoded = url.removingPercentEncoding ?? url
        let path = decoded.split(separator: "#", maxSplits: 1).first.map(String.init) ?? decoded
        guard !path.isEmpty else { return nil }
        let source =
            path.hasPrefix("/")
            ? URL(fileURLWithPath: path).standardizedFileURL
            : URL(fileURLWithPath: noteFile).deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
        if let name = nameBySource[source.path] { return name }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { return nil }
        let base = String(
            source.lastPathComponent.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        var name = base.isEmpty || base.hasPrefix(".") ? "image" + base : base
        if usedNames.contains(name.lowercased()) {
            name = "\(String(CardLayout.stableID(source.path), radix: 36))-\(name)"
        }
        usedNames.insert(name.lowercased())
        nameBySource[source.path] = name
        files.append((name, source))
        return name
    }
}
