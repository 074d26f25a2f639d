import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// An Alertmanager that does not answer is one `? UNKNOWN` row of the Services pane with its reason,
/// as a kube context that is down is one row of the Pods pane: it used to take two rows of reason
/// above the table as well as its own row, and at 100x30 those rows came out of the pods below.
@Suite struct AlertmanagerRowTests {
    init() { #expect(localeReady) }

    static let failure = "alertmanager main: Failed to connect to 127.0.0.1 port 9 after 0 ms: Connection refused"

    static func frame(width: Int, height: Int, focus: PaneID, zoomed: Bool = false) -> CellGrid {
        var ui = UIState()
        ui.focus = focus
        ui.zoomed = zoomed
        return ScreenRegion.render(AlertmanagerPaneTests.snapshot(failure: failure), sources: DashboardSources(servicesConfigured: true), ui: ui,
                                   width: width, height: height, now: AlertmanagerPaneTests.now)
    }

    /// The lines of the Services pane that speak of the Alertmanager.
    static func mentions(_ grid: CellGrid) -> [String] {
        guard let rect = ScreenRegion.rect(.services, of: grid) else { return [] }
        return ScreenRegion.lines(grid, rect).filter { $0.contains("alertmanager") || $0.contains("Failed to") || $0.contains("Connection refused") }
    }

    /// At every size with a Services pane: one row, its name, `? UNKNOWN`, and the reason from the
    /// CODE column on (a narrow pane has no REASON column), cut at the pane's edge.
    @Test(arguments: [(200, 50), (120, 40), (100, 30), (80, 24)])
    func anUnreachableAlertmanagerIsOneUnknownRowWithItsReason(width: Int, height: Int) throws {
        let lines = Self.mentions(Self.frame(width: width, height: height, focus: .services))
        #expect(lines.count == 1, "\(width)x\(height): one row, no reason above the table:\n\(lines.joined(separator: "\n"))")
        let row = try #require(lines.first)
        #expect(row.range(of: #"alertmanag.* \? UNKNOWN Failed to con"#, options: .regularExpression) != nil, "\(row)")
    }

    /// Zoomed, the row is as wide as the screen: the reason whole, said once (the probe's words
    /// begin with "alertmanager main:", which the row's name already says).
    @Test func zoomedTheRowSaysTheWholeReasonOnce() throws {
        let lines = Self.mentions(Self.frame(width: 200, height: 50, focus: .services, zoomed: true))
        #expect(lines.count == 1, "\(lines.joined(separator: "\n"))")
        let row = try #require(lines.first)
        #expect(row.contains("? UNKNOWN Failed to connect to 127.0.0.1 port 9 after 0 ms: Connection refused"), "\(row)")
        #expect(row.components(separatedBy: "alertmanager main").count == 2, "\(row)")
    }

    /// The 80x24 strip: the Services line counts the Alertmanager as one unknown source.
    @Test func theStripAt80x24CountsItAsOneUnknown() throws {
        let grid = Self.frame(width: 80, height: 24, focus: .pods)
        let strip = ScreenRegion.lines(grid, Rect(x: 0, y: 1, width: 80, height: 3))
        let services = try #require(strip.first { $0.contains("Services") }, "\(strip.joined(separator: "\n"))")
        #expect(services.contains("?1"), "\(services)")
        #expect(Self.mentions(grid).isEmpty, "the Services pane is not shown at 80x24 with Pods focused")
    }
}
