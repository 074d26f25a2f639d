import Foundation
import TriageCore

extension CheckReport {
    /// Each Alertmanager's alerts as `alerts` entries and the Alertmanager itself as a `sources`
    /// entry. One that could not be read is a `*` entry with state `unknown` and the reason, so
    /// "could not look" is never read as "no alerts". State, reason and since come from the
    /// picture (``takePicture(_:)``).
    static func alertEntries(_ rounds: [AlertmanagerSnapshot], plan: CheckPlan) -> (alerts: [CheckEntry], sources: [CheckEntry]) {
        var alerts: [CheckEntry] = []
        var sources: [CheckEntry] = []
        for round in rounds {
            let sourceKey = "source:alertmanager/" + round.source
            if let failure = round.failure {
                alerts.append(CheckEntry(name: "*", state: .unknown, reason: failure, pictureKey: sourceKey, fields: [
                    JSONField("alertmanager", .string(round.source)), JSONField("alertname", .null), JSONField("severity", .null),
                    JSONField("labels", .object([])), JSONField("startsAt", .null), JSONField("generatorUrl", .null),
                    JSONField("silenced", .bool(false)), JSONField("silencedUntil", .null), JSONField("fingerprint", .null),
                ]))
            }
            for alert in round.alerts {
                alerts.append(CheckEntry(
                    name: alert.alertname, state: round.state(of: alert), reason: alert.reason,
                    pictureKey: OutageEntities.alertKey(source: round.source, fingerprint: alert.fingerprint), fields: [
                        JSONField("alertmanager", .string(round.source)),
                        JSONField("alertname", .string(alert.alertname)),
                        JSONField("severity", .string(alert.labels["severity"])),
                        JSONField("labels", .object(alert.labels.sorted { $0.key < $1.key }.map { JSONField($0.key, .string($0.value)) })),
                        JSONField("startsAt", .string(alert.startsAt.map(timestamp))),
                        // Whatever sent the alert chose the URL: masked as in exports, like a check's.
                        JSONField("generatorUrl", .string(alert.generatorURL.map { SecretRedactor.redact($0) })),
                        JSONField("silenced", .bool(alert.isSilenced)),
                        JSONField("silencedUntil", .string(alert.silencedUntil.map(timestamp))),
                        JSONField("fingerprint", .string(alert.fingerprint)),
                    ]))
            }
            let spec = plan.alertmanagers.first { $0.name == round.source }
            sources.append(CheckEntry(
                name: round.source, state: round.failure == nil ? .ok : .unknown, reason: round.failure, pictureKey: sourceKey, fields: [
                    JSONField("kind", .string("alertmanager")),
                    JSONField("endpoint", .string(spec.map { SecretRedactor.redact($0.url) })),
                    JSONField("alerts", .int(round.alerts.count)),
                ]))
        }
        return (alerts, sources)
    }
}
