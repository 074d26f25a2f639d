import Foundation

/// What the `docker events` stream has said since the probe last looked, and so what a round must
/// read: the whole list (`docker ps`), a few containers (`docker inspect`), or nothing at all.
///
/// Nothing is skipped on trust. The list is read in full while the stream is not known to be
/// listening (not started, ended, or started after the last list began), when containers may have
/// come or gone, after a round that failed, and at least every `relistInterval` as a safety net for
/// anything the stream missed. A container an event names is inspected in the next round, unless
/// the events carried all the row needs (a start, a die with its exit code, a health verdict: see
/// `DockerEvent.carriesItsChange`): those are applied as they came (`takeCarried`), and the
/// container is inspected at most every `healthRecheck` to confirm what no event carries (restart
/// count, OOM, the detail view), as is one whose only news is a health check run without a verdict
/// (podman 4 reports every run, and its Docker API drops the verdict). When a round inspects at
/// all, it reads every container with news pending in that one `docker inspect`, so a crash loop
/// and two health checks cost one inspect per `healthRecheck`, not one each.
struct ContainerChanges: Sendable {
    enum Plan: Equatable, Sendable {
        /// `docker ps`, then inspect what changed plus these (named by events).
        case relist(also: [String])
        /// `docker inspect` of these only.
        case inspect([String])
        /// Nothing happened: the cached rows are current.
        case quiet
    }

    typealias Instant = ContinuousClock.Instant

    let relistInterval: Duration
    let healthRecheck: Duration
    /// How long a new stream must have run before a list begun after that is trusted to be followed by
    /// it: `docker events` prints nothing once it has subscribed, so its start is all there is to go by.
    let settle: Duration

    private var streamStartedAt: Instant?
    private var listedAt: Instant?
    private var mustRelist = true
    private var changed: Set<String> = []
    private var healthChecked: Set<String> = []
    /// Containers whose row events changed since their last inspect.
    private var unconfirmed: Set<String> = []
    private var carried: [DockerEvent] = []
    private var inspectedAt: [String: Instant] = [:]

    init(relistInterval: Duration, healthRecheck: Duration, settle: Duration) {
        self.relistInterval = relistInterval
        self.healthRecheck = healthRecheck
        self.settle = settle
    }

    /// True while a stream runs that started long enough before the last list.
    var isFollowing: Bool {
        guard let streamStartedAt, let listedAt else { return false }
        return listedAt >= streamStartedAt.advanced(by: settle)
    }

    mutating func streamStarted(at instant: Instant) {
        streamStartedAt = instant
    }

    /// The stream ended (the engine went away, or it cannot stream): list every round until a new one follows.
    mutating func streamEnded() {
        streamStartedAt = nil
        mustRelist = true
    }

    mutating func record(_ event: DockerEvent) {
        if event.carriesItsChange {
            carried.append(event)
            unconfirmed.insert(event.containerID)
            return
        }
        switch event.kind {
        case .membership: mustRelist = true
        case .health: healthChecked.insert(event.containerID)
        case .state: changed.insert(event.containerID)
        }
    }

    /// A carried event could not be applied: the container is inspected in the next plan.
    mutating func mustInspect(_ id: String) {
        changed.insert(id)
    }

    /// The events to apply to the rows as they came, in order, since the last call.
    mutating func takeCarried() -> [DockerEvent] {
        defer { carried.removeAll() }
        return carried
    }

    /// This round's reads; the changes it covers are taken off the books (a failed read puts them back
    /// through `readFailed`).
    mutating func take(at now: Instant) -> Plan {
        let pending = healthChecked.union(unconfirmed)
        let due = pending.filter { id in inspectedAt[id].map { now - $0 >= healthRecheck } ?? true }
        // One inspect reads every container with news, due or not: the next round then has none to read.
        let named = changed.union(due).isEmpty ? [] : changed.union(pending)
        if mustRelist || !isFollowing || listedAt.map({ now - $0 >= relistInterval }) ?? true {
            mustRelist = false
            changed.removeAll()
            healthChecked.subtract(named)
            unconfirmed.subtract(named)
            return .relist(also: named.sorted())
        }
        guard !named.isEmpty else { return .quiet }
        changed.removeAll()
        healthChecked.subtract(named)
        unconfirmed.subtract(named)
        return .inspect(named.sorted())
    }

    /// A `docker ps` begun at `instant` succeeded: events from then on are news to it.
    mutating func listed(at instant: Instant) {
        listedAt = instant
    }

    /// An inspect read these: whatever news they had is confirmed.
    mutating func inspected(_ ids: some Sequence<String>, at instant: Instant) {
        for id in ids {
            inspectedAt[id] = instant
            healthChecked.remove(id)
            unconfirmed.remove(id)
        }
    }

    /// A round could not read what it planned to (or found a container gone): the next one lists all.
    mutating func readFailed() {
        mustRelist = true
    }

    /// Forgets containers that are gone.
    mutating func keep(only live: Set<String>) {
        inspectedAt = inspectedAt.filter { live.contains($0.key) }
        healthChecked.formIntersection(live)
        unconfirmed.formIntersection(live)
    }
}
