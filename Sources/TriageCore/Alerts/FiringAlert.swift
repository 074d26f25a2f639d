import Foundation

/// One active alert as Alertmanager reports it (`GET /api/v2/alerts`), with what silences it.
public struct FiringAlert: Sendable, Equatable {
    /// Alertmanager's own identity of the label set: stable while the alert fires.
    public var fingerprint: String
    public var labels: [String: String]
    public var annotations: [String: String]
    public var startsAt: Date?
    /// The rule's page in Prometheus (or whatever sent the alert); nil when none was given.
    public var generatorURL: String?
    /// The ids of the silences that silence it now (empty when none does).
    public var silencedBy: [String]
    /// When the latest-ending of those silences ends, when the silences were read.
    public var silencedUntil: Date?

    public init(
        fingerprint: String, labels: [String: String], annotations: [String: String] = [:], startsAt: Date? = nil,
        generatorURL: String? = nil, silencedBy: [String] = [], silencedUntil: Date? = nil
    ) {
        self.fingerprint = fingerprint
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.generatorURL = generatorURL
        self.silencedBy = silencedBy
        self.silencedUntil = silencedUntil
    }

    /// The `alertname` label, else the fingerprint.
    public var alertname: String { labels["alertname"] ?? fingerprint }

    public var isSilenced: Bool { !silencedBy.isEmpty }

    /// From the `severity` label: `critical` (or `crit`, `page`, `error`) is crit; `info` and `none` are ok
    /// (shown, never counted as a problem); anything else, a missing label included, is warn.
    public var severityState: HealthState {
        switch labels["severity"]?.lowercased() {
        case "critical", "crit", "page", "error": .crit
        case "info", "none": .ok
        default: .warn
        }
    }

    /// The `summary` annotation, else `description`, else the alert's name.
    public var reason: String {
        for key in ["summary", "description"] {
            if let text = annotations[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty { return text }
        }
        return alertname
    }

    /// The labels that tell this alert apart from others of its name (`instance`, `service`, …) as
    /// "k=v", sorted; `alertname` and `severity` left out.
    public var distinguishingLabels: [String] {
        labels.filter { $0.key != "alertname" && $0.key != "severity" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }
}
