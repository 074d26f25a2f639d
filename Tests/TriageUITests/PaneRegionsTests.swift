import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// Issue 16, idle CPU: a frame in which only the host sample changed draws only the host pane and
/// leaves the other five as the last frame drew them (``PaneRegions``), and every frame drawn that
/// way is, cell for cell, the frame drawn whole. Counted, not timed.
@Suite struct PaneRegionsTests {
    init() { #expect(localeReady) }

    static let utc = TimeZone(identifier: "UTC")!

    static func hostSample(at time: Date, cpu: Double) -> HostSnapshot {
        let gib: UInt64 = 1 << 30
        return HostSnapshot(
            time: time, hostname: "bastion-1",
            disks: [DiskUsage(mountPoint: "/", device: "/dev/vda1", fsType: "ext4", totalBytes: 100 * gib, usedBytes: 61 * gib, availableBytes: 39 * gib)],
            memory: MemoryUsage(totalKiB: 16 << 20, availableKiB: 9 << 20, freeKiB: 5 << 20, buffersKiB: 0, cacheKiB: 4 << 20, swapTotalKiB: 0, swapFreeKiB: 0),
            load: LoadAverage(one: 0.3, five: 0.2, fifteen: 0.1), cpuCount: 2, cpuPercent: cpu)
    }

    /// The frame as drawn whole, and as drawn with `regions` (pasting back the panes it can).
    static func frames(_ snapshot: DashboardSnapshot, sources: DashboardSources, ui: UIState, width: Int, height: Int,
                       now: Date, regions: PaneRegions) -> (whole: CellGrid, pasted: CellGrid) {
        let model = DashboardViewModel.build(snapshot, ui: ui, sources: sources, width: width, height: height, now: now, timeZone: utc)
        let whole = DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: .standard)
        let pasted = DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: .standard,
                                              regions: regions)
        return (whole, pasted)
    }

    /// What an idle dashboard with no config does every second: a new host sample, the clock a
    /// second on. Drawing all six panes for it was most of the terminal thread's idle cost.
    @Test func aFrameWhereOnlyTheHostSampleChangedDrawsOnlyTheHostPane() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var snapshot = DashboardSnapshot(startedAt: start.addingTimeInterval(-60))
        snapshot.record(host: Self.hostSample(at: start, cpu: 12))
        let regions = PaneRegions()
        let first = Self.frames(snapshot, sources: DashboardSources(), ui: UIState(), width: 200, height: 50, now: start, regions: regions)
        #expect(first.pasted.text == first.whole.text)
        let firstSame = first.pasted == first.whole
        #expect(firstSame)
        #expect(regions.panesDrawn == PaneID.allCases.count)
        for second in 1...10 {
            let now = start.addingTimeInterval(Double(second))
            snapshot.record(host: Self.hostSample(at: now, cpu: 12 + Double(second)))
            let drawnBefore = regions.panesDrawn
            let frame = Self.frames(snapshot, sources: DashboardSources(), ui: UIState(), width: 200, height: 50, now: now, regions: regions)
            #expect(regions.panesDrawn - drawnBefore == 1, "second \(second): only the host pane is drawn")
            let same = frame.pasted == frame.whole
            #expect(same, "second \(second)")
        }
        #expect(regions.panesReused == 10 * (PaneID.allCases.count - 1))
    }

    /// The layout measures what each pane needs (wrapping its first-run hint) up to three times a
    /// frame; a pane whose model did not change is not measured again (``PaneNeedCache``). Over ten
    /// host-only frames only the host pane is measured, once per width asked.
    @Test func aFrameWhereOnlyTheHostSampleChangedMeasuresOnlyTheHostPane() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var snapshot = DashboardSnapshot(startedAt: start.addingTimeInterval(-60))
        snapshot.record(host: Self.hostSample(at: start, cpu: 12))
        let regions = PaneRegions()
        _ = Self.frames(snapshot, sources: DashboardSources(), ui: UIState(), width: 200, height: 50, now: start, regions: regions)
        let first = regions.needs.measured
        #expect(first[.services, default: 0] > 0 && first[.host, default: 0] > 0, "\(first)")
        let hostPerFrame = first[.host, default: 0]
        for second in 1...10 {
            let now = start.addingTimeInterval(Double(second))
            snapshot.record(host: Self.hostSample(at: now, cpu: 12 + Double(second)))
            _ = Self.frames(snapshot, sources: DashboardSources(), ui: UIState(), width: 200, height: 50, now: now, regions: regions)
        }
        var others = regions.needs.measured
        others[.host] = nil
        #expect(others == first.filter { $0.key != .host }, "panes whose model did not change were measured again")
        #expect(regions.needs.measured[.host, default: 0] == 11 * hostPerFrame)
        #expect(hostPerFrame <= 2, "the host pane measured once per width asked, not once per use: \(hostPerFrame)")
    }

    /// Every kind of pane (tables, ages, stale rows, alerts), a focus that moves, a zoom and a
    /// resize, one second at a time across each judgement by the time: each frame with panes
    /// pasted back is the frame drawn whole, and panes are pasted back at all.
    @Test func framesWithPanesPastedBackAreTheFramesDrawnWhole() {
        var snapshot = FrameCostTests.snapshot()
        let regions = PaneRegions()
        var ui = UIState()
        var size = (width: 200, height: 50)
        for second in 0...40 {
            let now = FrameCostTests.start.addingTimeInterval(Double(second))
            if second % 3 == 0 { snapshot.record(host: Self.hostSample(at: now, cpu: Double(second))) }
            switch second {
            // The focus moves between panes whose models do not change with it: only their borders do.
            case 5: ui.focus = .logs
            case 8: ui.focus = .incident
            case 12: ui.focus = .containers
            case 18: ui.zoomed = true
            case 22: ui.zoomed = false
            case 26: size = (120, 40)
            case 33: size = (80, 24)
            case 36: ui.focus = .host
            default: break
            }
            let frame = Self.frames(snapshot, sources: FrameCostTests.sources, ui: ui, width: size.width, height: size.height, now: now, regions: regions)
            // Text and style layer, the same cells; compared whole so a failure prints the text that differs.
            let same = frame.pasted == frame.whole
            #expect(same, "second \(second) at \(size.width)x\(size.height)")
            if !same { #expect(frame.pasted.text == frame.whole.text) }
        }
        #expect(regions.panesReused > 0)
    }
}
