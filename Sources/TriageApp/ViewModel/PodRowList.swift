import Foundation
import TriageCore
import TriageProbes

/// The Pods pane's pods in its order, as places in the contexts' pods arrays when the order was
/// worked out on places (``PodEntityIndex/Origin``): a pod is copied only when its row is drawn.
///
/// With 5,000 pods, copying every ``PodInfo`` into the rows (about 1,300 instructions a pod) was the
/// largest part of a data frame once the picture was kept per pod (docs/PERFORMANCE.md (a)); a frame
/// draws at most the rows on screen (``Table/LazyRows``).
struct PodRowList: RandomAccessCollection, Equatable {
    private let contexts: [KubeSnapshot]
    /// Where each pod is, in the pane's order; nil when the pods are ``copies``.
    private let places: [PodEntityIndex.Origin]?
    private let copies: [PodInfo]

    /// The pods at `places` of `contexts`, in that order.
    init(_ contexts: [KubeSnapshot], places: [PodEntityIndex.Origin]) {
        self.contexts = contexts
        self.places = places
        copies = []
    }

    /// Pods already copied out of their contexts (an order worked out on the pods themselves).
    init(_ pods: [PodInfo]) {
        contexts = []
        places = nil
        copies = pods
    }

    var startIndex: Int { 0 }
    var endIndex: Int { places?.count ?? copies.count }

    subscript(position: Int) -> PodInfo {
        guard let places else { return copies[position] }
        return contexts[places[position].slot].pods[places[position].index]
    }

    /// The slot in the contexts of the pod at `position`, when the rows are places.
    func slot(at position: Int) -> Int? { places?[position].slot }

    /// The context of the pod at `position`.
    func context(at position: Int) -> String {
        guard let places else { return copies[position].context }
        return contexts[places[position].slot].pods[places[position].index].context
    }

    /// The state of the pod at `position` at `now`.
    func healthState(at position: Int, now: Date) -> HealthState {
        guard let places else { return copies[position].healthState(now: now) }
        // The columns alone read in place: the whole pod was copied to ask it (875 copies a data frame).
        return contexts[places[position].slot].pods[places[position].index].columns.healthState(now: now)
    }

    /// Where each run of places from one context starts, with that context's slot, in order; nil
    /// when the rows are copies. Read through the buffer: one pass of integer compares.
    func slotRuns() -> [(start: Int, slot: Int)]? {
        guard let places else { return nil }
        var runs: [(start: Int, slot: Int)] = []
        places.withUnsafeBufferPointer { places in
            var last = -1
            for (position, place) in places.enumerated() where place.slot != last {
                runs.append((position, place.slot))
                last = place.slot
            }
        }
        return runs
    }

    /// Rows materialised: every pod when they are copies, none for places.
    var copied: Int { copies.count }

    static func == (a: PodRowList, b: PodRowList) -> Bool { a.elementsEqual(b) }
}
