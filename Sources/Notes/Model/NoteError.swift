/// Why a file could not be read as a note at all. Nothing is imported from such a file and
/// nothing already indexed from it is touched.
public enum NoteError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not UTF-8; `line` is where the first bad byte sits.
    case invalidUTF8(file: String, line: Int)
    /// The file holds NUL bytes: a binary file with a Markdown name.
    case binary(file: String)

    public var description: String {
        switch self {
        case .invalidUTF8(let file, let line):
            return "\(file):\(line): skipped: not valid UTF-8 (convert it with iconv, e.g. iconv -f GBK -t UTF-8)"
        case .binary(let file):
            return "\(file): skipped: binary file, not Markdown"
        }
    }
}
