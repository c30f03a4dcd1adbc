import Foundation

/// Failures of an export that a person can act on.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    /// The file or folder could not be written (no space, no permission, a folder in the way).
    case cannotWrite(path: String, reason: String)
    /// A package to import could not be read.
    case cannotRead(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason); check that the folder is writable and has space, or choose another --out"
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        }
    }

    /// Runs `body`, turning any failure into `cannotWrite(path:)`.
    package static func writing<T>(_ path: String, _ body: () throws -> T) throws(ExportError) -> T {
        do {
            return try body()
        } catch let error as ExportError {
            throw error
        } catch let error as CocoaError {
            let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription
            throw .cannotWrite(path: path, reason: underlying ?? error.localizedDescription)
        } catch {
            throw .cannotWrite(path: path, reason: String(describing: error))
        }
    }
}
