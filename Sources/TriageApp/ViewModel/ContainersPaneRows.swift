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
    let containers: [ContainerInfo]
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
        beforeFilter = ordered.beforeFilter
        dependsOnTime = ordered.askedTheTime
        let counted = entities.filter { $0.kind == .container || $0.kind == .source }
        counts = PaneBadge.counts(counted)
        worstCounted = counted.map(\.state).max()
    }
}
