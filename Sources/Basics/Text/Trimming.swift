extension StringProtocol {
    /// Without white space (any Unicode space or line break) at either end.
    ///
    /// Swift's own, where Foundation's `trimmingCharacters(in:)` goes through NSString: reading
    /// one small file with it cost a command a fifteenth of its start-up.
    public func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// Without spaces and tabs at the end.
    public func trimmingTrailingSpaces() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
