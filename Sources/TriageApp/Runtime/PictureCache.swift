import Foundation
import TriageCore
import TriageProbes
import TriageUI

/// The one picture (``OutageEntities``) of the snapshot a frame shows, and what the Pods pane works
/// out over it (``PodsPaneRows``), kept from frame to frame while the snapshot is the same (its
/// ``SnapshotStore`` version) and no judgement by the time has flipped
/// (``OutageEntities/nextChange(of:after:)``).
///
/// Most frames are clock frames: the header clock and the ages move, the picture does not. With
/// 5,000 pods, judging, cleaning, keying and sorting every entity and every pod again each second
/// was most of a frame's cost (docs/PERFORMANCE.md (a)). One cache per dashboard, on the thread
/// that draws: its sources do not change.
public final class PictureCache {
    private var version: UInt64?
    private var builtAt = Date.distantPast
    private var validUntil = Date.distantPast
    private var picture: OutageEntities?
    private var podsRows: (key: PodsPaneRows.Key, rows: PodsPaneRows)?
    private var severityTallies: (rules: [SeverityRule], tallies: [SeverityTally])?
    private var containersRows: (key: ContainersPaneRows.Key, rows: ContainersPaneRows)?
    /// The Containers pane's rows last worked out or moved, with the other entities and the hosts
    /// they were worked out from: a later picture's rows when those are the same (``containersPaneRows``).
    private var lastContainersRows: (key: ContainersPaneRows.Key, rows: ContainersPaneRows, others: [OutageEntity], hosts: [DockerSnapshot])?
    private var podsEvents: PodsPaneEvents?
    /// The pods' entities of the last picture, in its order: a new picture makes only the changed ones.
    private(set) var pods = PodEntityIndex()
    private var podsHeaders: [PodsContextHeader]?
    /// Each context's header counts with the pods they counted: a context whose pods are the same
    /// array is not counted again (the counts, CRIT and Pending pods, do not depend on the time).
    private var countedHeaders: [(pods: [PodInfo], header: PodsContextHeader)] = []
    /// Each check's chart as last drawn: a Services row made again takes it while its latencies are the same.
    let sparklines = ServiceSparklines()
    /// The entities other than pods the last picture made, with what each was made from: the next
    /// picture keeps those whose inputs are the same.
    private(set) var othersMemo = OtherEntitiesMemo()
    /// The entities other than pods as last made, and in the outage order.
    private var lastOthers: (unsorted: [OutageEntity], sorted: [OutageEntity])?
    /// Times the entities other than pods were sorted (they were not the last ones).
    private(set) var othersSorted = 0
    /// What the last new picture replaced, freed by the next clock frame (``Retired``).
    private var retired = Retired()
    /// Times a clock frame freed what a new picture replaced.
    private(set) var retiredFreed = 0
    /// New pictures that were the last one patched in place by the pods that moved (``PodMoves``).
    private(set) var patched = 0
    /// Pictures built since the cache was made: a clock frame builds none (`FrameCostTests`).
    public private(set) var built = 0
    /// New snapshot versions whose picture was the last one, kept (``PictureInputs``).
    private(set) var kept = 0
    /// What the picture last returned was made from.
    private var inputs: PictureInputs?
    /// Times the Pods pane's rows were worked out over every pod.
    private(set) var podsRowsWorkedOut = 0
    /// The Pods pane's nodes last put in order, from which nodes arrays, for which view.
    private var orderedNodes: (key: PodsPaneRows.Key, nodes: [[NodeInfo]], ordered: [NodeInfo])?
    /// Times the Pods pane's nodes were put in order.
    private(set) var nodesOrdered = 0
    /// Times the severity rules were tallied over every entity (``SeverityTally``).
    private(set) var severityTalliesCounted = 0
    /// Times the Containers pane's rows were worked out over every container.
    private(set) var containersRowsWorkedOut = 0
    /// Times a new picture's Containers rows were the last ones' order, the containers read anew.
    private(set) var containersRowsMoved = 0
    /// Times the Pods pane's warning events were sorted and cleaned.
    private(set) var podsEventsWorkedOut = 0
    /// Times the Pods pane's context headers took new counts (counted, or moved by the pods index).
    private(set) var podsHeadersCounted = 0
    /// Contexts whose pods were counted here for their header, one by one (the pods index holds the
    /// counts of the contexts it was brought to, moved by the pods that changed).
    private(set) var podsHeaderContextsCounted = 0

    public init() {}

