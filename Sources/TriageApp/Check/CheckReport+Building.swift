import Foundation
import TriageCore
import TriageProbes

extension CheckReport {
    /// Judges one round: every result becomes an entry with its state and reason.
    ///
    /// A docker host or Kubernetes context that did not answer becomes one `*` entry in `containers`
    /// (or `pods`, or `nodes` when the pods were read) with state `unknown` and the tool's reason, so
    /// "could not look" is never read as "nothing there" by a script that only counts entries.
    ///
    /// Every entry's state, reason and since are then taken from the round's ``OutageEntities``: the
    /// picture the wall and the dashboard panes show, so the three cannot disagree.
    public init(round: CheckRound, plan: CheckPlan) {
        let now = round.finishedAt
        let services = round.services.map { result in
            if let spec = plan.network.first(where: { $0.name == result.name }) { return Self.networkEntry(result, spec: spec) }
            return Self.serviceEntry(result, spec: plan.services.first { $0.name == result.name })
        }
        let checks = round.checks.map { result in
            Self.commandEntry(result, spec: plan.checks.first { $0.name == result.name })
        }
        let prometheus = round.prometheus.map { result in
            Self.queryEntry(result, spec: plan.prometheus.first { $0.name == result.name })
        }
        var containers: [CheckEntry] = []
        var sources: [CheckEntry] = []
        for result in round.docker {
            if let failure = result.failure {
                containers.append(CheckEntry(name: "*", state: .unknown, reason: failure, pictureKey: "source:docker/" + result.target.tag, fields: [
                    JSONField("host", .string(result.target.tag)), JSONField("id", .null), JSONField("image", .null),
                    JSONField("status", .string("unreachable")), JSONField("statusText", .null),
                    JSONField("health", .string(ContainerHealth.none.rawValue)), JSONField("restarts", .null),
                    JSONField("exitCode", .null), JSONField("oomKilled", .bool(false)),
                    JSONField("cpuPercent", .null), JSONField("memoryPercent", .null),
                ]))
            }
            containers += result.containers.map { Self.containerEntry($0, tag: result.target.tag) }
            var fields = [
                JSONField("kind", .string("docker")),
                JSONField("endpoint", .string(Self.endpointText(result.target.endpoint))),
                JSONField("containers", .int(result.containers.count)),
            ]
            if let stats = result.statsFailure { fields.append(JSONField("notes", .array([.string(stats)]))) }
            sources.append(CheckEntry(
                name: result.target.tag, state: result.failure == nil ? .ok : .unknown, reason: result.failure,
                pictureKey: "source:docker/" + result.target.tag, fields: fields))
        }
        var pods: [CheckEntry] = []
        var nodes: [CheckEntry] = []
        var events: [CheckEntry] = []
        for result in round.kubernetes {
            let context = result.target.contextName
            if let failure = result.failure {
                if result.pods.isEmpty {
                    pods.append(CheckEntry(name: "*", state: .unknown, reason: failure, pictureKey: "source:kube/" + context, fields: [
                        JSONField("context", .string(context)), JSONField("namespace", .string("*")),
                        JSONField("status", .string("Unknown")), JSONField("ready", .null), JSONField("restarts", .null),
                        JSONField("node", .null), JSONField("age", .null),
                    ]))
                } else {
                    nodes.append(CheckEntry(name: "*", state: .unknown, reason: failure, pictureKey: "source:kube/" + context, fields: [
                        JSONField("context", .string(context)), JSONField("status", .string("Unknown")),
                        JSONField("pressures", .array([])), JSONField("version", .null),
                    ]))
                }
            }
            pods += result.pods.map { Self.podEntry($0, now: now) }
            nodes += result.nodes.map(Self.nodeEntry)
            if let entry = Self.eventsEntry(result.events, context: context) { events.append(entry) }
            var fields = [
                JSONField("kind", .string("kubernetes")),
                JSONField("namespaces", .array(result.target.namespaces.map(JSONValue.string))),
                JSONField("selector", .string(result.target.selector)),
                JSONField("pods", .int(result.pods.count)),
                JSONField("nodes", .int(result.nodes.count)),
            ]
            if !result.notes.isEmpty { fields.append(JSONField("notes", .array(result.notes.map(JSONValue.string)))) }
            sources.append(CheckEntry(
                name: context, state: result.failure == nil ? .ok : .unknown, reason: result.failure,
                pictureKey: "source:kube/" + context, fields: fields))
        }
        let (alerts, alertSources) = Self.alertEntries(round.alertmanagers, plan: plan)
        sources += alertSources
        let (host, figures) = Self.hostEntries(round.host)
        self.init(
            checkedAt: round.startedAt, duration: .milliseconds(Int64(round.finishedAt.timeIntervalSince(round.startedAt) * 1000)),
            configPath: plan.configPath, services: services, checks: checks, prometheus: prometheus, containers: containers,
            pods: pods, nodes: nodes, host: host, hostFigures: figures, sources: sources, notes: plan.notes)
        self.events = events
        self.alerts = alerts
        hostCounted = plan.hostCounted
        takePicture(OutageEntities(DashboardSnapshot(round: round), now: now))
        if !hostCounted { notes.append("host: shown, not counted in the state or exit status (--skip host or host: {enabled: false})") }
    }

