/// A line and column in a config file, 1-based as the messages print them.
public struct ConfigPosition: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