    /// The picture of `snapshot` at `now`: the last one when `version` is the one it was built
    /// from and `now` is inside its window, else a new one, in which only the pods that changed
    /// since the last are judged again (``PodEntityIndex``); but the last one again, with the rows
    /// worked out over it, when the new one would list the same entities (``PictureInputs``).
    /// A nil version always builds.
    public func picture(of snapshot: DashboardSnapshot, version: UInt64?, now: Date, sources: DashboardSources) -> OutageEntities {
        if let version, version == self.version, let picture, now >= builtAt, now < validUntil {
            if !retired.isEmpty {
                retired = Retired()
                retiredFreed += 1
            }
            return picture
        }
        var answered = true
        let others = sortedOthers(OutageEntities.entities(snapshot, now: now, sources: sources, answered: &answered, memo: &othersMemo) { _, _, _, _ in [] })
        let orderedPods = pods.update(snapshot.kubernetes, now: now)
        let made = PictureInputs(others: others, podChanges: pods.changes, everySourceAnswered: answered, contexts: snapshot.kubernetes,
                                 hosts: snapshot.docker)
        self.version = version
        builtAt = now
        validUntil = OutageEntities.nextChange(of: snapshot, after: now)
        defer { inputs = made }
        // The warning events and the context headers' counts depend on their arrays alone.
        if inputs.map({ !$0.sameEvents(as: made) }) ?? true { podsEvents = nil }
        podsHeaders = nil
        // The same entities as the last picture's: it is this one, with what was worked out over it.
        if version != nil, let picture, let inputs, inputs.samePicture(as: made) {
            if !inputs.samePods(as: made) { podsRows = nil }
            if !inputs.sameContainers(as: made) { containersRows = nil }
            kept += 1
            return picture
        }
        let patched = patchedPicture(made)
        let fresh = patched ?? OutageEntities(
            sortedOthers: others, orderedPods: orderedPods, podOrigins: pods.origins, slotSources: pods.sources, everySourceAnswered: answered)
        if let picture { retired.picture = picture }
        retired.podsRows = podsRows?.rows
        picture = fresh
        podsRows = nil
        // A patch moved a few pods: the tallies move by them (counting 5,100 entities was 0.34 M instructions).
        severityTallies = patched == nil ? nil : severityTallies.flatMap { kept in
            guard let steps = pods.lastMoves?.steps else { return nil }
            let removed = steps.filter { $0.kind == .removed }.map(\.entity), added = steps.filter { $0.kind == .inserted }.map(\.entity)
            let moved = zip(kept.rules, kept.tallies).compactMap { $1.moving($0, removed: removed, added: added) }
            return moved.count == kept.tallies.count ? (kept.rules, moved) : nil
        }
        containersRows = nil
        built += 1
        return fresh
    }

    /// The last picture brought to `made` by the pods that moved (``PodMoves``), when it was made
    /// from the same other entities and the pods' index as it was before this round's update: the
    /// cache lets go of it first, so its list is patched in place rather than copied (merging copied
    /// all 5,100 entities of a round in which one pod of 5,000 changed, and freeing the last picture
    /// freed them all again, docs/PERFORMANCE.md (a) round seven). Nil otherwise: the caller merges.
    private func patchedPicture(_ made: PictureInputs) -> OutageEntities? {
        guard let moves = pods.lastMoves, moves.steps.count <= PodMoves.patchedAtMost, moves.from == inputs?.podChanges,
              moves.to == made.podChanges, let inputs, inputs.others == made.others, var last = picture else { return nil }
        picture = nil
        guard last.patch(moves.steps, slotSources: pods.sources, everySourceAnswered: made.everySourceAnswered) else { return nil }
        patched += 1
        return last
    }

    /// `others` in the outage order: the last ones sorted when they are the same entities in the same
    /// order (most rounds change no check, container or node; sorting ~200 entities was 1.2 M
    /// instructions of a data frame, docs/PERFORMANCE.md (a) round five).
    private func sortedOthers(_ others: [OutageEntity]) -> [OutageEntity] {
        if let lastOthers, lastOthers.unsorted == others { return lastOthers.sorted }
        let sorted = others.sortedInOutageOrder()
        lastOthers = (others, sorted)
        othersSorted += 1
        return sorted
    }

    /// The Pods pane's rows of the picture last returned, for the person's view of the pods: the
    /// last frame's while neither changed.
    func podsPaneRows(_ contexts: [KubeSnapshot], picture: OutageEntities, ui: UIState, now: Date) -> PodsPaneRows {
        let key = PodsPaneRows.Key(ui)
        if let podsRows, podsRows.key == key { return podsRows.rows }
        // The picture's own order of pods, when no two pods share a key: what their ranks give.
        let inPictureOrder = ui.podSort == .severity && pods.keysUnique ? pods.podsInPictureOrder(contexts) : nil
        let rows = PodsPaneRows(contexts, picture: picture, ui: ui, now: now, inPictureOrder: inPictureOrder,
                                nodes: nodesInOrder(contexts, key: key, ui: ui))
        podsRows = (key, rows)
        podsRowsWorkedOut += 1
        return rows
    }

