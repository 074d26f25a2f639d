import Foundation
import TriageCore
import TriageProbes

/// Everything in a ``DashboardSnapshot`` as one list of judged entities, worst and newest first:
/// the wall's outage board (and, later, the dashboard and `triage check`) read the same list.
///
/// Each state is the one the panes already decide: a check's state machine, a container's
/// `healthState`, a pod's `healthState(now:)`, a node's `healthState`, the Host pane's findings.
/// A docker host or Kubernetes context whose round failed is an `unknown` entity of its own with
/// the tool's error (the panes mark such data stale with `unknown` too), and keeps its last rows.
public struct OutageEntities: Sendable, Equatable {
    /// Two pictures are the same when they list the same entities in the same order (``rank`` and
    /// the positions by source are made from ``all``).
    public static func == (a: OutageEntities, b: OutageEntities) -> Bool {
        a.everySourceAnswered == b.everySourceAnswered && a.all == b.all
    }

    /// Every entity, ok ones included, in ``OutageEntity/outageOrder(_:_:)``.
    public var all: [OutageEntity]
    /// False while some source has not answered yet (no host sample, a check with no result,
    /// discovery still running) or did not answer this round.
    public var everySourceAnswered: Bool

    /// Warning events seen within this window make a context's events entity a warning; older
    /// ones (the probe keeps an hour of them) no longer hold off "all clear".
    public static let recentEventWindow: TimeInterval = ContainerInfo.recentChangeWindow

    /// The ones that are not ok.
    public var failing: [OutageEntity] { all.filter { $0.state != .ok } }
    /// True only when every source answered and nothing is wrong: the one case the wall says "ALL CLEAR".
    public var allClear: Bool { everySourceAnswered && failing.isEmpty }

    /// Where each entity stands in ``all``, by key: what the panes sort by (made once, read per row;
    /// the pods' only when one is asked for).
    public internal(set) var rank: EntityRank

    /// Where each source's entities stand in ``all``, by source: ``of(source:)`` asks each source
    /// once, not each entity (made once, read by every pane each frame).
    var positionsBySource: [String: [Int]]
    /// Where the entities other than pods stand in ``all``, increasing, when the picture was merged
    /// (``init(sortedOthers:orderedPods:podOrigins:slotSources:everySourceAnswered:)``); nil otherwise.
    /// A merged picture can be patched by the pods that moved (``patch(_:slotSources:everySourceAnswered:)``).
    var otherPositions: [Int]?

    public init(all: [OutageEntity], everySourceAnswered: Bool) {
        self.all = all
        self.everySourceAnswered = everySourceAnswered
        rank = EntityRank(all)
        // The few sources searched in a list, the last one found first, each entity read where it
        // stands: hashing the source of each of 5,000 pods was a large part of a new picture.
        var sources: [String] = []
        var positions: [[Int]] = []
        var last = 0
        for offset in all.indices {
            if last >= sources.count || sources[last] != all[offset].source {
                if let found = sources.firstIndex(of: all[offset].source) {
                    last = found
                } else {
                    sources.append(all[offset].source)
                    positions.append([])
                    last = sources.count - 1
                }
            }
            positions[last].append(offset)
        }
        positionsBySource = Dictionary(uniqueKeysWithValues: zip(sources, positions))
        otherPositions = nil
    }

    /// - Parameter sources: what the session was started with, when known: a configured docker host
    ///   or context with no round yet has not answered.
    public init(_ snapshot: DashboardSnapshot, now: Date, sources: DashboardSources? = nil) {
        var answered = true
        var memo = OtherEntitiesMemo()
        let all = Self.entities(snapshot, now: now, sources: sources, answered: &answered, memo: &memo) { _, context, staleSince, suffix in
            let source = "kube:" + context.context
            return context.pods.map { Self.podEntity($0, now: now, source: source, staleSince: staleSince, suffix: suffix) }
        }
        self.init(all: all.sortedInOutageOrder(), everySourceAnswered: answered)
    }

