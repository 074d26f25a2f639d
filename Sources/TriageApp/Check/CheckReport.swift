import Foundation
import TriageCore
import TriageProbes

/// The outcome of `triage check`: every service check, command check, query, container, pod, node
/// and host figure with its state and reason, the overall state and the exit status it implies.
///
/// Built from one `CheckRound` by `init(round:plan:)`; printed as JSON by `json` (schema in
/// docs/CHECK.md) or as a table by `CheckTableRenderer`. Exit status (`ExitStatus`): 0 when everything
/// is ok, 1 when something warns or cannot be told (unknown), 2 when something is critical; 3 is a
/// configuration error, which never gets as far as a report.
public struct CheckReport: Sendable, Equatable {
    /// The JSON layout's version (docs/JSON.md); bumped when a key is renamed, changes meaning or goes
    /// away (new keys do not). 1 was `"schema": "triage-check/1"` with snake_case keys.
    public static let schemaVersion = 2
    public var checkedAt: Date
    public var duration: Duration
    public var configPath: String?
    public var services: [CheckEntry]
    public var checks: [CheckEntry]
    public var prometheus: [CheckEntry]
    public var containers: [CheckEntry]
    public var pods: [CheckEntry]
    public var nodes: [CheckEntry]
    /// Each context's warning events as one entry, as the wall and the Pods pane judge them: `warn`
    /// while the newest is recent (``OutageEntities/recentEventWindow``), with every event as a field.
    public var events: [CheckEntry] = []
    /// Each Alertmanager's active alerts (filtered as configured), and a `*` entry for one that
    /// could not be read.
    public var alerts: [CheckEntry] = []
    /// The host as a whole: its name, worst state, and every figure as fields.
    public var host: CheckEntry
    /// The host's figures one by one (CPU, load, memory, each disk), for the table.
    public var hostFigures: [CheckEntry]
    /// Each docker host and Kubernetes context: whether it answered. Informational: a source that did
    /// not answer also shows as a `*` entry in `containers` or `pods`, which is what counts.
    public var sources: [CheckEntry]
    /// What was not probed and why (discovery found no engine, no context).
    public var notes: [String]
    /// False when the host is left out (`--skip host`, `host: {enabled: false}`): it is still in the
    /// report, marked `"counted": false`, but not in the summary, the problems or the exit status.
    public var hostCounted = true
    /// The one picture this report shows (`OutageEntities` of the round): the wall and the dashboard
    /// panes are built from the same, so `check` cannot say otherwise.
    public var picture = OutageEntities(all: [], everySourceAnswered: true)

    public init(
        checkedAt: Date, duration: Duration, configPath: String?, services: [CheckEntry], checks: [CheckEntry],
        prometheus: [CheckEntry], containers: [CheckEntry], pods: [CheckEntry], nodes: [CheckEntry], host: CheckEntry,
        hostFigures: [CheckEntry], sources: [CheckEntry], notes: [String]
    ) {
        self.checkedAt = checkedAt
        self.duration = duration
        self.configPath = configPath
        self.services = services
        self.checks = checks
        self.prometheus = prometheus
        self.containers = containers
        self.pods = pods
        self.nodes = nodes
        self.host = host
        self.hostFigures = hostFigures
        self.sources = sources
        self.notes = notes
    }

    /// Every entry that counts toward the summary: the eight lists and the host (once).
    public var countedEntries: [CheckEntry] {
        services + checks + prometheus + containers + pods + nodes + events + alerts + (hostCounted ? [host] : [])
    }

    /// The worst state of any counted entry.
    public var state: HealthState { countedEntries.map(\.state).max() ?? .ok }

    /// 0 ok, 1 warn or unknown, 2 crit.
    public var exitStatus: ExitStatus { Self.exitStatus(for: state) }

    public static func exitStatus(for state: HealthState) -> ExitStatus {
        switch state {
        case .ok: .ok
        case .unknown, .warn: .warningOrNotFound
        case .crit: .failure
        }
    }

    /// How many counted entries are in each state.
    public var counts: [HealthState: Int] {
        var counts: [HealthState: Int] = [:]
        for entry in countedEntries { counts[entry.state, default: 0] += 1 }
        return counts
    }

    /// "service backend: HTTP 500", one per counted entry that is not ok, worst first (stable within a state).
    public var problems: [String] {
        let labelled: [(String, [CheckEntry])] = [
            ("service", services), ("check", checks), ("prometheus", prometheus), ("container", containers),
            ("pod", pods), ("node", nodes), ("events", events), ("alert", alerts), ("host", hostCounted ? [host] : []),
        ]
        var lines: [(HealthState, Int, String)] = []
        for (kind, entries) in labelled {
            for entry in entries where entry.state != .ok {
                var name = entry.name
                if kind == "container", case .string(let host)? = entry.value("host") { name = host + "/" + name }
                if kind == "pod", case .string(let namespace)? = entry.value("namespace") { name = namespace + "/" + name }
                lines.append((entry.state, lines.count, "\(kind) \(name): \(entry.reason ?? entry.state.rawValue)"))
            }
        }
        return lines.sorted { ($0.0, -$0.1) > ($1.0, -$1.1) }.map(\.2)
    }

    /// The whole report as the documented JSON document (docs/CHECK.md).
    public var json: JSONValue {
        let counts = self.counts
        let summary: JSONValue = .object([
            JSONField("name", .string("summary")),
            JSONField("state", .string(state.rawValue)),
            JSONField("exitStatus", .int(Int(exitStatus.rawValue))),
            JSONField("total", .int(countedEntries.count)),
            JSONField("ok", .int(counts[.ok] ?? 0)),
            JSONField("warn", .int(counts[.warn] ?? 0)),
            JSONField("crit", .int(counts[.crit] ?? 0)),
            JSONField("unknown", .int(counts[.unknown] ?? 0)),
            JSONField("problems", .array(problems.map(JSONValue.string))),
        ])
        return .object([
            JSONField("schemaVersion", .int(Self.schemaVersion)),
            JSONField("checkedAt", .string(Self.timestamp(checkedAt))),
            JSONField("durationMs", .int(Int(duration.milliseconds))),
            JSONField("config", .string(configPath)),
            JSONField("services", .array(services.map(\.json))),
            JSONField("checks", .array(checks.map(\.json))),
            JSONField("prometheus", .array(prometheus.map(\.json))),
            JSONField("containers", .array(containers.map(\.json))),
            JSONField("pods", .array(pods.map(\.json))),
            JSONField("nodes", .array(nodes.map(\.json))),
            JSONField("events", .array(events.map(\.json))),
            JSONField("alerts", .array(alerts.map(\.json))),
            JSONField("host", hostCounted ? host.json : Self.uncounted(host.json)),
            JSONField("sources", .array(sources.map(\.json))),
            JSONField("notes", .array(notes.map(JSONValue.string))),
            JSONField("summary", summary),
        ])
    }

    static func uncounted(_ entry: JSONValue) -> JSONValue {
        guard case .object(let fields) = entry else { return entry }
        return .object(fields + [JSONField("counted", .bool(false))])
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
