import TriageCore

/// What a follower writes to: its source's decoder output and state, into the shared inbox.
///
/// Each follower owns its sink, so sanitizing and decoding run on the follower's own task, in
/// parallel across sources, and only the finished lines cross into the lock-protected inbox.
public struct LogSink: Sendable {
    public let source: LogSource
    public let inbox: LogInbox
    /// Wall clock for arrival stamps (tests inject a fixed one).
    public let now: @Sendable () -> LogTimestamp

    public init(source: LogSource, inbox: LogInbox, now: @escaping @Sendable () -> LogTimestamp = { .now() }) {
        self.source = source
        self.inbox = inbox
        self.now = now
    }

    public func lines(_ lines: [LogLine]) { inbox.append(lines, source: source.id) }

    public func state(_ state: LogSourceState) { inbox.setState(state, source: source.id) }
}
