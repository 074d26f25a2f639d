import Foundation
import TriageCore

/// Why the incident store refused or failed, in words a responder can act on at 3 a.m.
///
/// SQLite's result codes are mapped here once, so callers switch on meaning (`.locked`, `.corrupt`)
/// rather than on numbers. Every case that names a file carries its path.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is not an SQLite database, or fails SQLite's integrity check. It was left untouched.
    case corrupt(path: String, reason: String)
    /// The file or directory exists but cannot be read (permissions, I/O error).
    case unreadable(path: String, reason: String)
    /// A read-only open found no database: nothing has been recorded there yet.
    case missing(path: String)
    /// The schema was written by a newer triage, or (read-only) has not been brought up to date.
    case incompatible(path: String, reason: String)
    /// SQLite refused a write because the store was opened read-only (the wall display).
    case readOnly(path: String, reason: String)
    /// Another process held the write lock longer than the busy timeout.
    case locked(path: String, waitedSeconds: Double)
    /// No incident with this id.
    case notFound(incidentID: String)
    /// `appendEvent` was given a kind that has its own method (tick, status…).
    case kindNeedsItsOwnMethod(kind: TimelineKind)
    /// The state directory could not be created or is not a directory.
    case stateDirectory(path: String, reason: String)
    /// Any other SQLite or file-system failure (disk full, I/O error).
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .corrupt(let path, let reason):
            "the incident database \(path) is damaged or not a database (\(reason)); "
                + "it was left untouched: move it aside to start a new one"
        case .unreadable(let path, let reason):
            "cannot read the incident database \(path): \(reason)"
        case .missing(let path):
            "no incident database at \(path) yet: declare an incident first"
        case .incompatible(let path, let reason):
            "the incident database \(path) cannot be used by this version of triage: \(reason)"
        case .readOnly(let path, let reason):
            "read-only: \(path) is open read-only and SQLite refused the write (\(reason))"
        case .locked(let path, let waited):
            "the incident database \(path) is locked by another process "
                + "(waited \(String(format: "%.1f", waited)) s); try again"
        case .notFound(let id):
            "no incident \(id)"
        case .kindNeedsItsOwnMethod(let kind):
            "timeline events of kind \(kind.rawValue) are recorded by their own store method"
        case .stateDirectory(let path, let reason):
            "cannot use the state directory \(path): \(reason)"
        case .failed(let path, let reason):
            "the incident database \(path) failed: \(reason)"
        }
    }
}
