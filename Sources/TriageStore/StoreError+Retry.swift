import Foundation

extension StoreError {
    /// Whether the same write may succeed later without anyone changing triage's input: a lock held
    /// by another process, a full or read-only file system, an I/O error, a directory that cannot be
    /// opened yet. Permanent failures (no such incident, a damaged or newer database) will fail the
    /// same way every time, so retrying them only hides the error.
    public var isTransient: Bool {
        switch self {
        case .locked, .readOnly, .unreadable, .failed, .stateDirectory, .missing: true
        case .corrupt, .incompatible, .notFound, .kindNeedsItsOwnMethod: false
        }
    }

    /// Whether a write that failed this way might still have committed. SQLite rolls back a
    /// transaction that returns an error, except that an I/O error while syncing the commit leaves
    /// its outcome unknown (the frames may be in the WAL and be recovered). Those map to `.failed`.
    public var outcomeMayBeUnknown: Bool {
        if case .failed = self { return true }
        return false
    }

    /// The cause without the path, short enough for a pane line ("database or disk is full").
    public var shortReason: String {
        switch self {
        case .corrupt(_, let reason), .unreadable(_, let reason), .incompatible(_, let reason), .readOnly(_, let reason),
             .stateDirectory(_, let reason), .failed(_, let reason):
            reason
        case .missing: "no database yet"
        case .locked(_, let waited): "locked by another process (waited \(String(format: "%.0f", waited)) s)"
        case .notFound(let id): "no incident \(id)"
        case .kindNeedsItsOwnMethod(let kind): "\(kind.rawValue) events have their own method"
        }
    }
}
