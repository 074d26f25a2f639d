import Foundation
import TriageCore
import TriageProbes

/// A row's recorded form: compared as read (cheap), redacted only when it changed and is encoded.
protocol RecordedRow: Codable, Equatable {
    /// The row with every free text passed through the redactor.
    func redacted() -> Self
}

/// The recorded form of each kind of row: what its pane shows, with short coding keys for the
/// kinds that come by the thousand (pods, containers).
extension SnapshotSourceRows {
    private static func clean(_ text: String?) -> String? { text.map(SecretRedactor.redact) }

    /// A source's own state: why its round failed and when it last answered.
    struct SourceHeader: RecordedRow {
        var failure: String?
        var statsFailure: String?
        var lastGoodAt: Date?
        var watching: Bool?
        var notes: [String]?
        var countsSilenced: Bool?

        init(failure: String?, statsFailure: String? = nil, lastGoodAt: Date?, watching: Bool? = nil, notes: [String]? = nil,
             countsSilenced: Bool? = nil) {
            self.countsSilenced = countsSilenced
            self.failure = failure
            self.statsFailure = statsFailure
            self.lastGoodAt = lastGoodAt
            self.watching = watching
            self.notes = notes
        }

        func redacted() -> Self {
            var copy = self
            copy.failure = clean(failure)
            copy.statsFailure = clean(statsFailure)
            copy.notes = notes.map { $0.map(SecretRedactor.redact) }
            return copy
        }
    }

    /// A Services row: the shown state, when it last changed, the newest reason and code, and the
    /// latency as of the last change (a latency alone changing is not a change of the pane's story).
    struct ServiceRow: RecordedRow {
        var name: String
        var kind: ServiceCheckResult.Kind
        var state: HealthState
        var since: Date?
        var reason: String?
        var code: Int?
        var latencyMilliseconds: Int?

        init(_ track: ServiceCheckTrack) {
            name = track.name
            kind = track.kind
            state = track.state
            since = track.lastChange
            reason = track.reason
            switch track.latest?.detail {
            case .http(let http): code = http.statusCode
            case .command(let command): code = command.exitCode.map(Int.init)
            default: code = nil
            }
            latencyMilliseconds = track.latest?.latency.map { Int($0.milliseconds) }
        }

        func redacted() -> Self {
            var copy = self
            copy.name = SecretRedactor.redact(name)
            copy.reason = clean(reason)
            return copy
        }

        static func == (a: ServiceRow, b: ServiceRow) -> Bool {
            (a.name, a.kind, a.state, a.since, a.reason, a.code) == (b.name, b.kind, b.state, b.since, b.reason, b.code)
        }

        /// The track as the pane reads it: this state since `since`, its newest round at `now`.
        func track(now: Date) -> ServiceCheckTrack {
            // One failing round shows as failing: the recorded state is already past the hysteresis.
            var track = ServiceCheckTrack(name: name, kind: kind, policy: .init(failuresToCrit: 1, successesToRecover: 1))
            let latency = latencyMilliseconds.map { Duration.milliseconds($0) }
            let detail: ServiceCheckResult.Detail
            switch kind {
            case .http: detail = .http(HTTPCheckResult(statusCode: code, timings: .init(total: latency), state: state, reason: reason))
            case .command:
                detail = .command(CommandCheckResult(exitCode: code.map { Int32(clamping: $0) }, statusText: "",
                                                     duration: latency ?? .zero, state: state, reason: reason))
            case .prometheus: detail = .prometheus(PrometheusQueryResult(resultType: "", samples: [], state: state, reason: reason))
            case .dns: detail = .dns(NetworkCheckResult(duration: latency, state: state, reason: reason))
            case .tcp: detail = .tcp(NetworkCheckResult(duration: latency, state: state, reason: reason))
            case .tls: detail = .tls(NetworkCheckResult(duration: latency, state: state, reason: reason))
            }
            if let since, since < now { track.record(ServiceCheckResult(name: name, detail: detail, checkedAt: since)) }
            track.record(ServiceCheckResult(name: name, detail: detail, checkedAt: max(now, since ?? now)))
            return track
        }
    }

