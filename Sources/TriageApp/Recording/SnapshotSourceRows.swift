import Foundation
import TriageCore
import TriageProbes

/// The dashboard snapshot as recorded rows, and back: what `triage replay` feeds the dashboard.
///
/// Each source keeps what its pane shows, not every figure of every round, so an unchanged pane
/// records nothing: a check's state, reason, code and when it changed (its latency only as of that
/// change); a container's or pod's columns and reason; a node's conditions; the host's figures at
/// most every ``hostInterval``; a warning event's count and message; an alert's labels,
/// annotations and silences; each source's failure. Not recorded: latency sparklines and container
/// CPU and memory figures. Every free text passes the redactor before it is
/// encoded (field by field: the JSON itself is never rewritten). A row's body is encoded only when its recorded form changed, and
/// a pod is looked at only when its round handed over a new list and that pod is not the one it
/// was (``Encoder``): a context of thousands of pods costs one comparison per round, or one per
/// pod when the list is new, and an encoding per pod that changed.
public enum SnapshotSourceRows {
    /// The host's figures change every sample; a replay needs them far less often.
    public static let hostInterval: TimeInterval = 10

    // MARK: Snapshot → rows

    /// The snapshot's rows, every text redacted: `encoder` keeps them from one snapshot to the
    /// next and changes only the rows whose recorded form changed.
    public static func rows(of snapshot: DashboardSnapshot, encoder: Encoder) -> SourceRows {
        encoder.rows(of: snapshot)
    }

    // MARK: Rows → snapshot

    /// The snapshot the rows describe at `time` ("now" for every round in it). `previous` carries
    /// the host histories along when the rows move forward in time. `shift` moves every recorded
    /// time (a drill shows the recording as if it were happening now, so its ages read right
    /// against the wall clock its own timers run on).
    public static func snapshot(from rows: SourceRows, at recordedTime: Date, startedAt: Date, previous: DashboardSnapshot? = nil,
                                shift: TimeInterval = 0) -> DashboardSnapshot {
        let time = recordedTime.addingTimeInterval(shift)
        var snapshot = DashboardSnapshot(startedAt: startedAt.addingTimeInterval(shift))
        snapshot.lastUpdate = time
        snapshot.cpuHistory = previous?.cpuHistory ?? History()
        snapshot.memoryHistory = previous?.memoryHistory ?? History()
        snapshot.loadHistory = previous?.loadHistory ?? History()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(timeIntervalSince1970: try decoder.singleValueContainer().decode(Double.self) + shift)
        }
        func decode<T: Decodable>(_ type: T.Type, _ body: String) -> T? { try? decoder.decode(type, from: Data(body.utf8)) }
        for source in rows.sources {
            let table = rows[source] ?? SourceRows.Table()
            if source == "services" {
                for (_, body) in table.rows {
                    guard let row = decode(ServiceRow.self, body) else { continue }
                    snapshot.services[row.name] = row.track(now: time)
                    snapshot.serviceOrder.append(row.name)
                }
            } else if source.hasPrefix("docker:") {
                let header = table.bodies[""].flatMap { decode(SourceHeader.self, $0) }
                let host = String(source.dropFirst("docker:".count))
                let containers = table.rows.filter { !$0.key.isEmpty }.compactMap { row in
                    decode(ContainerRow.self, row.body)?.container(host: host, id: row.key)
                }
                snapshot.docker.append(DockerSnapshot(
                    host: host, containers: containers, lastGoodAt: header?.lastGoodAt, roundAt: time,
                    failure: header?.failure, statsFailure: header?.statsFailure))
            } else if source.hasPrefix("kube:") {
                let context = String(source.dropFirst("kube:".count))
                let header = table.bodies[""].flatMap { decode(SourceHeader.self, $0) }
                var pods: [PodInfo] = []
                var nodes: [NodeInfo] = []
                var events: [KubeEvent] = []
                for (key, body) in table.rows where !key.isEmpty {
                    if key.hasPrefix("node:") {
                        if let row = decode(NodeRow.self, body) { nodes.append(row.node(context: context)) }
                    } else if key.hasPrefix("event:") {
                        if let row = decode(EventRow.self, body) { events.append(row.event(context: context)) }
                    } else if let row = decode(PodRow.self, body) {
                        pods.append(row.pod(context: context))
                    }
                }
                pods.sort { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
                // Newest first, as the probe keeps them.
                events.sort { ($0.lastSeen ?? .distantPast) > ($1.lastSeen ?? .distantPast) }
                snapshot.kubernetes.append(KubeSnapshot(
                    context: context, pods: pods, nodes: nodes, events: events, podsUpdatedAt: header?.lastGoodAt,
                    lastGoodAt: header?.lastGoodAt, roundAt: time, failure: header?.failure, watching: header?.watching ?? true,
                    notes: header?.notes ?? []))
            } else if source.hasPrefix("alerts:") {
                let header = table.bodies[""].flatMap { decode(SourceHeader.self, $0) }
                let alerts = table.rows.filter { !$0.key.isEmpty }.compactMap { row in decode(AlertRow.self, row.body)?.alert(fingerprint: row.key) }
                snapshot.alertmanagers.append(AlertmanagerSnapshot(
                    source: String(source.dropFirst("alerts:".count)), alerts: alerts, countsSilenced: header?.countsSilenced ?? false,
                    lastGoodAt: header?.lastGoodAt, roundAt: time, failure: header?.failure))
            } else if source == "host" {
                if let row = table.bodies[""].flatMap({ decode(HostRow.self, $0) }) {
                    if previous?.host?.time != row.host.time { snapshot.record(host: row.host) } else { snapshot.host = row.host }
                }
            } else if source == "probes" {
                for (_, body) in table.rows {
                    if let row = decode(ProbeRow.self, body), let id = row.id { snapshot.probeStates[id] = row.state }
                }
            }
        }
        return snapshot
    }

    /// What the dashboard's panes expect to be configured, from the sources the recording holds.
    public static func sources(of rows: SourceRows, logSources: Int) -> DashboardSources {
        DashboardSources(
            servicesConfigured: rows["services"] != nil || rows.sources.contains { $0.hasPrefix("alerts:") },
            dockerHosts: rows.sources.filter { $0.hasPrefix("docker:") }.map { String($0.dropFirst("docker:".count)) },
            kubeContexts: rows.sources.filter { $0.hasPrefix("kube:") }.map { String($0.dropFirst("kube:".count)) },
            logSources: logSources)
    }
}
