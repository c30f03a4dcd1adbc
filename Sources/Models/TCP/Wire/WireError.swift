/// Bytes that do not parse as the header they should be.
public enum WireError: Error, Equatable, CustomStringConvertible {
    /// Fewer bytes than the header needs.
    case truncated(header: String, needed: Int, got: Int)
    /// A field holds a value the format forbids.
    case invalid(header: String, field: String, value: Int)

    public var description: String {
        switch self {
        case .truncated(let header, let needed, let got):
            return "\(header): needs \(needed) bytes, got \(got)"
        case .invalid(let header, let field, let value):
            return "\(header): \(field) cannot be \(value)"
        }
    }
}