    // MARK: Services

    static func serviceEntry(_ result: ServiceCheckResult, spec: HTTPCheckSpec?) -> CheckEntry {
        // URLs and argv come from the config and may carry credentials (user:pass@, ?token=): masked as in exports.
        var fields = [JSONField("url", .string(spec.map { SecretRedactor.redact($0.url) })), JSONField("method", .string(spec?.method))]
        if case .http(let http) = result.detail {
            fields += [
                JSONField("statusCode", .int(http.statusCode)),
                JSONField("latencyMs", .number(http.timings.total.map { rounded($0.seconds * 1000) })),
                JSONField("expectStatus", .string(spec?.expectStatus.description)),
            ]
            fields.append(JSONField("timingsMs", .object(timingFields(http.timings))))
            if let days = http.certificateDaysLeft { fields.append(JSONField("certDaysLeft", .int(days))) }
            if let certificate = http.certificate { fields.append(certificateField(certificate)) }
        }
        return CheckEntry(name: result.name, state: result.state, reason: result.reason, pictureKey: "service:" + result.name, fields: fields)
    }

    /// A DNS, TCP or TLS check: its kind, target and what the tool saw (fields in docs/CHECK.md).
    static func networkEntry(_ result: ServiceCheckResult, spec: NetworkCheckSpec) -> CheckEntry {
        var fields = [JSONField("kind", .string(spec.kind.rawValue)), JSONField("target", .string(spec.targetText))]
        switch result.detail {
        case .dns(let network), .tcp(let network), .tls(let network):
            fields.append(JSONField("latencyMs", .number(network.duration.map { rounded($0.seconds * 1000) })))
            if case .dns = result.detail {
                fields.append(JSONField("dnsStatus", .string(network.dnsStatus)))
                fields.append(JSONField("answers", .array(network.answers.map(JSONValue.string))))
            }
            if case .tls = result.detail {
                fields.append(JSONField("verification", .string(network.verification)))
                if let certificate = network.certificate {
                    fields.append(JSONField("certDaysLeft", .int(certificate.daysLeft(now: result.checkedAt))))
                    fields.append(certificateField(certificate))
                }
            }
        default:
            break
        }
        return CheckEntry(name: result.name, state: result.state, reason: result.reason, fields: fields)
    }

    static func certificateField(_ certificate: CertificateFacts) -> JSONField {
        JSONField("certificate", .object([
            JSONField("subject", .string(certificate.subject)),
            JSONField("issuer", .string(certificate.issuer)),
            JSONField("notAfter", .string(ISO8601DateFormatter().string(from: certificate.notAfter))),
        ]))
    }

    /// curl's phase times for one transfer, each from that transfer's own start (null: not reached).
    static func timingFields(_ timings: HTTPCheckResult.Timings) -> [JSONField] {
        func ms(_ duration: Duration?) -> JSONValue { .number(duration.map { ($0.seconds * 10_000).rounded() / 10 }) }
        return [
            JSONField("dns", ms(timings.nameLookup)), JSONField("connect", ms(timings.connect)),
            JSONField("tls", ms(timings.tlsHandshake)), JSONField("firstByte", ms(timings.firstByte)),
            JSONField("total", ms(timings.total)),
        ]
    }

    static func commandEntry(_ result: ServiceCheckResult, spec: CommandCheckSpec?) -> CheckEntry {
        var fields = [JSONField("command", .array((spec?.argv ?? []).map { .string(SecretRedactor.redact($0)) }))]
        if case .command(let command) = result.detail {
            fields += [
                JSONField("exitCode", .int(command.exitCode.map(Int.init))),
                JSONField("status", .string(command.statusText)),
                JSONField("durationMs", .number(rounded(command.duration.seconds * 1000))),
            ]
        }
        return CheckEntry(name: result.name, state: result.state, reason: result.reason, pictureKey: "service:" + result.name, fields: fields)
    }

