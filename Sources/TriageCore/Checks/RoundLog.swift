import Foundation

/// Every round of one check as runs of the same outcome (up, down, no data), so its availability
/// over any window (the open incident, the last hour) can be told after the fact.
///
/// Run-length encoded: a check that stays up for a day is one run, whatever its interval. Only a
/// check that keeps changing grows the log, and the oldest runs go first past ``capacity``.
public struct RoundLog: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// ok or warn: the endpoint answered (a slow answer is still up).
        case up
        /// crit: the round failed.
        case down
        /// unknown: triage could not tell (the probe could not run); counts neither way.
        case noData
    }

    /// Consecutive rounds with the same outcome.
    public struct Run: Sendable, Equatable {
        public var outcome: Outcome
        /// The first round of the run.
        public var start: Date
        public var rounds: Int
    }

    /// Runs kept: at one change per round every 2 s, about an hour of constant flapping.
    public static let capacity = 2000

    public private(set) var runs: [Run] = []
    /// The newest round's time: the last run lasts until then (or until `now`, while rounds go on).
    public private(set) var lastRound: Date?

    public init() {}

    public mutating func record(_ state: HealthState, at time: Date) {
        let outcome: Outcome = switch state {
        case .ok, .warn: .up
        case .crit: .down
        case .unknown: .noData
        }
        lastRound = time
        if let last = runs.last, last.outcome == outcome {
            runs[runs.count - 1].rounds += 1
            return
        }
        runs.append(Run(outcome: outcome, start: time, rounds: 1))
        if runs.count > Self.capacity { runs.removeFirst(runs.count - Self.capacity) }
    }

    /// Up time, outages and first failure within `from`…`now`.
    ///
    /// A run lasts from its first round to the next run's first round; the newest run lasts to
    /// `now`. Time before the first round, and time without data, counts neither up nor down.
    public func availability(from: Date, to now: Date) -> CheckAvailability {
        var up: TimeInterval = 0
        var down: TimeInterval = 0
        var outages: [CheckAvailability.Outage] = []
        for (index, run) in runs.enumerated() {
            let end = index + 1 < runs.count ? runs[index + 1].start : now
            let overlap = min(end, now).timeIntervalSince(max(run.start, from))
            guard end > from, run.start < now, overlap >= 0 else { continue }
            switch run.outcome {
            case .up: up += overlap
            case .down:
                down += overlap
                let ongoing = index + 1 == runs.count
                outages.append(CheckAvailability.Outage(start: run.start, end: ongoing ? nil : end, rounds: run.rounds))
            case .noData: break
            }
        }
        let observed = up + down
        return CheckAvailability(
            from: from, to: now, upPercent: observed > 0 ? up / observed * 100 : nil, outages: outages,
            downSeconds: down)
    }
}