    /// The picture of a snapshot whose pods' entities were kept from the last one
    /// (``PodEntityIndex``): the other entities, already sorted, merged with the pods', both in
    /// ``OutageEntity/outageOrder(_:_:)``. The same picture as ``init(_:now:sources:)``: no pod's
    /// entity ties with another kind's in that order. Each pod's source is its context slot's
    /// (`podOrigins[i]` is where `pods[i]` came from, `slotSources` each slot's source): the positions by
    /// source and the ranks are made as the entities are merged, without reading each pod's source
    /// and kind again (1.3 M instructions with 5,000 pods, docs/PERFORMANCE.md (a) round six).
    init(sortedOthers others: [OutageEntity], orderedPods pods: [OutageEntity], podOrigins: [PodEntityIndex.Origin], slotSources: [String],
         everySourceAnswered: Bool) {
        precondition(podOrigins.count == pods.count)
        var all: [OutageEntity] = []
        all.reserveCapacity(others.count + pods.count)
        var sources: [String] = []
        var positions: [[Int]] = []
        func place(_ source: String) -> Int {
            if let found = sources.firstIndex(of: source) { return found }
            sources.append(source)
            positions.append([])
            return sources.count - 1
        }
        let slotPlaces = slotSources.map(place)
        var otherPositions: [Int] = []
        otherPositions.reserveCapacity(others.count)
        var from = 0
        func appendPods(upTo end: Int) {
            for index in from..<end { positions[slotPlaces[podOrigins[index].slot]].append(all.count + index - from) }
            all.append(contentsOf: pods[from..<end])
            from = end
        }
        for entity in others {
            // Each of the few others placed among the many pods by a binary search.
            var low = from, high = pods.count
            while low < high {
                let middle = (low + high) / 2
                if OutageEntity.outageOrder(pods[middle], entity) { low = middle + 1 } else { high = middle }
            }
            appendPods(upTo: low)
            positions[place(entity.source)].append(all.count)
            otherPositions.append(all.count)
            all.append(entity)
        }
        appendPods(upTo: pods.count)
        self.all = all
        self.everySourceAnswered = everySourceAnswered
        rank = EntityRank(all, otherPositions: otherPositions)
        positionsBySource = Dictionary(uniqueKeysWithValues: zip(sources, positions).filter { !$0.1.isEmpty })
        self.otherPositions = otherPositions
    }

