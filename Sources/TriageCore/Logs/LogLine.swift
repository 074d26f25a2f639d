/// One sanitized log line, stamped with where and when it came from.
public struct LogLine: Sendable, Hashable {
    public var source: LogSourceID
    /// Per-source sequence number, from 0, in arrival order; gaps never occur within a source.
    public var sequence: UInt64
    /// When triage read it (wall clock).
    public var arrival: LogTimestamp
    /// The source's own stamp (`--timestamps`), when it has one.
    public var timestamp: LogTimestamp?
    /// Safe text: through ``TerminalSanitizer``, timestamp prefix removed.
    public var text: String
    public var severity: LogSeverity

    public init(source: LogSourceID, sequence: UInt64, arrival: LogTimestamp, timestamp: LogTimestamp? = nil,
                text: String, severity: LogSeverity? = nil) {
        self.source = source
        self.sequence = sequence
        self.arrival = arrival
        self.timestamp = timestamp
        self.text = text
        self.severity = severity ?? LogSeverity.detect(text)
    }

    /// The time to order and show the line by: the source's stamp when present, else arrival.
    public var effectiveTime: LogTimestamp { timestamp ?? arrival }
}
