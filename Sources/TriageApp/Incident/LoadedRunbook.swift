import TriageCore

/// A runbook as read for an incident: what it says, where it came from, and its content hash.
///
/// `path` and `hash` are what the incident stores (`Incident.runbookPath`, `.runbookHash`), so a
/// later session re-reads the same file and can tell when it changed underneath the incident.
public struct LoadedRunbook: Sendable, Equatable {
    public var runbook: Runbook
    /// An absolute file path, or `BuiltinRunbook.sourceName` ("builtin:service-outage").
    public var path: String
    /// SHA-256 of the file's bytes, 64 lower-case hex digits (see `ContentHash.sha256Hex`).
    public var hash: String

    public init(runbook: Runbook, path: String, hash: String) {
        self.runbook = runbook
        self.path = path
        self.hash = hash
    }
}