    /// Every entity of `snapshot` in the order its sources list them, with each context's pods
    /// where `pods` makes them (given the context's slot, when its rows turned stale and the
    /// suffix that names the context); `answered` is cleared when some source has not answered.
    ///
    /// The checks', containers' and nodes' entities are `memo`'s when their inputs are the ones it
    /// last made them from (``OtherEntitiesMemo``).
    static func entities(
        _ snapshot: DashboardSnapshot, now: Date, sources: DashboardSources?, answered: inout Bool, memo: inout OtherEntitiesMemo,
        pods: (_ slot: Int, _ context: KubeSnapshot, _ staleSince: Date?, _ suffix: String) -> [OutageEntity]
    ) -> [OutageEntity] {
        defer { memo.finish() }
        var all: [OutageEntity] = []
        answered = snapshot.host != nil && snapshot.discovery != .running
        if let sources, snapshot.docker.count < sources.dockerHosts.count || snapshot.kubernetes.count < sources.kubeContexts.count {
            answered = false
        }
        for name in snapshot.serviceOrder {
            guard let track = snapshot.services[name] else { continue }
            if track.latest == nil { answered = false }
            let reason = track.state == .ok ? nil : (track.reason ?? (track.latest == nil ? "no result yet" : nil))
            all.append(memo.entity(.service(name: name, state: track.state, kind: track.kind, reason: reason, since: track.lastChange)) {
                OutageEntity(
                    state: track.state, kind: Self.kind(track.kind), name: Self.clean(name), reason: reason.map { Self.clean($0) },
                    since: track.lastChange, source: "services", key: "service:" + name)
            })
        }
        let multiHost = snapshot.docker.count > 1
        for host in snapshot.docker {
            let source = "docker:" + host.host
            let staleSince = Self.staleSince(failure: host.failure, hasRows: !host.containers.isEmpty, lastGoodAt: host.lastGoodAt, roundAt: host.roundAt, now: now)
            if let failure = host.failure {
                answered = false
                all.append(OutageEntity(
                    state: .unknown, kind: .source, name: "docker " + Self.clean(host.host),
                    reason: Self.clean(failure), since: host.lastGoodAt, source: source, key: "source:docker/" + host.host))
            }
            for container in host.containers {
                let state = container.healthState, reason = container.reason
                let inputs = OtherEntitiesMemo.Inputs.container(
                    host: host.host, name: container.name, containerHost: container.host, multiHost: multiHost, state: state, reason: reason,
                    since: container.stateSince, staleSince: staleSince)
                all.append(memo.entity(inputs) {
                    let name = Self.clean(container.name) + (multiHost ? " @ " + Self.clean(container.host) : "")
                    return OutageEntity(
                        state: state, kind: .container, name: name, reason: reason.map { Self.clean($0) },
                        since: container.stateSince, source: source, key: "container:\(host.host)/\(container.name)", staleSince: staleSince)
                })
            }
        }
        let multiContext = Self.namesContexts(snapshot.kubernetes)
        for (slot, context) in snapshot.kubernetes.enumerated() {
            let contextName = Self.clean(context.context)
            let source = "kube:" + context.context
            let staleSince = Self.staleSince(of: context, now: now)
            if let failure = context.failure {
                answered = false
                all.append(OutageEntity(
                    state: .unknown, kind: .source, name: "context " + contextName, reason: Self.clean(failure),
                    since: context.lastGoodAt, source: source, key: "source:kube/" + context.context))
            }
            let suffix = multiContext ? " @ " + contextName : ""
            all += pods(slot, context, staleSince, suffix)
            for node in context.nodes {
                let state = node.healthState, reason = node.reason
                let inputs = OtherEntitiesMemo.Inputs.node(
                    context: context.context, name: node.name, suffix: suffix, state: state, reason: reason, staleSince: staleSince)
                all.append(memo.entity(inputs) {
                    OutageEntity(
                        state: state, kind: .node, name: Self.clean(node.name) + suffix,
                        reason: reason.map { Self.clean($0) }, source: source, key: "node:\(context.context)/\(node.name)",
                        staleSince: staleSince)
                })
            }
            // The warnings counted and the newest found where they stand: filtering copied every event.
            var warnings = 0
            var newestAt: Int?
            let events = context.events
            for index in events.indices where events[index].isWarning {
                warnings += 1
                // The first of the newest, as `max(by:)` over the warnings gave.
                if let at = newestAt, (events[at].lastSeen ?? .distantPast) >= (events[index].lastSeen ?? .distantPast) { continue }
                newestAt = index
            }
            if let newestAt {
                let newest = events[newestAt]
                let recent = newest.lastSeen.map { now.timeIntervalSince($0) < Self.recentEventWindow } ?? false
                let count = warnings == 1 ? "1 warning" : "\(warnings) warnings"
                all.append(OutageEntity(
                    state: recent ? .warn : .ok, kind: .events, name: "context " + contextName,
                    reason: Self.clean("\(count), newest \(newest.object) \(newest.reason): \(newest.message)"),
                    since: newest.lastSeen, source: source, key: "events:" + context.context, staleSince: staleSince))
            }
        }
        all += Self.alertEntities(snapshot.alertmanagers, now: now, answered: &answered)
        if let host = snapshot.host {
            let hostname = Self.clean(host.hostname)
            for (index, finding) in HostPaneBuilder.findings(host).enumerated() {
                all.append(OutageEntity(
                    state: finding.state, kind: .host, name: hostname, reason: finding.reason, source: "host",
                    key: "host:\(host.hostname)/\(index)"))
            }
        }
        return all
    }

    /// The context is named after each pod and node only where two contexts hold pods: a refused
    /// context has none to confuse.
    static func namesContexts(_ contexts: [KubeSnapshot]) -> Bool { contexts.count { !$0.pods.isEmpty } > 1 }

    /// When a context's rows turned stale, if they are (``staleSince(failure:hasRows:lastGoodAt:roundAt:now:)``).
    static func staleSince(of context: KubeSnapshot, now: Date) -> Date? {
        staleSince(failure: context.failure, hasRows: !context.pods.isEmpty || !context.nodes.isEmpty, lastGoodAt: context.lastGoodAt,
                   roundAt: context.roundAt, now: now)
    }

