/// Where each pane goes for a terminal size: the responsive part of the dashboard.
///
/// - Wide (≥ 160x45): every pane at once in three bands.
/// - Medium (≥ 100x30): a two-column grid of all six panes.
/// - Small (≥ 80x24): a summary strip of all six panes and the focused pane below; `Tab` cycles.
/// - Smaller than 80x24: nothing but a "terminal too small" notice.
/// Zoom gives the focused pane the whole body at any size.
public struct DashboardLayout: Sendable, Equatable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public enum Mode: String, Sendable, Equatable { case wide, medium, small, tooSmall }

    public var mode: Mode
    public var header: Rect
    public var footer: Rect
    public var summary: Rect?
    public var panes: [PaneID: Rect]

    public static func compute(width: Int, height: Int, focus: PaneID, zoomed: Bool) -> DashboardLayout {
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
            let bands = body.splitRows([38, 62])
            let top = bands[0].splitColumns([40, 30, 30])
            panes[.services] = top[0]
            panes[.containers] = top[1]
            panes[.pods] = top[2]
            let bottom = bands[1].splitColumns([34, 66])
            let hostHeight = min(12, bottom[0].height / 3)
            let (host, incident) = bottom[0].takeTop(hostHeight)
            panes[.host] = host
            panes[.incident] = incident
            panes[.logs] = bottom[1]
        case .medium:
            let rows = body.splitRows([30, 30, 40])
            let r0 = rows[0].splitColumns([50, 50]), r1 = rows[1].splitColumns([50, 50]), r2 = rows[2].splitColumns([45, 55])
            panes[.services] = r0[0]
            panes[.containers] = r0[1]
            panes[.pods] = r1[0]
            panes[.host] = r1[1]
            panes[.incident] = r2[0]
            panes[.logs] = r2[1]
        case .small, .tooSmall:
            let (strip, main) = body.takeTop(3)
            summary = strip
            panes[focus] = main
        }
        return DashboardLayout(mode: mode, header: header, footer: footer, summary: summary, panes: panes)
    }
}
