/// Where each pane goes for a terminal size: the responsive part of the dashboard.
///
/// - Wide (≥ 160x45): every pane at once: Services over Host, Containers and Pods side by side on
///   top; Incident and Logs below (Incident under Services and Host, rising into the rows they
///   do not need).
/// - Medium (≥ 100x30): a two-column grid of all six panes (Services over Pods, Containers over
///   Host, Incident and Logs below).
/// - Small (≥ 80x24): a summary strip of all six panes and the focused pane below; `Tab` cycles.
/// - Smaller than 80x24: nothing but a "terminal too small" notice.
/// Zoom gives the focused pane the whole body at any size.
///
/// Space follows need when the pane models are given: a pane with nothing failing shrinks to its
/// rows and the pane sharing its column (or, at wide sizes, the failing columns) gets the rest, so
/// two healthy checks never keep empty rows while failing pods are cut. At wide and medium sizes
/// the band of Services, Containers, Pods and Host grows into the Incident and Logs band when a
/// column with something failing needs the rows (``grownBand``); no pane goes below its least
/// height. The Logs pane keeps its place and width whatever the need, so the log viewport does not
/// move sideways; at wide sizes the Incident pane takes the rows Services and Host leave. The small
/// layout shows one pane under the strip, which has the whole body.
public struct DashboardLayout: Sendable, Equatable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public enum Mode: String, Sendable, Equatable { case wide, medium, small, tooSmall }

    public var mode: Mode
    public var header: Rect
    public var footer: Rect
    public var summary: Rect?
    public var panes: [PaneID: Rect]

    /// - Parameters:
    ///   - panes: the pane models to size by (``PaneModel/need(innerWidth:)``); without them every
    ///     pane gets its fixed share.
    ///   - needs: where the needs of models unchanged since the last frame are kept.
    public static func compute(width: Int, height: Int, focus: PaneID, zoomed: Bool, panes models: [PaneID: PaneModel] = [:],
                               needs cache: PaneNeedCache? = nil) -> DashboardLayout {
        let needs = Needs(models: models, cache: cache)
        let full = Rect(x: 0, y: 0, width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            return DashboardLayout(mode: .tooSmall, header: Rect(x: 0, y: 0, width: 0, height: 0), footer: Rect(x: 0, y: 0, width: 0, height: 0), summary: nil, panes: [:])
        }
        let (header, rest) = full.takeTop(1)
        let (body, footer) = rest.takeBottom(1)
        let mode: Mode = width >= 160 && height >= 45 ? .wide : width >= 100 && height >= 30 ? .medium : .small
        if zoomed {
            return DashboardLayout(mode: mode, header: header, footer: footer, summary: nil, panes: [focus: body])
        }
        var panes: [PaneID: Rect] = [:]
        var summary: Rect?
        switch mode {
        case .wide:
            let bands = wideBands(body, needs)
            let bottom = bands[1].splitColumns([34, 66])
            panes[.logs] = bottom[1]
            if models.isEmpty {
                let top = bands[0].splitColumns([40, 30, 30])
                panes[.services] = top[0]
                panes[.containers] = top[1]
                panes[.pods] = top[2]
                let hostHeight = min(12, bottom[0].height / 3)
                let (host, incident) = bottom[0].takeTop(hostHeight)
                panes[.host] = host
                panes[.incident] = incident
            } else {
                // The left column (Services over Host, then Incident) is as wide as the Incident
                // pane, so the rows Services and Host do not need go to the Incident checklist
                // below them and Logs keeps its place. Of the rest, a failing column is a third
                // wider than a healthy one: Pods' names and statuses are not cut to keep room for
                // two healthy containers.
                let left = Rect(x: bands[0].x, y: bands[0].y, width: bottom[0].width, height: bands[0].height)
                let right = Rect(x: left.maxX, y: bands[0].y, width: bands[0].width - left.width, height: bands[0].height)
                let failing = [PaneID.containers, .pods].map { (models[$0]?.state ?? .ok) != .ok }
                let columns = right.splitColumns(failing.map { $0 ? 4 : 3 })
                panes[.containers] = columns[0]
                panes[.pods] = columns[1]
                let (column, incident) = leftColumn(left, needs, down: bottom[0].maxY)
                (panes[.services], panes[.host]) = stack(column, needs, .services, .host)
                panes[.incident] = incident
            }
        case .medium:
            let rows = body.splitRows([30, 30, 40])
            if models.isEmpty {
                let r0 = rows[0].splitColumns([50, 50]), r1 = rows[1].splitColumns([50, 50]), r2 = rows[2].splitColumns([45, 55])
                panes[.services] = r0[0]
                panes[.containers] = r0[1]
                panes[.pods] = r1[0]
                panes[.host] = r1[1]
                panes[.incident] = r2[0]
                panes[.logs] = r2[1]
            } else {
                // The two stacked columns take the top 60 % of the body, and up to 70 % when a
                // failing column needs more to show what fails: at 100x30 a Services pane of three
                // rows left the Pods pane below it room for two of its seven failing pods while Logs
                // kept eleven rows. Healthy rows and events get no rows from Incident and Logs.
                let height = grownBand(base: rows[0].height + rows[1].height, cap: body.height * 70 / 100, innerWidth: body.width / 2 - 2,
                                       columns: [[.services, .pods], [.containers, .host]], failingFirst: true, needs)
                let (top, lower) = body.takeTop(height)
                let columns = top.splitColumns([50, 50]), bottom = lower.splitColumns([45, 55])
                (panes[.services], panes[.pods]) = stack(columns[0], needs, .services, .pods)
                (panes[.containers], panes[.host]) = stack(columns[1], needs, .containers, .host)
                panes[.incident] = bottom[0]
                panes[.logs] = bottom[1]
            }
        case .small, .tooSmall:
            let (strip, main) = body.takeTop(3)
            summary = strip
            panes[focus] = main
        }
        return DashboardLayout(mode: mode, header: header, footer: footer, summary: summary, panes: panes)
    }

    /// The wide layout's two bands: the top one (Services and Host, Containers, Pods) has 38 % of
    /// the body, and grows up to 60 % when a column with something failing needs more rows to show
    /// it all (seventeen failing pods were cut to thirteen while Logs had thirty rows); the bottom
    /// band (Incident, Logs) keeps the rest.
    static func wideBands(_ body: Rect, _ needs: Needs) -> [Rect] {
        guard !needs.models.isEmpty else { return body.splitRows([38, 62]) }
        let top = grownBand(base: body.height * 38 / 100, cap: body.height * 60 / 100, innerWidth: max(1, body.width / 3 - 2),
                            columns: [[.services, .host], [.containers], [.pods]], needs)
        let (upper, lower) = body.takeTop(top)
        return [upper, lower]
    }

    /// The height of a band of columns (each a pane, or two stacked): `base`, or more, up to `cap`,
    /// when a column with something failing needs more to show it all (`failingFirst`: to show
    /// what fails, ``PaneModel/need(innerWidth:failingFirst:)``). A column's need is the sum of its
    /// panes' needs at `innerWidth`, each at least ``leastHeight`` (``stack`` never gives a pane
    /// less); a column with nothing failing wants nothing.
    static func grownBand(base: Int, cap: Int, innerWidth: Int, columns: [[PaneID]], failingFirst: Bool = false,
                          _ needs: Needs) -> Int {
        func need(_ ids: [PaneID]) -> Int {
            let needs = ids.compactMap { needs($0, innerWidth: innerWidth, failingFirst: failingFirst) }
            return needs.contains(where: \.failing) ? needs.reduce(0) { $0 + max(leastHeight, $1.height) } : 0
        }
        let wanted = columns.map(need).max() ?? 0
        return min(max(base, wanted), max(base, cap))
    }

    /// The wide layout's left column: Services and Host take the top band, or only what they need
    /// when that is less (never under two least-height panes), and the Incident pane the rest of
    /// the column down to `bottom`. So a short failing Services pane over a healthy Host keeps no
    /// block of empty rows while the checklist below is cut.
    static func leftColumn(_ band: Rect, _ needs: Needs, down bottom: Int) -> (stack: Rect, incident: Rect) {
        let inner = band.width - 2
        // Each pane at least its least height: the split below never gives one less, so a sum of
        // bare needs would cut the other (a one-line Host took a row from a three-row Services).
        let need = [PaneID.services, .host].reduce(0) { $0 + max(leastHeight, needs($1, innerWidth: inner)?.height ?? 3) }
        let height = min(band.height, max(need, 2 * leastHeight))
        let stack = Rect(x: band.x, y: band.y, width: band.width, height: height)
        return (stack, Rect(x: band.x, y: stack.maxY, width: band.width, height: bottom - stack.maxY))
    }

    /// The least height of a stacked pane: its borders and two rows.
    static let leastHeight = 4

    /// Splits a column between two panes, top and bottom, by what they need. When both fit, each
    /// gets its need and the spare rows go to the failing one (the bottom one when both or neither
    /// fail). When they do not, a pane with nothing failing gets its need up to a third of the
    /// column and the failing one the rest; two failing (or two healthy) panes split it evenly,
    /// except that one needing less than half gets just what it needs.
    static func stack(_ column: Rect, _ needs: Needs, _ top: PaneID, _ bottom: PaneID) -> (Rect, Rect) {
        let a = needs(top, innerWidth: column.width - 2) ?? PaneNeed(rows: 1, failing: false)
        let b = needs(bottom, innerWidth: column.width - 2) ?? PaneNeed(rows: 1, failing: false)
        let total = column.height
        let least = min(leastHeight, total / 2)
        var first: Int
        if a.height + b.height <= total {
            first = a.failing && !b.failing ? total - b.height : a.height
        } else if a.failing == b.failing {
            let half = total / 2
            first = a.height <= half ? a.height : b.height <= total - half ? total - b.height : half
        } else if a.failing {
            first = total - min(b.height, max(least, total / 3))
        } else {
            first = min(a.height, max(least, total / 3))
        }
        first = min(max(first, least), total - least)
        return column.takeTop(first)
    }

    /// The panes' needs, from the cache when one is given.
    struct Needs {
        var models: [PaneID: PaneModel]
        var cache: PaneNeedCache?

        func callAsFunction(_ id: PaneID, innerWidth: Int, failingFirst: Bool = false) -> PaneNeed? {
            guard let model = models[id] else { return nil }
            return cache?.need(id, model, innerWidth: innerWidth, failingFirst: failingFirst)
                ?? model.need(innerWidth: innerWidth, failingFirst: failingFirst)
        }
    }
}