    /// A Containers row: `docker ps` and `docker inspect`'s words (not the stats figures).
    struct ContainerRow: RecordedRow {
        var name: String
        var image: String
        var state: String
        var status: String
        var health: String
        var restarts: Int?
        var exitCode: Int?
        var oomKilled: Bool?
        var startedAt: Date?
        var finishedAt: Date?
        var restartedRecently: Bool?

        enum CodingKeys: String, CodingKey {
            case name = "n", image = "i", state = "s", status = "t", health = "h", restarts = "r", exitCode = "x"
            case oomKilled = "o", startedAt = "a", finishedAt = "f", restartedRecently = "rr"
        }

        init(_ container: ContainerInfo) {
            name = container.name
            image = container.image
            state = container.state.word
            status = container.statusText
            health = container.health.rawValue
            restarts = container.restarts
            exitCode = container.exitCode
            oomKilled = container.oomKilled ? true : nil
            startedAt = container.startedAt.map(Self.wholeSecond)
            finishedAt = container.finishedAt.map(Self.wholeSecond)
            restartedRecently = container.restartedRecently ? true : nil
        }

        func redacted() -> Self {
            var copy = self
            copy.name = SecretRedactor.redact(name)
            copy.image = SecretRedactor.redact(image)
            copy.status = SecretRedactor.redact(status)
            return copy
        }

        static func wholeSecond(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }

        func container(host: String, id: String) -> ContainerInfo {
            ContainerInfo(
                host: host, containerID: id, name: name, image: image, state: ContainerRunState(engineWord: state), statusText: status,
                health: ContainerHealth(rawValue: health) ?? .none, restarts: restarts, exitCode: exitCode, oomKilled: oomKilled ?? false,
                startedAt: startedAt, finishedAt: finishedAt, restartedRecently: restartedRecently ?? false)
        }
    }

    /// A Pods row: kubectl's READY, STATUS, RESTARTS and the message behind the status.
    struct PodRow: RecordedRow {
        var namespace: String
        var name: String
        var node: String?
        var createdAt: Date?
        var status: String
        var ready: Int
        var total: Int
        var restarts: Int
        var lastRestartAt: Date?
        /// A container's current termination (an OOM kill whose restart has not come yet): with the
        /// last restart, when the pod's trouble began, which the pane sorts by.
        var terminatedAt: Date?
        var detail: String?

        enum CodingKeys: String, CodingKey {
            case namespace = "ns", name = "n", node = "o", createdAt = "c", status = "s", ready = "r", total = "t"
            case restarts = "x", lastRestartAt = "l", terminatedAt = "e", detail = "d"
        }

        init(_ pod: PodInfo) {
            namespace = pod.namespace
            name = pod.name
            node = pod.node
            createdAt = pod.creationTimestamp
            status = pod.status
            ready = pod.readyContainers
            total = pod.totalContainers
            restarts = pod.restarts
            lastRestartAt = pod.columns.lastRestartAt
            terminatedAt = (pod.facts.initContainerStatuses + pod.facts.containerStatuses).compactMap { container -> Date? in
                if case .terminated(let ended) = container.state { return ended.finishedAt }
                return nil
            }.max()
            detail = pod.detail
        }

        func redacted() -> Self {
            var copy = self
            copy.name = SecretRedactor.redact(name)
            copy.detail = clean(detail)
            return copy
        }

        func pod(context: String) -> PodInfo {
            var pod = PodInfo(context: context, namespace: namespace, name: name, node: node, creationTimestamp: createdAt,
                              facts: KubePodFacts(message: detail ?? "", containerStatuses: terminatedAt.map { ended in
                                  [KubeContainerStatus(name: "", state: .terminated(.init(finishedAt: ended)))]
                              } ?? []))
            pod.columns.status = status
            pod.columns.readyContainers = ready
            pod.columns.totalContainers = total
            pod.columns.restarts = restarts
            pod.columns.lastRestartAt = lastRestartAt
            return pod
        }
    }

    /// A node's conditions, as the node rows show them.
    struct NodeRow: RecordedRow {
        var name: String
        var ready: String?
        var pressures: [String]
        var unschedulable: Bool
        var message: String

