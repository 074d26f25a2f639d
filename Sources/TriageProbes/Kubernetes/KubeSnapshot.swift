import Foundation
import TriageCore

/// What one context looks like after a round: pods, nodes and recent warnings, from the watch caches.
///
/// From a ``KubeProbe``, a round in which no pod changed hands over the very `pods` array of the
/// round before (the same storage: `pods.sharesStorage(with: last.pods)`), and likewise `nodes` and
/// `events` when they are equal to the last round's, so a reader that kept the last round's arrays
/// can tell "nothing changed" without comparing a pod (the picture's `PodEntityIndex` in
/// TriageApp). A new array says something was applied since: usually a pod changed, came or went,
/// though it may have changed back; compare pods to know which. A pod sent again as it was (a
/// relist, a resync) is not a change.
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
