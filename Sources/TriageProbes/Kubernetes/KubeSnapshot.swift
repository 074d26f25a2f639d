import Foundation
import TriageCore

/// What one context looks like after a round: pods, nodes and recent warnings, from the watch caches.
public struct KubeSnapshot: Sendable {
    public var context: String
    /// Every cached pod of the target's scopes, sorted by namespace then name.
    public var pods: [PodInfo]
    public var nodes: [NodeInfo]
    /// Warning events of the last hour (see `KubeProbe.eventWindow`), newest first.
    public var events: [KubeEvent]
    /// When the pod cache last heard from a live watch; nil before the first event.
    public var podsUpdatedAt: Date?
    /// When every stream (pods, nodes, events) was last listed and watching with no failure.
    public var lastGoodAt: Date?
    public var roundAt: Date
    /// Why this round (or the pod watch) failed, prefixed with the context: "context prod: connection refused".
    public var failure: String?
    /// True while every watch stream (but one RBAC hides, see `notes`) has finished its list and is watching.
    public var watching: Bool
    /// What this round could not show without it being a failure ("nodes: (Forbidden): nodes is forbidden ...").
    public var notes: [String]

    public init(
        context: String, pods: [PodInfo], nodes: [NodeInfo], events: [KubeEvent], podsUpdatedAt: Date?,
        lastGoodAt: Date?, roundAt: Date, failure: String?, watching: Bool, notes: [String] = []
    ) {
        self.context = context
        self.pods = pods
        self.nodes = nodes
        self.events = events
        self.podsUpdatedAt = podsUpdatedAt
        self.lastGoodAt = lastGoodAt
        self.roundAt = roundAt
        self.failure = failure
        self.watching = watching
        self.notes = notes
    }

    /// True when what is shown is not from this round (a failure happened).
    public var isStale: Bool { failure != nil }
}
