import Foundation
import TriageCore

/// A source that keeps something running between rounds (a stats stream, watches) for the dashboard,
/// and answers `triage check` with one round that starts nothing: what `TwoModeProbe` registers.
public protocol TwoModeSource: Sendable {
    associatedtype Round: Sendable
    var probeID: ProbeID { get }
    /// A dashboard round: starts the source's streams on first use.
    func poll(deadline: Duration) async -> Round
    /// `triage check`'s round, within `deadline`, with nothing left running afterwards.
    func oneShot(deadline: Duration) async -> Round
    func stop() async
    /// The round as the engine carries it.
    static func data(_ round: Round) -> ProbeData
}
