import Foundation
import TriageCore

/// What the probes see at the moment of the export, or the honest statement that nobody looked.
///
/// `triage export` runs no probes, so its exports say "not collected" instead of pretending that
/// nothing is broken; the dashboard, which has fresh probe data, passes what it sees.
public struct LiveFacts: Sendable, Equatable {
    /// When the probe data was taken; nil when none was collected.
    public var collectedAt: Date?
    public var failingChecks: [AffectedItem]
    public var podsNotReady: [AffectedItem]
    public var containersDown: [AffectedItem]
    /// Alertmanager alerts firing with a critical severity (kind `alert`), not silenced.
    public var firingAlerts: [AffectedItem] = []
    /// Why there is no probe data (shown in the export), when `collectedAt` is nil.
    public var notCollectedReason: String?

    public init(
        collectedAt: Date, failingChecks: [AffectedItem] = [], podsNotReady: [AffectedItem] = [],
        containersDown: [AffectedItem] = []
    ) {
        self.collectedAt = collectedAt
        self.failingChecks = failingChecks
        self.podsNotReady = podsNotReady
        self.containersDown = containersDown
        self.notCollectedReason = nil
    }

    /// No probe data; `reason` is printed where the affected services would be.
    public static func notCollected(reason: String) -> LiveFacts {
        var facts = LiveFacts(collectedAt: Date(timeIntervalSince1970: 0))
        facts.collectedAt = nil
        facts.notCollectedReason = reason
        return facts
    }

    /// What `triage export` says, since it runs no probes.
    public static let cliReason = "live probe data: not collected by `triage export`; use `y` in the dashboard"

    public var isCollected: Bool { collectedAt != nil }

    /// Every affected item: checks, then pods, then containers, then alerts, each in the order given.
    public var all: [AffectedItem] { failingChecks + podsNotReady + containersDown + firingAlerts }

    /// The failing rows of the Services pane (shown state warn or crit), as affected items.
    ///
    /// `since` is the track's last state change, `reason` its newest round's reason; a warn row is
    /// a warning (`degraded`), a crit row critical (`down`).
    public static func failingChecks(from tracks: [ServiceCheckTrack]) -> [AffectedItem] {
        tracks.filter { $0.state == .warn || $0.state == .crit }.map { track in
            AffectedItem.service(
                name: track.name, state: track.state == .crit ? "down" : "degraded", since: track.lastChange,
                reason: track.reason ?? "", severity: track.state == .crit ? .critical : .warning)
        }
    }
}
