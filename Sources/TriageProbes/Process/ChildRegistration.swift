import CChildGroups
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One child's entry in the child-group table, from just before it is spawned until it is reaped.
///
/// Listed for that whole span, not only while it is supervised: a child that exited but is not yet
/// reaped by swift-subprocess is still a child of triage, and the orphan sweep (`OrphanReaper`) must
/// not take it for an orphan and reap it first. Until the child is listed, a spawn is in flight and
/// no sweep runs.
final class ChildRegistration: Sendable {
    private struct State {
        var spawning = true
        var pid: pid_t?
    }

    private let state = Mutex(State())

    init() { triage_spawn_begin() }

    /// The child exists: list its group (crash handlers and shutdown signal it), and let sweeps run.
    func started(_ pid: pid_t) {
        state.withLock { state in
            if state.pid == nil {
                triage_register_child_group(pid)
                state.pid = pid
            }
            if state.spawning {
                triage_spawn_end()
                state.spawning = false
            }
        }
    }

    /// The run is over and the child reaped (or it never started): unlist it, then sweep for what it left.
    func finished() {
        state.withLock { state in
            if state.spawning {
                triage_spawn_end()
                state.spawning = false
            }
            if let pid = state.pid {
                triage_unregister_child_group(pid)
                state.pid = nil
            }
        }
        OrphanReaper.sweepSoon()
    }
}
