import Synchronization
import Foundation
import TriageCore

/// The single writer's mailbox between probe tasks and the terminal thread.
///
/// A mutex rather than an actor because the reader is a plain thread that must never wait on the
/// cooperative pool; every critical section is a copy or a small mutation.
public final class SnapshotStore: Sendable {
    private let state: Mutex<(snapshot: DashboardSnapshot, version: UInt64)>
    /// Raised after every update, so the terminal thread draws without polling the version.
    private let wake: WakeSignal?

    public init(_ initial: DashboardSnapshot, wake: WakeSignal? = nil) {
        state = Mutex((initial, 0))
        self.wake = wake
    }

    /// Changes the snapshot, bumps its version so the UI knows to redraw, and wakes the UI.
    public func update(_ change: (inout DashboardSnapshot) -> Void) {
        state.withLock { value in
            change(&value.snapshot)
            value.version &+= 1
        }
        wake?.raise()
    }

    public func read() -> (snapshot: DashboardSnapshot, version: UInt64) {
        state.withLock { ($0.snapshot, $0.version) }
    }

    public var version: UInt64 { state.withLock { $0.version } }
}
