import Foundation
import TriageCore
import TriageUI

/// An Alertmanager alert's view: its state and severity, since when it fires, its summary and
/// description, its silence, every label and annotation, and the page of the rule that raised it.
enum AlertDetailLines {
    /// The alert (and its Alertmanager) a picture key names, from the newest snapshot.
    static func find(_ key: String, in snapshot: DashboardSnapshot) -> (source: AlertmanagerSnapshot, alert: FiringAlert)? {
        for source in snapshot.alertmanagers {
            if let alert = source.alerts.first(where: { OutageEntities.alertKey(source: source.source, fingerprint: $0.fingerprint) == key }) {
                return (source, alert)
            }
        }
        return nil
    }

    static func lines(_ alert: FiringAlert, source: AlertmanagerSnapshot, now: Date) -> [StyledLine] {
        let state = source.state(of: alert)
        var out = [
            DetailText.field("state", "\(state.symbol) \(state.label)", state.styleRole),
            DetailText.field("severity", alert.labels["severity"] ?? "none given (counted as a warning)"),
            DetailText.field("firing since", DetailText.time(alert.startsAt, now: now)),
            DetailText.field("alertmanager", source.source),
        ]
        if let failure = source.failure { out.append(DetailText.field("stale", failure, .warn)) }
        if alert.isSilenced {
            let until = alert.silencedUntil.map { end in
                "until " + OutageEntities.clock(end) + " (in " + DurationText.age(.seconds(max(0, end.timeIntervalSince(now)))) + ")"
            } ?? "(end not read)"
            out.append(DetailText.field("silenced", until, .warn))
            out.append(DetailText.field("silence", alert.silencedBy.joined(separator: ", ")))
        } else {
            out.append(DetailText.field("silenced", "no"))
        }
        out.append("")
        for key in ["summary", "description"] {
            if let text = alert.annotations[key] { out.append(DetailText.field(key, text)) }
        }
        out.append(DetailText.field("rule page", alert.generatorURL ?? "none given"))
        out.append("")
        out.append(DetailText.heading("Labels"))
        for (name, value) in alert.labels.sorted(by: { $0.key < $1.key }) { out.append(DetailText.field(TerminalText.clean(name), value, indent: 2)) }
        let others = alert.annotations.filter { $0.key != "summary" && $0.key != "description" }.sorted { $0.key < $1.key }
        if !others.isEmpty {
            out.append("")
            out.append(DetailText.heading("Annotations"))
            for (name, value) in others { out.append(DetailText.field(TerminalText.clean(name), value, indent: 2)) }
        }
        out.append("")
        out.append(DetailText.field("fingerprint", alert.fingerprint, .muted))
        return out
    }
}
