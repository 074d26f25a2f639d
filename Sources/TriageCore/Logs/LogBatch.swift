/// What the hub hands the UI each frame: the lines since the last drain and every source's status.
public struct LogBatch: Sendable {
    /// New lines, in arrival order across sources.
    public var lines: [LogLine]
    public var sources: [LogSourceStatus]
    /// The hub's change counter when the batch was taken.
    public var version: UInt64

    public init(lines: [LogLine] = [], sources: [LogSourceStatus] = [], version: UInt64 = 0) {
        self.lines = lines
        self.sources = sources
        self.version = version
    }
}
