import Foundation
import TriageCore
import TriageProbes

extension SnapshotSourceRows {
    /// Turns each new snapshot into the recorded rows, changing only the rows whose recorded form
    /// changed: the rows are kept from one snapshot to the next (``SourceRows``, each table changed
    /// in place), a context's or docker host's lists are compared by storage and then item by item
    /// (``RecordedRowList``), and a row is encoded only when its recorded form differs from the one
    /// encoded last. A table no row of which changed stays the very table the recorder saw, which
    /// it then skips in one comparison.
    public final class Encoder {
        /// What recording the snapshots so far cost, counted: the guard against a diff of every row.
        public struct Counts: Sendable, Equatable {
            /// Rows whose recorded form was built and compared (their item changed, or is new).
            public var rowsBuilt = 0
            /// Rows encoded to JSON (their recorded form changed): each one also passed the redactor.
            public var rowsEncoded = 0
        }

        public private(set) var counts = Counts()
        private var current = SourceRows()
        private var cache: [String: (value: any Equatable, body: String)] = [:]
        private var lastHost: (time: Date, body: String)?
        private var keys: [String: String] = [:]
        private var containers: [String: RecordedRowList<ContainerInfo>] = [:]
        private var pods: [String: RecordedRowList<PodInfo>] = [:]
        private var nodes: [String: RecordedRowList<NodeInfo>] = [:]
        private var events: [String: RecordedRowList<KubeEvent>] = [:]
        private var alerts: [String: RecordedRowList<FiringAlert>] = [:]
        private let encoder: JSONEncoder = {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .secondsSince1970
            return encoder
        }()

        public init() {}

        /// The snapshot's rows, every text redacted.
        func rows(of snapshot: DashboardSnapshot) -> SourceRows {
            var seen: Set<String> = []
            setRows(of: "services", seen: &seen, snapshot.serviceOrder.compactMap { name in
                snapshot.services[name].map { track in (key(name), { self.body(ServiceRow(track), source: "services", key: $0) }) }
            })
            for round in snapshot.docker {
                let source = header("docker:", round.host, SourceHeader(
                    failure: round.failure, statsFailure: round.statsFailure, lastGoodAt: round.lastGoodAt), seen: &seen)
                update(&containers, source, round.containers, key: { self.key($0.containerID) }, row: ContainerRow.init)
            }
            for round in snapshot.kubernetes {
                let source = header("kube:", round.context, SourceHeader(
                    failure: round.failure, lastGoodAt: round.lastGoodAt, watching: round.watching, notes: round.notes), seen: &seen)
                update(&nodes, source, round.nodes, key: { "node:" + self.key($0.name) }, row: NodeRow.init)
                update(&events, source, round.events, key: { "event:" + self.key($0.uid) }, row: EventRow.init)
                update(&pods, source, round.pods, key: { self.key($0.namespace + "/" + $0.name) }, row: PodRow.init)
            }
            for round in snapshot.alertmanagers {
                let source = header("alerts:", round.source, SourceHeader(
                    failure: round.failure, lastGoodAt: round.lastGoodAt, countsSilenced: round.countsSilenced), seen: &seen)
                update(&alerts, source, round.alerts, key: { self.key($0.fingerprint) }, row: AlertRow.init)
            }
            setRows(of: "host", seen: &seen, snapshot.host.map { host in [("", { _ in self.hostBody(host) })] } ?? [])
            setRows(of: "probes", seen: &seen, snapshot.probeStates.sorted { $0.key < $1.key }.compactMap { id, state in
                id.kind == .logSources ? nil : (key(id.kind.rawValue + " " + id.name), { self.body(ProbeRow(id: id, state: state), source: "probes", key: $0) })
            })
            for source in current.sources where !seen.contains(source) { forget(source) }
            return current
        }

        /// Sets the own row of a docker host, context or Alertmanager (the source `prefix` + `name`) and returns the source.
        private func header(_ prefix: String, _ name: String, _ header: SourceHeader, seen: inout Set<String>) -> String {
            let source = prefix + key(name)
            seen.insert(source)
            set(source, "", body(header, source: source, key: ""))
            return source
        }

        /// Sets a small source's rows whole (checks, the host, probe states): each built every time,
        /// encoded only when changed; a row not in `rows` is removed.
        private func setRows(of source: String, seen: inout Set<String>, _ rows: [(key: String, body: (String) -> String)]) {
            guard !rows.isEmpty else { return }
            seen.insert(source)
            for (key, body) in rows { set(source, key, body(key)) }
            let present = Set(rows.map(\.key))
            for key in current[source]?.keys ?? [] where !present.contains(key) { set(source, key, nil) }
        }

        /// Brings one list of a source's rows up to `items` (see ``RecordedRowList``).
        private func update<Item: Equatable, Row: RecordedRow>(
            _ lists: inout [String: RecordedRowList<Item>], _ source: String, _ items: [Item], key: (Item) -> String, row: (Item) -> Row
        ) {
            lists[source, default: RecordedRowList()].update(
                items, key: key, put: { item, key in set(source, key, body(row(item), source: source, key: key)) },
                remove: { key in
                    set(source, key, nil)
                    cache[source + "\u{0}" + key] = nil
                })
        }

        private func set(_ source: String, _ key: String, _ body: String?) { current.set(source: source, key: key, body: body) }

        /// Drops a source the snapshot no longer has: its rows, lists and cached bodies.
        private func forget(_ source: String) {
            current.set(source: source, table: SourceRows.Table())
            containers[source] = nil
            pods[source] = nil
            nodes[source] = nil
            events[source] = nil
            alerts[source] = nil
            let prefix = source + "\u{0}"
            for id in cache.keys where id.hasPrefix(prefix) { cache[id] = nil }
        }

        func body<T: RecordedRow>(_ value: T, source: String, key: String) -> String {
            counts.rowsBuilt += 1
            let id = source + "\u{0}" + key
            if let cached = cache[id], let old = cached.value as? T, old == value { return cached.body }
            counts.rowsEncoded += 1
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
            counts.rowsEncoded += 1
            let body = (try? encoder.encode(HostRow(host).redacted())).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            lastHost = (host.time, body)
            return body
        }
    }
}