        init(_ node: NodeInfo) {
            name = node.name
            ready = node.readyStatus
            pressures = [("memory", node.memoryPressure), ("disk", node.diskPressure), ("pid", node.pidPressure),
                         ("network", node.networkUnavailable)].filter(\.1).map(\.0)
            unschedulable = node.unschedulable
            message = node.readyMessage
        }

        func redacted() -> Self {
            var copy = self
            copy.message = SecretRedactor.redact(message)
            return copy
        }

        func node(context: String) -> NodeInfo {
            NodeInfo(context: context, name: name, readyStatus: ready, memoryPressure: pressures.contains("memory"),
                     diskPressure: pressures.contains("disk"), pidPressure: pressures.contains("pid"),
                     networkUnavailable: pressures.contains("network"), unschedulable: unschedulable, readyMessage: message)
        }
    }

    /// A Kubernetes warning event, as the Pods pane lists it under the pods.
    struct EventRow: RecordedRow {
        var namespace: String
        var kind: String
        var name: String
        var reason: String
        var message: String
        var count: Int
        var lastSeen: Date?
        var type: String
        var uid: String

        init(_ event: KubeEvent) {
            namespace = event.namespace
            kind = event.objectKind
            name = event.objectName
            reason = event.reason
            message = event.message
            count = event.count
            lastSeen = event.lastSeen
            type = event.type
            uid = event.uid
        }

        func redacted() -> Self {
            var copy = self
            copy.message = SecretRedactor.redact(message)
            copy.uid = SecretRedactor.redact(uid)
            return copy
        }

        func event(context: String) -> KubeEvent {
            KubeEvent(context: context, namespace: namespace, objectKind: kind, objectName: name, reason: reason, message: message,
                      count: count, lastSeen: lastSeen, type: type, uid: uid)
        }
    }

    /// A firing alert, as the Services pane lists it.
    struct AlertRow: RecordedRow {
        var labels: [String: String]
        var annotations: [String: String]
        var startsAt: Date?
        var silencedBy: [String]?
        var silencedUntil: Date?

        init(_ alert: FiringAlert) {
            labels = alert.labels
            annotations = alert.annotations
            startsAt = alert.startsAt
            silencedBy = alert.silencedBy.isEmpty ? nil : alert.silencedBy
            silencedUntil = alert.silencedUntil
        }

        func redacted() -> Self {
            var copy = self
            copy.labels = labels.mapValues(SecretRedactor.redact)
            copy.annotations = annotations.mapValues(SecretRedactor.redact)
            return copy
        }

        func alert(fingerprint: String) -> FiringAlert {
            FiringAlert(fingerprint: fingerprint, labels: labels, annotations: annotations, startsAt: startsAt,
                        silencedBy: silencedBy ?? [], silencedUntil: silencedUntil)
        }
    }

    /// The host's figures (the whole sample: it is one row).
    struct HostRow: RecordedRow {
        var host: HostSnapshot

        init(_ host: HostSnapshot) { self.host = host }

        func redacted() -> Self {
            var copy = self
            copy.host.problems = host.problems.map(SecretRedactor.redact)
            return copy
        }
    }

    /// One source's engine state: when it last answered and why it does not now.
    struct ProbeRow: RecordedRow {
        var kind: String
        var name: String
        var lastGoodAt: Date?
        var lastError: String?
        var failures: Int

        init(id: ProbeID, state: ProbeState) {
            kind = id.kind.rawValue
            name = id.name
            lastGoodAt = state.lastGoodAt
            lastError = state.lastError
            failures = state.consecutiveFailures
        }

        func redacted() -> Self {
            var copy = self
            copy.lastError = clean(lastError)
            return copy
        }

        var id: ProbeID? { ProbeData.Kind(rawValue: kind).map { ProbeID($0, name) } }

        var state: ProbeState {
            var state = ProbeState()
            state.lastGoodAt = lastGoodAt
            state.lastAttemptAt = lastGoodAt
            state.lastError = lastError
            state.consecutiveFailures = failures
            return state
        }
    }
}
