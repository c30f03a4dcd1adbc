import Basics
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's terminal: whether there is one, its size, colour, raw mode and key input.
enum Terminal {
    /// Both stdin and stdout are terminals: the interactive quiz can run.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Colour only on a terminal, never with NO_COLOR set or TERM=dumb (`Console` decides).
    static var colorEnabled: Bool { Console.useColor }

    /// Columns and rows of the terminal (80 x 24 when unknown).
    static func size() -> (width: Int, height: Int) {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            return (Int(size.ws_col), Int(size.ws_row))
        }
        return (80, 24)
    }

    /// Writes straight to stdout (no buffering, so pipes see each line at once).
    static func write(_ text: String) {
        var data = Array(text.utf8)
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeMutableBytes { buffer in
                Glibc.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// Raw mode for the lifetime of the value: no echo, no line buffering, no signals from keys.
final class RawMode {
    private var original = termios()
    private var active = false

    init() throws {
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { throw TerminalError.notATerminal }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { throw TerminalError.notATerminal }
        active = true
    }

    func restore() {
        guard active else { return }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
        active = false
    }

    deinit { restore() }
}

enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    var description: String { "stdin is not a terminal" }
}

/// A key press.
enum Key: Equatable {
    case character(Character)
    case enter
    case backspace
    case escape
    case up
    case down
    case pageUp
    case pageDown
    case interrupt
    case endOfInput
}

/// Reads keys from stdin in raw mode, decoding UTF-8 and the common escape sequences.
struct KeyReader {
    private var pending: [UInt8] = []

    /// The next key, or nil when none came within `timeoutMilliseconds`.
    mutating func next(timeoutMilliseconds: Int32) -> Key? {
        if pending.isEmpty {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, timeoutMilliseconds)
            if ready <= 0 { return nil }
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count <= 0 { return count == 0 ? .endOfInput : nil }
            pending += buffer[0..<count]
        }
        return decode()
    }

    private mutating func decode() -> Key? {
        let byte = pending.removeFirst()
        switch byte {
        case 3: return .interrupt
        case 4: return .endOfInput
        case 13, 10: return .enter
        case 127, 8: return .backspace
        case 27:
            if pending.first == UInt8(ascii: "[") || pending.first == UInt8(ascii: "O") {
                pending.removeFirst()
                var sequence: [UInt8] = []
                while let next = pending.first {
                    pending.removeFirst()
                    sequence.append(next)
                    if next >= 0x40 && next <= 0x7E { break }
                }
                switch sequence {
                case [UInt8(ascii: "A")]: return .up
                case [UInt8(ascii: "B")]: return .down
                case [UInt8(ascii: "5"), UInt8(ascii: "~")]: return .pageUp
                case [UInt8(ascii: "6"), UInt8(ascii: "~")]: return .pageDown
                default: return nil
                }
            }
            return .escape
        default:
            var bytes = [byte]
            let length = UTF8Scalar.width(lead: byte)
            while bytes.count < length, !pending.isEmpty { bytes.append(pending.removeFirst()) }
            if let text = String(bytes: bytes, encoding: .utf8), let character = text.first {
                return .character(character)
            }
            return nil
        }
    }
}
