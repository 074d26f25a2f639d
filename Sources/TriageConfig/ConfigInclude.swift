/// One file a configuration pulls in with `include:`, with the place of that entry, so a file that
/// cannot be read or would be read twice is reported where it was named.
public struct ConfigInclude: Sendable, Equatable {
    /// Resolved against the including file's directory.
    public var path: String
    /// The file that names it, and where.
    public var from: String
    public var line: Int
    public var column: Int

    public init(path: String, from: String, line: Int, column: Int) {
        self.path = path
        self.from = from
        self.line = line
        self.column = column
    }
}