    static func queryEntry(_ result: ServiceCheckResult, spec: PrometheusQuerySpec?) -> CheckEntry {
        var fields = [JSONField("server", .string(spec.map { SecretRedactor.redact($0.serverURL) })), JSONField("query", .string(spec?.query))]
        if case .prometheus(let query) = result.detail {
            fields.append(JSONField("resultType", .string(query.resultType)))
            fields.append(JSONField("samples", .array(query.samples.map { sample in
                .object([
                    JSONField("labels", .object(sample.labels.sorted { $0.key < $1.key }.map { JSONField($0.key, .string($0.value)) })),
                    JSONField("value", sampleValue(sample.value)),
                    JSONField("state", .string(sample.state.rawValue)),
                ])
            })))
        }
        return CheckEntry(name: result.name, state: result.state, reason: result.reason, pictureKey: "service:" + result.name, fields: fields)
    }

    /// A sample value as Prometheus's own API writes a non-finite one: the string `"+Inf"`,
    /// `"-Inf"` or `"NaN"` (JSON has no such numbers, and null would lose which it was).
    static func sampleValue(_ value: Double) -> JSONValue {
        NumberText.nonFinite(value).map(JSONValue.string) ?? .double(value)
    }

    // MARK: Containers, pods, nodes

    static func containerEntry(_ container: ContainerInfo, tag: String) -> CheckEntry {
        CheckEntry(name: container.name, state: container.healthState, reason: container.reason, pictureKey: "container:\(tag)/\(container.name)", fields: [
            JSONField("host", .string(container.host)),
            JSONField("id", .string(container.containerID)),
            JSONField("image", .string(container.image)),
            JSONField("status", .string(container.state.word)),
            JSONField("statusText", .string(container.statusText)),
            JSONField("health", .string(container.health.rawValue)),
            JSONField("restarts", .int(container.restarts)),
            JSONField("exitCode", .int(container.exitCode)),
            JSONField("oomKilled", .bool(container.oomKilled)),
            JSONField("cpuPercent", .number(container.stats?.cpuPercent.map(rounded))),
            JSONField("memoryPercent", .number(container.stats?.memoryPercentOfLimit.map(rounded))),
        ])
    }

    static func podEntry(_ pod: PodInfo, now: Date) -> CheckEntry {
        let state = pod.healthState(now: now)
        // The reason is the picture's (`OutageEntities.podReason`), taken in `takePicture(_:)`.
        return CheckEntry(name: pod.name, state: state, reason: nil, pictureKey: OutageEntities.podKey(pod), fields: [
            JSONField("context", .string(pod.context)),
            JSONField("namespace", .string(pod.namespace)),
            JSONField("status", .string(pod.status)),
            JSONField("ready", .string(pod.readyText)),
            JSONField("restarts", .int(pod.restarts)),
            JSONField("node", .string(pod.node)),
            JSONField("age", .string(pod.ageText(now: now))),
        ])
    }

    static func nodeEntry(_ node: NodeInfo) -> CheckEntry {
        CheckEntry(name: node.name, state: node.healthState, reason: node.reason, pictureKey: "node:\(node.context)/\(node.name)", fields: [
            JSONField("context", .string(node.context)),
            JSONField("status", .string(node.statusText)),
            JSONField("pressures", .array(node.pressures.map(JSONValue.string))),
            JSONField("version", .string(node.kubeletVersion.isEmpty ? nil : node.kubeletVersion)),
        ])
    }

    /// One context's warning events: state and reason come from the picture (``takePicture(_:)``),
    /// every event is a field. Nil when the context has none.
    static func eventsEntry(_ all: [KubeEvent], context: String) -> CheckEntry? {
        let warnings = all.filter(\.isWarning).sorted { ($0.lastSeen ?? .distantPast) > ($1.lastSeen ?? .distantPast) }
        guard !warnings.isEmpty else { return nil }
        let items: [JSONValue] = warnings.map { event in
            .object([
                JSONField("object", .string(event.object)), JSONField("namespace", .string(event.namespace)),
                JSONField("reason", .string(event.reason)), JSONField("message", .string(event.message)),
                JSONField("count", .int(event.count)), JSONField("lastSeen", .string(event.lastSeen.map(timestamp))),
            ])
        }
        return CheckEntry(name: context, state: .ok, reason: nil, pictureKey: "events:" + context, fields: [
            JSONField("context", .string(context)), JSONField("count", .int(warnings.count)), JSONField("warnings", .array(items)),
        ])
    }

