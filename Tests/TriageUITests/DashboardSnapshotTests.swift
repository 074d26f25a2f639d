import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// The whole dashboard rendered from a fixed snapshot at the sizes people use.
@Suite struct DashboardSnapshotTests {
    init() { #expect(localeReady) }

    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func snapshot() -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: now.addingTimeInterval(-60))
        let gib: UInt64 = 1 << 30
        for (i, cpu) in [12.0, 15, 30, 80, 45, 20].enumerated() {
            let host = HostSnapshot(
                time: now.addingTimeInterval(Double(i - 5) * 2), hostname: "bastion-1",
                disks: [
                    DiskUsage(mountPoint: "/", device: "/dev/vda1", fsType: "ext4", totalBytes: 100 * gib, usedBytes: 93 * gib, availableBytes: 7 * gib),
                    DiskUsage(mountPoint: "/var/lib/docker", device: "/dev/vdb", fsType: "xfs", totalBytes: 500 * gib, usedBytes: 410 * gib, availableBytes: 90 * gib),
                ],
                memory: MemoryUsage(totalKiB: 16 << 20, availableKiB: 3 << 20, freeKiB: 1 << 20, buffersKiB: 0, cacheKiB: 2 << 20, swapTotalKiB: 2 << 20, swapFreeKiB: 2 << 20),
                load: LoadAverage(one: 1.5, five: 1.2, fifteen: 0.9), cpuCount: 4, cpuPercent: cpu)
            snapshot.record(host: host)
        }
        return snapshot
    }

    func render(width: Int, height: Int, ui: UIState = UIState()) -> CellGrid {
        let model = DashboardViewModel.build(Self.snapshot(), ui: ui, sources: DashboardSources(), now: Self.now, timeZone: TimeZone(identifier: "UTC")!)
        return DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: .standard)
    }

    @Test func wide200x50() throws { try assertSnapshot(render(width: 200, height: 50), named: "dashboard-200x50") }
    @Test func medium120x40() throws { try assertSnapshot(render(width: 120, height: 40), named: "dashboard-120x40") }
    @Test func small80x24() throws { try assertSnapshot(render(width: 80, height: 24), named: "dashboard-80x24") }

    @Test func tooSmallSaysWhatItNeeds() {
        let grid = render(width: 60, height: 20)
        #expect(grid.text.contains("need 80x24, have 60x20"))
    }

    @Test func everyPaneTitleShowsWhenThereIsRoom() {
        for (w, h) in [(200, 50), (120, 40)] {
            let text = render(width: w, height: h).text
            for pane in PaneID.allCases { #expect(text.contains("\(pane.rawValue) \(pane.title)"), "\(pane.title) at \(w)x\(h)") }
        }
    }

    @Test func smallLayoutShowsSummaryAndFocusedPane() {
        var ui = UIState()
        ui.focus = .host
        let text = render(width: 80, height: 24, ui: ui).text
        #expect(text.contains("6 Host"))
        #expect(text.contains("93%"))
        for pane in PaneID.allCases { #expect(text.contains(pane.title)) }
    }

    @Test func hostThresholdsColourTheFigures() {
        let grid = render(width: 120, height: 40)
        // "/" is at 93 %: critical; memory 81 %: warning; /var/lib/docker 82 %: warning.
        let lines = grid.lines
        let styles = grid.styleLayer.split(separator: "\n").map(Array.init)
        func role(of needle: String) -> Character? {
            for (y, line) in lines.enumerated() {
                if let range = line.range(of: needle) {
                    let column = line.distance(from: line.startIndex, to: range.lowerBound)
                    // Column by character count matches cell index here (no wide characters on the line).
                    return styles[y][column]
                }
            }
            return nil
        }
        #expect(role(of: " 93%") == "r")
        #expect(role(of: " 82%") == "y")
        #expect(role(of: " 81%") == "y")
    }

    @Test func zoomGivesTheFocusedPaneTheBody() {
        var ui = UIState()
        ui.focus = .host
        ui.zoomed = true
        let text = render(width: 120, height: 40, ui: ui).text
        #expect(text.contains("6 Host"))
        #expect(!text.contains("1 Services"))
    }
}
