/// What a timeline event records; the raw values are stable (database, JSON exports).
public enum TimelineKind: String, Sendable, Codable, CaseIterable {
    case tick
    case untick
    case note
    case severity
    case status
    case commander
    case ack
    /// A service, container or pod went down or came back (recorded automatically).
    case probe
    /// A runbook command was run, with its exit status and first lines of output.
    case command
    /// A timer crossed: response target missed, status update due, escalation due.
    case timer
    /// A status update, resolution notice or post-mortem was issued.
    case export
    /// A notifier ran (`notify:`): its name, the event, its exit status and first lines of output.
    case notify
}
