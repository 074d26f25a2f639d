import Foundation
import TriageCore

/// One source the engine polls: one round at a time within a deadline, then stopped once.
///
/// The engine (`ProbeLoop` under `ProbeEngine`) gives every probe the same lifecycle: single-flight
/// rounds, a deadline with a hard stop, backoff after failure, last good data kept and marked stale,
/// and a one-shot mode. A probe only knows how to ask its source.
public protocol Probe: Sendable {
    var id: ProbeID { get }
    /// One round: ask the source, within `deadline`, and say what it answered (failures included).
    func poll(deadline: Duration) async -> ProbeData
    /// Ends whatever the probe keeps running between rounds (streams, watches) and waits for it.
    func stop() async
    /// What to show when the engine gave up on a round (hard stop) with `reason`; nil keeps the last data.
    func unanswered(_ reason: String, at time: Date) -> ProbeData?
    /// False when a round waits on nothing outside the process (the host's /proc reads): a timer
    /// cannot end such a round sooner, since the loop waits for an overrunning round's code to
    /// return either way, so the loop spares the per-round task group and timer (docs/PERFORMANCE.md (k)).
    var needsHardStopTimer: Bool { get }
}

extension Probe {
    public func stop() async {}
    public func unanswered(_ reason: String, at time: Date) -> ProbeData? { nil }
    public var needsHardStopTimer: Bool { true }
}
