import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// The Host pane says its state and why in its border like every pane, and the 80x24 strip keeps
/// the reason: at load 13 on 2 CPUs the border showed only the host name and the strip was cut
/// before the load.
@Suite struct HostBadgeTests {
    init() { #expect(localeReady) }

    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let gib: UInt64 = 1 << 30

    static func snapshot(load: Double, rootUsed: UInt64 = 19, memoryAvailableGiB: UInt64 = 20) -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: now.addingTimeInterval(-60))
        snapshot.record(host: HostSnapshot(
            time: now, hostname: "vm",
            disks: [DiskUsage(mountPoint: "/", device: "/dev/vda1", fsType: "ext4", totalBytes: 100 * gib, usedBytes: rootUsed * gib, availableBytes: (100 - rootUsed) * gib)],
            memory: MemoryUsage(totalKiB: 24 << 20, availableKiB: memoryAvailableGiB << 20, freeKiB: 1 << 20, buffersKiB: 0, cacheKiB: 0, swapTotalKiB: 0, swapFreeKiB: 0),
            load: LoadAverage(one: load, five: load, fifteen: load), cpuCount: 2, cpuPercent: 50))
        return snapshot
    }

    static func render(_ snapshot: DashboardSnapshot, width: Int, height: Int) -> (border: String, strip: String?) {
        var ui = UIState()
        ui.focus = .host
        let grid = ScreenRegion.render(snapshot, sources: DashboardSources(), ui: ui, width: width, height: height, now: now)
        let pane = ScreenRegion.pane(.host, of: grid, ui: ui)
        let strip = grid.lines.prefix(4).first { $0.contains("6 ") && $0.contains("Host") && !$0.contains("─") && !$0.contains("━") }
        return (pane.first ?? "", strip)
    }

    @Test(arguments: [(200, 50), (120, 40), (100, 30), (80, 24)])
    func anOverloadedHostSaysSoInItsBorder(width: Int, height: Int) {
        let (border, _) = Self.render(Self.snapshot(load: 13), width: width, height: height)
        #expect(border.contains("✖ load 13.0 on 2 CPUs · vm"), "\(width)x\(height): \(border)")
    }

    @Test func everyReasonIsCountedAndTheWorstNamed() {
        let (border, _) = Self.render(Self.snapshot(load: 2.5, rootUsed: 97, memoryAvailableGiB: 1), width: 120, height: 40)
        // Load 1.25 per CPU warns; / at 97 % and memory at 96 % are critical: the disk is named first.
        #expect(border.contains("✖ / 97% full +2 · vm"), "\(border)")
        let host = Self.snapshot(load: 2.5, rootUsed: 97, memoryAvailableGiB: 1).host!
        #expect(HostPaneBuilder.findings(host).map(\.reason) == ["/ 97% full", "memory 96%", "load 2.5 on 2 CPUs"])
    }

    @Test func aHealthyHostSaysOk() {
        let (border, _) = Self.render(Self.snapshot(load: 0.3), width: 120, height: 40)
        #expect(border.contains("● ok · vm"), "\(border)")
    }

    /// A reason and a long host name do not fit beside the title: the title stays whole and the
    /// badge is cut at its end (the host name first), not the other way round.
    @Test func aLongBadgeIsCutAndTheTitleStays() {
        var grid = CellGrid(width: 40, height: 3)
        Pane(title: "Host", badge: StyledLine("✖ load 13.0 on 2 CPUs · ip-10-0-12-34.eu-west-1.compute.internal"), hotkey: "6")
            .render(into: &grid, area: grid.bounds)
        #expect(grid.lines[0] == "╭─ 6 Host ─ ✖ load 13.0 on 2 CPUs · i… ╮", "\(grid.lines[0])")
    }

    @Test func theStripKeepsTheReasonAt80x24() throws {
        let (_, strip) = Self.render(Self.snapshot(load: 13), width: 80, height: 24)
        let line = try #require(strip)
        #expect(line.contains("✖ Host       load 13.0 on 2 CPUs"), "\(line)")
    }
}
