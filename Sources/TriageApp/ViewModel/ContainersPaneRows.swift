import Foundation
import TriageCore
import TriageProbes
import TriageUI

/// What the Containers pane works out over every container of a picture: the rows' order, which
/// rows are stale, and the badge's counts. ``PictureCache`` keeps it across the frames that show
/// the same picture the same way (``Key``), so a clock frame neither filters nor sorts the
/// containers again (docs/PERFORMANCE.md (a), round three).
///
/// The order depends on the time only when the picture does not rank every row apart (a picture
/// without these containers): the severity sort's own order breaks those ties and puts a recent
/// change first (``PaneRowOrder/containersCounted(_:picture:ui:now:)``). Such rows are not kept.
struct ContainersPaneRows {
    /// The person's view of the containers: what narrows and orders them.
    struct Key: Equatable {
        var brokenOnly: Bool
        var filter: String?
        var sort: UIState.ContainerSort

        init(_ ui: UIState) {
            brokenOnly = ui.brokenOnly.contains(.containers)
            filter = ui.filters[.containers]?.text
            sort = ui.containerSort
        }
    }

    /// The containers shown, in the pane's order.
    private(set) var containers: [ContainerInfo]
    /// Where each of ``containers`` is in the hosts it was worked out from, when their order is the
    /// picture's alone (``PaneRowOrder/containersCounted(_:picture:ui:now:)``).
    let places: [PaneRowOrder.ContainerPlace]?
    /// How many `b` left, before the `/` filter.
    let beforeFilter: Int
    /// Keys of the containers judged from old data.
    let staleKeys: Set<String>
    /// The picture's docker entities (containers and the hosts that did not answer).
    let entities: [OutageEntity]
    /// The picture's containers and hosts that did not answer: the badge's counts.
    let counts: [Span]
    let worstCounted: HealthState?
    /// The order asked the time: the rows hold for this frame only.
    let dependsOnTime: Bool

    init(_ hosts: [DockerSnapshot], picture: OutageEntities, ui: UIState, now: Date) {
        entities = picture.of(source: "docker:")
        staleKeys = Set(entities.filter { $0.kind == .container && $0.staleSince != nil }.map(\.key))
        let ordered = PaneRowOrder.containersCounted(hosts, picture: picture, ui: ui, now: now)
        containers = ordered.rows
        places = ordered.places
        beforeFilter = ordered.beforeFilter
        dependsOnTime = ordered.askedTheTime
        let counted = entities.filter { $0.kind == .container || $0.kind == .source }
        counts = PaneBadge.counts(counted)
        worstCounted = counted.map(\.state).max()
    }

    /// These rows over `hosts`, a later round of `before` (the hosts they were worked out from) in
    /// a picture with the very same entities other than pods: every container read anew where it
    /// is now, in the same order. Nil unless the order is the picture's alone, with no `/` filter
    /// (which reads words a round can change), and every host lists the same containers, by ID and
    /// name, at the same places.
    ///
    /// The docker probe's every round is new arrays (the stats move), so the rows were worked out
    /// again for each new picture, 8 % of a frame in which one of 5,000 pods restarted
    /// (docs/PERFORMANCE.md (m)); the order does not depend on what the rows read anew: it is the
    /// picture's, and the containers' entities (their state and reason) are the same.
    func sameOrder(over hosts: [DockerSnapshot], as before: [DockerSnapshot], ui: UIState) -> ContainersPaneRows? {
        guard let places, ui.filters[.containers]?.text.isEmpty ?? true, hosts.count == before.count else { return nil }
        for (host, old) in zip(hosts, before) {
            guard host.host == old.host, host.containers.count == old.containers.count else { return nil }
            if host.containers.sharesStorage(with: old.containers) { continue }
            for (container, oldContainer) in zip(host.containers, old.containers) {
                guard container.containerID == oldContainer.containerID, container.name == oldContainer.name else { return nil }
            }
        }
        var moved = self
        moved.containers = places.map { hosts[$0.slot].containers[$0.index] }
        return moved
    }
}
