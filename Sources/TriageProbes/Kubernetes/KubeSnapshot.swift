import Foundation
import TriageCore

/// What one context looks like after a round: pods from the watch cache, nodes, recent warnings.
public struct KubeSnapshot: Sendable {
    public var context: String
    /// Every cached pod of the target's scopes, sorted by namespace then name.
    public var pods: [PodInfo]
    public var nodes: [NodeInfo]
    /// Warning events of the last hour (see `KubeProbe.eventWindow`), newest first.
    public var events: [KubeEvent]
    /// When the pod cache last heard from a live watch; nil before the first event.
    public var podsUpdatedAt: Date?
    /// When nodes and events were last read successfully.
    public var lastGoodAt: Date?
    public var roundAt: Date
    /// Why this round (or the pod watch) failed, prefixed with the context: "context prod: connection refused".
    public var failure: String?
    /// True while every watch stream is connected and has finished its initial list.
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
