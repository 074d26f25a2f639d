import Foundation
import TriageCore

extension DashboardSnapshot {
    /// Stores an Alertmanager round; returns the alerts that started firing and the ones that
    /// resolved since its previous good round, for the timeline (once each: a round that changes
    /// nothing notes nothing, and the first round is the baseline, as for containers).
    ///
    /// A failed round keeps the last good alerts (shown stale) and marks the source failed.
    public mutating func record(alertmanager round: AlertmanagerSnapshot, slot: Int) -> [String] {
        var stored = round
        let previous = slot < alertmanagers.count ? alertmanagers[slot] : nil
        var notes: [String] = []
        if round.failure != nil, let previous {
            stored.alerts = previous.alerts
            stored.lastGoodAt = previous.lastGoodAt
        } else if round.failure == nil, let previous, previous.lastGoodAt != nil {
            let before = Set(previous.alerts.map(\.fingerprint))
            let now = Set(round.alerts.map(\.fingerprint))
            for alert in round.alerts where !before.contains(alert.fingerprint) {
                notes.append("alert \(Self.alertTitle(alert)) firing on \(round.source): \(alert.reason)")
            }
            for alert in previous.alerts where !now.contains(alert.fingerprint) {
                notes.append("alert \(Self.alertTitle(alert)) resolved on \(round.source)")
            }
        }
        while alertmanagers.count <= slot { alertmanagers.append(stored) }
        alertmanagers[slot] = stored
        lastUpdate = round.roundAt
        return notes
    }

    /// "HighErrorRate [critical] (instance=10.0.0.5:8080, service=checkout)": the alert as the
    /// timeline and the status update name it.
    static func alertTitle(_ alert: FiringAlert) -> String {
        let labels = alert.distinguishingLabels
        let severity = alert.labels["severity"].map { " [\($0)]" } ?? ""
        return alert.alertname + severity + (labels.isEmpty ? "" : " (" + labels.joined(separator: ", ") + ")")
    }
}
