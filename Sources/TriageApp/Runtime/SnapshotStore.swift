import Synchronization
import Foundation

/// The single writer's mailbox between probe tasks and the terminal thread.
///
/// A mutex rather than an actor because the reader is a plain thread that must never wait on the
/// cooperative pool; every critical section is a copy or a small mutation.
public final class SnapshotStore: Sendable {
    private let state: Mutex<(snapshot: DashboardSnapshot, version: UInt64)>

    public init(_ initial: DashboardSnapshot) {
        state = Mutex((initial, 0))
    }

    /// Changes the snapshot and bumps its version so the UI knows to redraw.
    public func update(_ change: (inout DashboardSnapshot) -> Void) {
        state.withLock { value in
            change(&value.snapshot)
            value.version &+= 1
        }
    }

    public func read() -> (snapshot: DashboardSnapshot, version: UInt64) {
        state.withLock { ($0.snapshot, $0.version) }
    }

    public var version: UInt64 { state.withLock { $0.version } }
}