    /// The Pods pane's nodes in its order: the last ones while the contexts' nodes arrays (the kube
    /// probe hands the same array on while no node changed) and the view are the same. Ordering them
    /// again for each new picture was 0.15 M instructions of a frame with a pod restarted.
    private func nodesInOrder(_ contexts: [KubeSnapshot], key: PodsPaneRows.Key, ui: UIState) -> [NodeInfo] {
        if let orderedNodes, orderedNodes.key == key, orderedNodes.nodes.count == contexts.count,
           zip(orderedNodes.nodes, contexts).allSatisfy({ $0.sharesStorage(with: $1.nodes) }) {
            return orderedNodes.ordered
        }
        let ordered = PaneRowOrder.nodes(contexts, ui: ui)
        orderedNodes = (key, contexts.map(\.nodes), ordered)
        nodesOrdered += 1
        return ordered
    }

    /// The severity rules' tallies over the picture last returned: the last frame's while the rules
    /// are the same and none of them counts by the time (``SeverityTally/dependsOnTime(_:)``).
    func severityTallies(_ rules: [SeverityRule], picture: OutageEntities, now: Date) -> [SeverityTally] {
        if let severityTallies, severityTallies.rules == rules { return severityTallies.tallies }
        let tallies = rules.map { SeverityTally($0, entities: picture.all, now: now) }
        severityTallies = rules.contains(where: SeverityTally.dependsOnTime) ? nil : (rules, tallies)
        severityTalliesCounted += 1
        return tallies
    }

    /// The Containers pane's rows of the picture last returned, for the person's view of the
    /// containers: the last frame's while neither changed, unless their order asked the time.
    ///
    /// A new picture whose entities other than pods are the last one's (the same array: a round in
    /// which only pods moved, or only the containers' figures) keeps the last rows' order, with
    /// each container read anew (``ContainersPaneRows/sameOrder(over:as:ui:)``).
    func containersPaneRows(_ hosts: [DockerSnapshot], picture: OutageEntities, ui: UIState, now: Date) -> ContainersPaneRows {
        let key = ContainersPaneRows.Key(ui)
        if let containersRows, containersRows.key == key { return containersRows.rows }
        let others = inputs?.others ?? []
        let rows: ContainersPaneRows
        if let last = lastContainersRows, last.key == key, !others.isEmpty, last.others.sharesStorage(with: others),
           let moved = last.rows.sameOrder(over: hosts, as: last.hosts, ui: ui) {
            rows = moved
            containersRowsMoved += 1
        } else {
            rows = ContainersPaneRows(hosts, picture: picture, ui: ui, now: now)
            containersRowsWorkedOut += 1
        }
        containersRows = rows.dependsOnTime ? nil : (key, rows)
        lastContainersRows = rows.dependsOnTime ? nil : (key, rows, others, hosts)
        return rows
    }

    /// The Pods pane's warning events of the snapshot the picture last returned was built from.
    func podsPaneEvents(_ contexts: [KubeSnapshot]) -> PodsPaneEvents {
        if let podsEvents { return podsEvents }
        let events = PodsPaneEvents(contexts)
        podsEvents = events
        podsEventsWorkedOut += 1
        return events
    }

    /// The Pods pane's context headers' counts of the snapshot the picture last returned was built
    /// from, one per context in its order (``PodsContextHeader``); nil for a single context, which
    /// has no header row.
    func podsContextHeaders(_ contexts: [KubeSnapshot], now: Date) -> [PodsContextHeader]? {
        guard contexts.count > 1 else { return nil }
        if let podsHeaders { return podsHeaders }
        var fresh = false
        let counted = contexts.enumerated().map { slot, context in
            if slot < countedHeaders.count, countedHeaders[slot].pods.sharesStorage(with: context.pods) { return countedHeaders[slot] }
            fresh = true
            // The pods index moved its counts by the pods that changed.
            if let header = pods.headerCounts(slot: slot, pods: context.pods) { return (context.pods, header) }
            podsHeaderContextsCounted += 1
            return (context.pods, PodsContextHeader(context, now: now))
        }
        if fresh { retired.countedHeaders = countedHeaders }
        countedHeaders = counted
        let headers = counted.map(\.header)
        podsHeaders = headers
        if fresh { podsHeadersCounted += 1 }
        return headers
    }

    /// The last picture, its Pods rows and the pods arrays its context headers counted, as a new
    /// picture replaced them: their last owner here, so that freeing them (~2 M instructions with
    /// 5,000 pods: every entity's and every pod's strings released, docs/PERFORMANCE.md (a) round
    /// six) falls on the next clock frame, which builds no picture, and not on the data frame that
    /// already pays for the new one. Nothing reads them; at most one generation is held (a second new
    /// picture before a clock frame frees the first's here, as before), for at most the second until
    /// that frame.
    private struct Retired {
        var picture: OutageEntities?
        var podsRows: PodsPaneRows?
        var countedHeaders: [(pods: [PodInfo], header: PodsContextHeader)] = []

        var isEmpty: Bool { picture == nil && podsRows == nil && countedHeaders.isEmpty }
    }
}
