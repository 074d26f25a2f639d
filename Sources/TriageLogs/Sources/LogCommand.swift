import TriageCore

/// A CLI that follows logs (`docker logs -f`, `kubectl logs -f`): which binary, which arguments for
/// a first start or a resume, and how long one run may last before it is restarted.
public protocol LogCommand: Sendable {
    /// Binary name or absolute path (resolved once by the process runner).
    var executable: String { get }
    /// Arguments for a run; `since` is the newest stamp already shown (nil on the first run).
    func arguments(since: LogTimestamp?) -> [String]
    /// A run is restarted (resuming, no replay) after this long: a deadline for every child, and for
    /// selectors the way new pods are picked up.
    var maxRunTime: Duration { get }
}
