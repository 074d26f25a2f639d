import Foundation
import TriageCore

extension OutageEntities {
    /// Each Alertmanager's alerts as entities of the picture: state from the severity label (ok
    /// while silenced, unless `silenced: true`), reason from the summary or description, since from
    /// `startsAt`. An Alertmanager that could not be read is one `unknown` source entity with the
    /// reason (and keeps its last alerts, marked stale), so it can never read as "no alerts".
    static func alertEntities(_ sources: [AlertmanagerSnapshot], now: Date, answered: inout Bool) -> [OutageEntity] {
        var entities: [OutageEntity] = []
        for source in sources {
            let origin = "alertmanager:" + source.source
            if let failure = source.failure {
                answered = false
                entities.append(OutageEntity(
                    state: .unknown, kind: .source, name: "alertmanager " + clean(source.source), reason: clean(failure),
                    since: source.lastGoodAt, source: origin, key: "source:alertmanager/" + source.source))
            }
            let staleSince = staleSince(
                failure: source.failure, hasRows: !source.alerts.isEmpty, lastGoodAt: source.lastGoodAt, roundAt: source.roundAt, now: now)
            for alert in source.alerts {
                let labels = alert.distinguishingLabels
                let name = alert.alertname + (labels.isEmpty ? "" : " " + labels.joined(separator: ","))
                var reason = alert.reason
                if alert.isSilenced { reason = "silenced" + (alert.silencedUntil.map { " until " + Self.clock($0) } ?? "") + ": " + reason }
                entities.append(OutageEntity(
                    state: source.state(of: alert), kind: .alert, name: clean(name), reason: clean(reason), since: alert.startsAt,
                    source: origin, key: alertKey(source: source.source, fingerprint: alert.fingerprint), staleSince: staleSince))
            }
        }
        return entities
    }

    /// The key of an alert's entity: "alert:<alertmanager name>/<fingerprint>".
    public static func alertKey(source: String, fingerprint: String) -> String { "alert:\(source)/\(fingerprint)" }

    /// "14:05 UTC": when a silence ends, as a reader of the row needs it.
    static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
