/// How many rows a pane's body would fill, and whether it holds anything failing: what
/// ``DashboardLayout`` hands space out by ("space follows need").
public struct PaneNeed: Sendable, Equatable {
    /// Body rows that show everything (borders not counted); `Int.max / 4` for a pane that scrolls
    /// text and can use any height (logs, the incident's timeline).
    public var rows: Int
    /// True when the pane is not all ok: it gets the space before panes that are.
    public var failing: Bool

    public init(rows: Int, failing: Bool) {
        self.rows = rows
        self.failing = failing
    }

    /// The whole pane, borders included, capped so sums cannot overflow.
    var height: Int { min(rows, Int.max / 4) + 2 }
}

extension PaneModel {
    /// What this pane's body needs at `innerWidth` columns: one row per line, gauge and sparkline,
    /// a message's wrapped rows, a table's header and rows, every overflow line.
    ///
    /// `failingFirst`: only what shows everything failing, which the pane draws first
    /// (``blockHeights(area:)``): of a table with ``Table/priorityRows`` (the failing pods) only
    /// those, and no overflow lines (the events after them).
    public func need(innerWidth: Int, failingFirst: Bool = false) -> PaneNeed {
        var rows = 0
        for block in body {
            switch block {
            case .message(let line, let maxRows): rows += Self.messageRows(line, maxRows: maxRows, width: max(1, innerWidth - 2)).count
            case .table(let table): rows += 1 + (failingFirst ? min(table.rowCount, table.priorityRows ?? table.rowCount) : table.rowCount)
            case .text: rows += Int.max / 8
            case .overflow(let lines, _): rows += failingFirst ? 0 : lines.count
            default: rows += 1
            }
        }
        return PaneNeed(rows: min(rows, Int.max / 4), failing: state != .ok)
    }
}
