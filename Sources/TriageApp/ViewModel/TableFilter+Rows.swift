import TriageCore
import TriageUI

/// What a `/` filter matches in each kind of row: the name, the namespace or host, and the reason
/// as the row shows it. The pane builders and ``SelectedEntity`` both filter with these, so the
/// highlighted row is the one `d`, `l` and `p` act on.
extension TableFilter {
    static func fields(_ track: ServiceCheckTrack) -> [String?] {
        [track.name, track.reason]
    }

    static func fields(_ container: ContainerInfo) -> [String?] {
        [container.name, container.host, container.reason, container.statusText]
    }

    static func fields(_ pod: PodInfo) -> [String?] {
        [pod.name, pod.namespace, pod.status, pod.detail, pod.node]
    }
}

extension UIState {
    /// Rows of `pane` that its filter keeps (all of them without one).
    func filtered<Row>(_ rows: [Row], in pane: PaneID, fields: (Row) -> [String?]) -> [Row] {
        guard let filter = filters[pane], !filter.text.isEmpty else { return rows }
        return rows.filter { filter.keeps(fields($0)) }
    }

    /// The pane's bottom border: the filter with its match count, then `only broken` and such.
    func borderLine(_ pane: PaneID, matching: Int, of total: Int, other: StyledLine?) -> StyledLine? {
        guard let filter = filters[pane] else { return other }
        var line = filter.borderLine(matching: matching, of: total)
        if let other { line.spans += [Span(" · ", CellStyle(.muted))] + other.spans }
        return line
    }
}
