import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// The Containers pane says how long a failing container has been in its state, lists recent
/// changes first within a severity, and never leaves CPU% or MEM blank without a reason.
@Suite struct ContainersPaneTests {
    init() { #expect(localeReady) }

    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func pane(_ containers: [ContainerInfo], statsFailure: String? = nil, sort: UIState.ContainerSort = .severity,
                     width: Int = 120, height: Int = 40) -> [String] {
        var snapshot = DashboardSnapshot(startedAt: now.addingTimeInterval(-60))
        _ = snapshot.record(docker: DockerSnapshot(host: "local", containers: containers, lastGoodAt: now, roundAt: now, failure: nil,
                                                   statsFailure: statsFailure), slot: 0)
        var ui = UIState()
        ui.focus = .containers
        ui.containerSort = sort
        let grid = ScreenRegion.render(snapshot, sources: DashboardSources(dockerHosts: ["local"]), ui: ui, width: width, height: height, now: now)
        return ScreenRegion.pane(.containers, of: grid, ui: ui)
    }

    static func exited(_ name: String, secondsAgo: Double) -> ContainerInfo {
        ContainerInfo(host: "local", containerID: name, name: name, state: .exited, statusText: "Exited (1)", exitCode: 1,
                      startedAt: now.addingTimeInterval(-secondsAgo - 60), finishedAt: now.addingTimeInterval(-secondsAgo))
    }

    @Test func aContainerThatJustDiedIsMarkedAndListedFirst() throws {
        // Names in the order that used to decide: "aaa-old" (a day) before "zzz-new" (5 s).
        let pane = Self.pane([Self.exited("aaa-old", secondsAgo: 86_400), Self.exited("mmm-mid", secondsAgo: 90), Self.exited("zzz-new", secondsAgo: 5)])
        let rows = pane.filter { $0.contains("✖ exited 1") }
        #expect(rows.count == 3)
        #expect(rows[0].contains("zzz-new") && rows[0].contains("▸ 5s"), "\(rows)")
        #expect(rows[1].contains("mmm-mid") && rows[1].contains("▸ 90s"), "\(rows)")
        #expect(rows[2].contains("aaa-old") && rows[2].contains("24h") && !rows[2].contains("▸"), "\(rows)")
        #expect(pane.contains { $0.contains("SINCE") })
    }

    @Test func sinceReadsTheTimeOfTheCurrentState() {
        let running = ContainerInfo(host: "h", containerID: "r", name: "r", state: .running, startedAt: Self.now.addingTimeInterval(-30),
                                    finishedAt: Self.now.addingTimeInterval(-3600))
        let restarting = ContainerInfo(host: "h", containerID: "c", name: "c", state: .restarting, startedAt: Self.now.addingTimeInterval(-10),
                                       finishedAt: Self.now.addingTimeInterval(-2))
        #expect(running.stateSince == Self.now.addingTimeInterval(-30))
        #expect(restarting.stateSince == Self.now.addingTimeInterval(-2))
        #expect(Self.exited("x", secondsAgo: 5).stateSince == Self.now.addingTimeInterval(-5))
        #expect(ContainerInfo(host: "h", containerID: "n", name: "n", state: .running).stateSince == nil)
    }

    @Test func figuresAreNeverBlankWithoutAReason() throws {
        let fresh = ContainerInfo(host: "local", containerID: "f", name: "fresh", state: .running,
                                  stats: ContainerStats(cpuPercent: 12.5, memoryUsageBytes: 40 << 20, memoryLimitBytes: 1 << 30, sampledAt: Self.now.addingTimeInterval(-2)))
        let old = ContainerInfo(host: "local", containerID: "o", name: "oldfigs", state: .running,
                                stats: ContainerStats(cpuPercent: 97.5, memoryUsageBytes: 900 << 20, memoryLimitBytes: 1 << 30, sampledAt: Self.now.addingTimeInterval(-40)))
        let waiting = ContainerInfo(host: "local", containerID: "w", name: "waiting", state: .running)
        let stopped = ContainerInfo(host: "local", containerID: "s", name: "stopped", state: .exited, exitCode: 0)
        let pane = Self.pane([fresh, old, waiting, stopped])
        func row(_ name: String) throws -> String { try #require(pane.first { $0.contains(name) }) }
        #expect(try row("fresh").contains(" 12.5 "))
        #expect(try row("oldfigs").contains(" ~97.5 ") && row("oldfigs").contains("~900M"), "kept, marked old")
        #expect(try row("waiting").filter { $0 == "…" }.count == 2, "no figure yet: … in CPU% and MEM")
        #expect(try row("stopped").filter { $0 == "—" }.count >= 2, "not running: — in CPU% and MEM")
        // With the stream failing, the cells say "?" and the reason is above the table.
        let failing = Self.pane([waiting], statsFailure: "docker stats: exit 1: permission denied")
        #expect(failing.contains { $0.contains("? figures: docker stats: exit 1: permission denied") })
        #expect(try #require(failing.first { $0.contains("waiting") }).filter { $0 == "?" }.count == 2)
    }
}
