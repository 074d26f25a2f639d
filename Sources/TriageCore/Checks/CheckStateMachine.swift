import Foundation

/// Turns the raw result of each round into the state a check shows, with hysteresis and flap detection.
///
/// One bad round during an outage is noise; two in a row is a signal. So a check turns red only
/// after `failuresToCrit` consecutive failing rounds and back after `successesToRecover`
/// consecutive good ones. A check that keeps changing state (≥ `flapTransitions` changes within
/// the last `flapWindow` rounds) is flagged as flapping, which is its own kind of finding.
/// A value type: the store keeps one per check and feeds it each round's observation.
public struct CheckStateMachine: Sendable, Equatable {
    /// Thresholds for one check; the defaults are the ones documented in docs/CONFIG.md.
    public struct Policy: Sendable, Equatable {
        public var failuresToCrit: Int
        public var successesToRecover: Int
        public var flapWindow: Int
        public var flapTransitions: Int

        public init(failuresToCrit: Int = 2, successesToRecover: Int = 1, flapWindow: Int = 10, flapTransitions: Int = 4) {
            self.failuresToCrit = max(1, failuresToCrit)
            self.successesToRecover = max(1, successesToRecover)
            self.flapWindow = max(2, flapWindow)
            self.flapTransitions = max(2, flapTransitions)
        }

        public static let standard = Policy()
    }

    public let policy: Policy
    /// The state to show: `unknown` until the first decisive round.
    public private(set) var state: HealthState = .unknown
    /// When `state` last changed (the first decisive round counts), nil before that.
    public private(set) var lastChange: Date?
    public private(set) var consecutiveFailures = 0
    public private(set) var consecutiveSuccesses = 0
    public private(set) var rounds = 0
    /// One flag per recent round, oldest first: did the shown state change in that round?
    private var recentChanges: [Bool] = []

    public init(policy: Policy = .standard) {
        self.policy = policy
    }

    /// True when the shown state changed at least `flapTransitions` times in the last `flapWindow` rounds.
    public var isFlapping: Bool {
        recentChanges.lazy.filter { $0 }.count >= policy.flapTransitions
    }

    /// Number of state changes within the flap window, for "flapping (5 changes in 10 rounds)".
    public var recentTransitions: Int { recentChanges.lazy.filter { $0 }.count }

    /// Feeds one round's raw result; returns true when the shown state changed.
    ///
    /// `crit` is a failure. `ok` and `warn` are successes (a slow but answering endpoint is up);
    /// they show at once unless the check is red and has not yet had enough good rounds.
    /// `unknown` (no data: a probe that could not run or an empty query) shows at once, since
    /// hiding "we cannot tell" behind a green light is worse than a change.
    @discardableResult
    public mutating func record(_ observed: HealthState, at time: Date) -> Bool {
        rounds += 1
        let previous = state
        switch observed {
        case .crit:
            consecutiveFailures += 1
            consecutiveSuccesses = 0
            if consecutiveFailures >= policy.failuresToCrit { state = .crit }
        case .ok, .warn:
            consecutiveSuccesses += 1
            consecutiveFailures = 0
            if previous != .crit || consecutiveSuccesses >= policy.successesToRecover { state = observed }
        case .unknown:
            consecutiveFailures = 0
            consecutiveSuccesses = 0
            state = .unknown
        }
        let changed = state != previous
        if changed { lastChange = time }
        // Leaving the initial unknown is the check's first reading, not a flap.
        let countsAsFlap = changed && !(previous == .unknown && lastChangeWasInitial)
        if changed { lastChangeWasInitial = false }
        recentChanges.append(countsAsFlap)
        if recentChanges.count > policy.flapWindow { recentChanges.removeFirst(recentChanges.count - policy.flapWindow) }
        return changed
    }

    /// True until the first change away from the initial `unknown`.
    private var lastChangeWasInitial = true
}