    /// One pod's entity. It depends on the time only through ``PodInfo/restartedRecently(now:)``.
    static func podEntity(_ pod: PodInfo, now: Date, source: String, staleSince: Date?, suffix: String) -> OutageEntity {
        let state = pod.healthState(now: now)
        return OutageEntity(
            state: state, kind: .pod, name: Self.clean(pod.namespace + "/" + pod.name) + suffix,
            reason: state == .ok ? nil : Self.podReason(pod, now: now), since: Self.podSince(pod), source: source,
            key: Self.podKey(pod), staleSince: staleSince)
    }

    /// The picture of some docker hosts and contexts alone (a pane built on its own, in tests).
    init(docker: [DockerSnapshot] = [], kubernetes: [KubeSnapshot] = [], now: Date) {
        var snapshot = DashboardSnapshot(startedAt: now)
        snapshot.docker = docker
        snapshot.kubernetes = kubernetes
        self.init(snapshot, now: now)
    }

    /// A source that has not reported for this long is stale even without a failure: its probe
    /// hangs (a kubectl that never returns), and what is shown is that old.
    public static let silentAfter: TimeInterval = 30

    /// When the rows of a source were last fresh, if they are old now: the source failed and kept its
    /// last good rows, or it has been silent for ``silentAfter``. A failed source with no rows has
    /// no old data to mark (its own `source` entity says it failed).
    static func staleSince(failure: String?, hasRows: Bool, lastGoodAt: Date?, roundAt: Date, now: Date) -> Date? {
        if failure != nil { return hasRows ? (lastGoodAt ?? roundAt) : nil }
        return now.timeIntervalSince(roundAt) >= silentAfter ? roundAt : nil
    }

    /// The key of a pod's entity: "pod:<context>/<namespace>/<name>".
    public static func podKey(_ pod: PodInfo) -> String { "pod:\(pod.context)/\(pod.namespace)/\(pod.name)" }

    /// Where the entities of one source ("kube:lab"), or of every source of a kind ("kube:"), stand
    /// in ``all``: each source's in picture order, the sources in no order.
    func positions(ofSource prefix: String) -> [[Int]] {
        positionsBySource.filter { $0.key.hasPrefix(prefix) }.map(\.value)
    }

    /// The entities of one source ("kube:lab"), or of every source of a kind ("kube:"), in picture order.
    public func of(source prefix: String) -> [OutageEntity] {
        let matching = positionsBySource.filter { $0.key.hasPrefix(prefix) }.values
        guard matching.count > 1 else { return matching.first.map { $0.map { all[$0] } } ?? [] }
        return matching.joined().sorted().map { all[$0] }
    }

    static func kind(_ kind: ServiceCheckResult.Kind) -> OutageEntity.Kind {
        switch kind {
        case .http, .dns, .tcp, .tls: .service
        case .command: .check
        case .prometheus: .query
        }
    }

    /// kubectl's STATUS, with the waiting or terminated message behind it when there is one.
    static func podReason(_ pod: PodInfo, now: Date) -> String {
        var reason = pod.status
        if pod.status == "Running", pod.readyContainers < pod.totalContainers { reason += " \(pod.readyText) ready" }
        if pod.restartedRecently(now: now) { reason += ", \(pod.restarts) restarts" }
        if let detail = pod.detail { reason += ": " + detail }
        return Self.clean(reason)
    }

    /// The latest of its last restart and a container's current termination (an OOM kill 5 s ago
    /// whose restart has not come yet), else the pod's creation: the best the pod says about when
    /// its trouble began.
    static func podSince(_ pod: PodInfo) -> Date? {
        // Without building arrays: this runs for every pod of every picture.
        var latest = pod.columns.lastRestartAt
        func consider(_ statuses: [KubeContainerStatus]) {
            for container in statuses {
                if case .terminated(let ended) = container.state, let finished = ended.finishedAt, latest.map({ finished > $0 }) ?? true {
                    latest = finished
                }
            }
        }
        consider(pod.facts.initContainerStatuses)
        consider(pod.facts.containerStatuses)
        return latest ?? pod.creationTimestamp
    }
}

extension OutageEntities {
    /// Outside text made safe for one row: controls dropped, line ends as spaces.
    static func clean(_ text: String) -> String { TerminalSanitizer.clean(text, newline: " ") }
}
