import Foundation

/// One thing the probes watch, judged: a service check, a container, a pod, a node, a context's
/// warning events, a host figure, or a source that could not be reached.
///
/// The wall lists the ones that are not ok; built by `OutageEntities` (TriageApp) from the same
/// judgements the panes use, so the two cannot disagree.
public struct OutageEntity: Sendable, Equatable {
    /// What kind of thing this is, as the wall names it.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case service, check, query, container, pod, node, events, host
        /// A firing Alertmanager alert.
        case alert
        /// A docker host or Kubernetes context that did not answer this round.
        case source
    }

    public var state: HealthState
    public var kind: Kind
    /// Enough to tell it apart: "default/api-7d9", "backend @ lab", "context lab".
    public var name: String
    /// Why it is not ok, in the panes' words; nil when ok.
    public var reason: String?
    /// When it entered this state, when the source says so.
    public var since: Date?
    /// Which probe saw it: "docker:<host tag>", "kube:<context>", "services", "host",
    /// "alertmanager:<name>". The views pick
    /// their rows by it (the Pods pane shows the `kube:` ones).
    public var source: String
    /// Names it among all entities of one picture, whatever the display name looks like:
    /// "pod:lab/shop/api-7d9", "container:local/lab-backend", "source:kube/lab". What `triage check`
    /// and the panes look an entity up by.
    public var key: String
    /// When the data it was judged from was last fresh, set only when that data is old (its source
    /// failed and the rows are the last good ones, or the source has not reported for a while):
    /// "stale 42s" on screen. Nil for fresh data.
    public var staleSince: Date?

    public init(
        state: HealthState, kind: Kind, name: String, reason: String? = nil, since: Date? = nil, source: String = "",
        key: String? = nil, staleSince: Date? = nil
    ) {
        self.state = state
        self.kind = kind
        self.name = name
        self.reason = reason
        self.since = since
        self.source = source
        self.key = key ?? kind.rawValue + ":" + name
        self.staleSince = staleSince
    }

    /// Worst first (crit, warn, unknown, ok); within a state the newest change first, then the
    /// ones whose time is not known, then by kind and name so the order is stable.
    /// (``Swift/Array/sortedInOutageOrder()`` spells the same comparison on the entities in place.)
    public static func outageOrder(_ a: OutageEntity, _ b: OutageEntity) -> Bool {
        if a.state != b.state { return a.state > b.state }
        switch (a.since, b.since) {
        case let (x?, y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
        return a.name < b.name
    }
}

extension Array where Element == OutageEntity {
    /// The entities in ``OutageEntity/outageOrder(_:_:)``, entities it does not tell apart in the
    /// order they were: what a stable `sorted(by:)` gives. The positions are sorted and each entity
    /// is copied once: sorting the entities themselves moved whole entities, each move retaining and
    /// releasing their strings, 1.2 M instructions for 200 of them (docs/PERFORMANCE.md (n)).
    public func sortedInOutageOrder() -> [OutageEntity] {
        withUnsafeBufferPointer { entities in
            guard let base = entities.baseAddress else { return [] }
            // Fields read where the entities lie: handing an entity to the comparison copied it.
            let order = entities.indices.sorted { a, b in
                let x = base + a, y = base + b
                if x.pointee.state != y.pointee.state { return x.pointee.state > y.pointee.state }
                switch (x.pointee.since, y.pointee.since) {
                case let (p?, q?) where p != q: return p > q
                case (.some, nil): return true
                case (nil, .some): return false
                default: break
                }
                if x.pointee.kind != y.pointee.kind { return x.pointee.kind.rawValue < y.pointee.kind.rawValue }
                if x.pointee.name != y.pointee.name { return x.pointee.name < y.pointee.name }
                return a < b
            }
            return order.map { entities[$0] }
        }
    }
}
