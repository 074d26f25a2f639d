import Foundation
import TriageCore

/// What the engine hands the sink after each round of one source.
public struct ProbeDelivery: Sendable {
    public var registration: ProbeRegistration
    /// This round's data; on a round the engine gave up on, the probe's `unanswered` data, or nil
    /// when there is nothing new to show (what is shown stays, marked stale by `state`).
    public var data: ProbeData?
    /// The source's state after this round.
    public var state: ProbeState
    /// The data of the newest round that succeeded (this one's when it did); stale while `state` says so.
    public var lastGood: ProbeData?
    public var finishedAt: Date

    public init(registration: ProbeRegistration, data: ProbeData?, state: ProbeState, lastGood: ProbeData?, finishedAt: Date) {
        self.registration = registration
        self.data = data
        self.state = state
        self.lastGood = lastGood
        self.finishedAt = finishedAt
    }

    public var id: ProbeID { registration.id }
}
