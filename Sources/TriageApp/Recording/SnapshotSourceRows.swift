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
/// encoded (field by field: the JSON itself is never rewritten). A row's body is encoded only when its recorded form changed (``Encoder``'s cache), so a
/// context of thousands of pods costs a comparison per pod per round, not an encoding.
public enum SnapshotSourceRows {
    /// The host's figures change every sample; a replay needs them far less often.
    public static let hostInterval: TimeInterval = 10

    /// Encodes rows, reusing the body of a row whose recorded form did not change.
    public final class Encoder {
        private var cache: [String: (value: any Equatable, body: String)] = [:]
        private var lastHost: (time: Date, body: String)?
        private var keys: [String: String] = [:]
        /// A docker host's or context's rows as of its round: a new snapshot version from another
        /// source (four a second) reuses them instead of looking at thousands of pods again.
        private var rounds: [String: (roundAt: Date, rows: [(key: String, body: String)])] = [:]

        func rows(of source: String, roundAt: Date, build: () -> [(key: String, body: String)]) -> [(key: String, body: String)] {
            if let cached = rounds[source], cached.roundAt == roundAt { return cached.rows }
            let built = build()
            rounds[source] = (roundAt, built)
            return built
        }
        private let encoder: JSONEncoder = {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .secondsSince1970
            return encoder
        }()

        public init() {}

        func body<T: RecordedRow>(_ value: T, source: String, key: String) -> String {
            let id = source + "\u{0}" + key
            if let cached = cache[id], let old = cached.value as? T, old == value { return cached.body }
            let body = (try? encoder.encode(value.redacted())).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            cache[id] = (value, body)
            return body
        }

        /// A row's key (a check, container or pod name) as written: redacted once per key.
        func key(_ raw: String) -> String {
            if let known = keys[raw] { return known }
            let redacted = SecretRedactor.redact(raw)
            keys[raw] = redacted
            return redacted
        }

        func hostBody(_ host: HostSnapshot) -> String {
            if let lastHost, host.time.timeIntervalSince(lastHost.time) < SnapshotSourceRows.hostInterval, host.time >= lastHost.time {
                return lastHost.body
            }
            let body = (try? encoder.encode(HostRow(host).redacted())).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            lastHost = (host.time, body)
            return body
        }
    }

    // MARK: Snapshot → rows

    /// The snapshot's rows, every text redacted.
    public static func rows(of snapshot: DashboardSnapshot, encoder: Encoder) -> SourceRows {
        var rows = SourceRows()
        for name in snapshot.serviceOrder {
            guard let track = snapshot.services[name] else { continue }
            let key = encoder.key(name)
            rows.set(source: "services", key: key, body: encoder.body(ServiceRow(track), source: "services", key: key))
        }
        for round in snapshot.docker {
            let source = "docker:" + encoder.key(round.host)
            for (key, body) in encoder.rows(of: source, roundAt: round.roundAt, build: {
                var built = [("", encoder.body(
                    SourceHeader(failure: round.failure, statsFailure: round.statsFailure, lastGoodAt: round.lastGoodAt), source: source, key: ""))]
                for container in round.containers {
                    let key = encoder.key(container.containerID)
                    built.append((key, encoder.body(ContainerRow(container), source: source, key: key)))
                }
                return built
            }) { rows.set(source: source, key: key, body: body) }
        }
        for round in snapshot.kubernetes {
            let source = "kube:" + encoder.key(round.context)
            for (key, body) in encoder.rows(of: source, roundAt: round.roundAt, build: {
                var built = [("", encoder.body(
                    SourceHeader(failure: round.failure, lastGoodAt: round.lastGoodAt, watching: round.watching, notes: round.notes),
                    source: source, key: ""))]
                for node in round.nodes {
                    let key = "node:" + encoder.key(node.name)
                    built.append((key, encoder.body(NodeRow(node), source: source, key: key)))
                }
                for event in round.events {
                    let key = "event:" + encoder.key(event.uid)
                    built.append((key, encoder.body(EventRow(event), source: source, key: key)))
                }
                for pod in round.pods {
                    let key = encoder.key(pod.namespace + "/" + pod.name)
                    built.append((key, encoder.body(PodRow(pod), source: source, key: key)))
                }
                return built
            }) { rows.set(source: source, key: key, body: body) }
        }
        for round in snapshot.alertmanagers {
            let source = "alerts:" + encoder.key(round.source)
            rows.set(source: source, key: "", body: encoder.body(
                SourceHeader(failure: round.failure, lastGoodAt: round.lastGoodAt, countsSilenced: round.countsSilenced), source: source, key: ""))
            for alert in round.alerts {
                let key = encoder.key(alert.fingerprint)
                rows.set(source: source, key: key, body: encoder.body(AlertRow(alert), source: source, key: key))
            }
        }
        if let host = snapshot.host { rows.set(source: "host", key: "", body: encoder.hostBody(host)) }
        for (id, state) in snapshot.probeStates.sorted(by: { $0.key < $1.key }) where id.kind != .logSources {
            let key = encoder.key(id.kind.rawValue + " " + id.name)
            rows.set(source: "probes", key: key, body: encoder.body(ProbeRow(id: id, state: state), source: "probes", key: key))
        }
        return rows
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