    /// Takes every entry's state, reason and since from the picture. The host entry is the host's
    /// entities together: the worst of their states, their reasons joined.
    mutating func takePicture(_ picture: OutageEntities) {
        self.picture = picture
        let byKey = Dictionary(picture.all.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        func take(_ entries: inout [CheckEntry]) {
            for index in entries.indices {
                guard let key = entries[index].pictureKey, let entity = byKey[key] else { continue }
                entries[index].take(entity)
            }
        }
        take(&services)
        take(&checks)
        take(&prometheus)
        take(&containers)
        take(&pods)
        take(&nodes)
        take(&events)
        take(&alerts)
        take(&sources)
        let findings = picture.all.filter { $0.kind == .host }
        let worst = findings.map(\.state).max() ?? .ok
        host = CheckEntry(name: host.name, state: worst, reason: findings.compactMap(\.reason).joined(separator: "; "), fields: host.fields)
    }

    // MARK: Host

    /// The host entry (figures nested as fields) and the same figures as separate entries for the table.
    static func hostEntries(_ host: HostSnapshot) -> (CheckEntry, [CheckEntry]) {
        let cpu = CheckEntry(name: "cpu", state: .ok, reason: nil, fields: [
            JSONField("percent", .number(host.cpuPercent.map(rounded))),
            JSONField("count", .int(host.cpuCount)),
        ])
        var figures = [cpu]
        var load: CheckEntry?
        if let average = host.load {
            let state = average.state(cpuCount: host.cpuCount)
            let perCPU = host.cpuCount > 0 ? average.one / Double(host.cpuCount) : .nan
            let entry = CheckEntry(
                name: "load", state: state,
                reason: "load \(format(average.one)) on \(host.cpuCount) CPUs (\(format(perCPU)) per CPU)",
                fields: [
                    JSONField("one", .number(average.one)), JSONField("five", .number(average.five)),
                    JSONField("fifteen", .number(average.fifteen)), JSONField("perCpu", .number(rounded(perCPU))),
                ])
            load = entry
            figures.append(entry)
        }
        var memory: CheckEntry?
        if let usage = host.memory {
            let entry = CheckEntry(
                name: "memory", state: usage.state, reason: "memory \(format(usage.usedPercent))% used",
                fields: [
                    JSONField("usedPercent", .number(rounded(usage.usedPercent))),
                    JSONField("totalBytes", .int(Int(clamping: usage.totalKiB * 1024))),
                    JSONField("availableBytes", .int(Int(clamping: usage.availableKiB * 1024))),
                    JSONField("swapUsedPercent", .number(rounded(usage.swapUsedPercent))),
                ])
            memory = entry
            figures.append(entry)
        }
        let disks = host.disks.map { disk in
            CheckEntry(
                name: disk.mountPoint, state: disk.state, reason: "disk \(disk.mountPoint) \(format(disk.usedPercent))% used",
                fields: [
                    JSONField("device", .string(disk.device)), JSONField("fsType", .string(disk.fsType)),
                    JSONField("usedPercent", .number(disk.usedPercent)),
                    JSONField("totalBytes", .int(Int(clamping: disk.totalBytes))),
                    JSONField("availableBytes", .int(Int(clamping: disk.availableBytes))),
                ])
        }
        figures += disks
        let problems = host.problems.map { CheckEntry(name: "read", state: .unknown, reason: $0) }
        figures += problems
        let reasons = figures.filter { $0.state != .ok }.compactMap(\.reason)
        let entry = CheckEntry(name: host.hostname, state: host.state, reason: reasons.joined(separator: "; "), fields: [
            JSONField("cpuCount", .int(host.cpuCount)),
            JSONField("cpuPercent", .number(host.cpuPercent.map(rounded))),
            JSONField("load", load?.json ?? .null),
            JSONField("memory", memory?.json ?? .null),
            JSONField("disks", .array(disks.map(\.json))),
            JSONField("problems", .array(host.problems.map(JSONValue.string))),
        ])
        return (entry, figures)
    }

    // MARK: Helpers

    static func endpointText(_ endpoint: DockerHostTarget.Endpoint) -> String {
        switch endpoint {
        case .cliDefault: "default"
        case .host(let host): host
        case .context(let name): "context:" + name
        }
    }

    /// One decimal place: figures for people, not for re-computation.
    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let tenth = rounded(value)
        return tenth == tenth.rounded() ? String(Int(tenth)) : String(tenth)
    }
}
