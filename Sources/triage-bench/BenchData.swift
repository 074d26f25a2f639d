import Foundation
import TriageApp
import TriageCore
import TriageUI

/// A realistic dashboard state: a minute of host samples, 20 HTTP checks with a minute of rounds
/// each (two failing, one slow), and a log pane holding 10,000 lines; plus the frame pipeline the
/// terminal thread runs (view model → cell grid).
enum BenchData {
    static let width = 200
    static let height = 50
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let utc = TimeZone(identifier: "UTC")!
    static let sources = DashboardSources(servicesConfigured: true, logSources: 1, refresh: .seconds(2))

    static func snapshot(services: Int = 20, rounds: Int = 60) -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: start.addingTimeInterval(-Double(rounds) * 2))
        let gib: UInt64 = 1 << 30
        for round in 0..<rounds {
            let time = start.addingTimeInterval(Double(round - rounds) * 2)
            let cpu = 20 + Double((round * 37) % 60)
            snapshot.record(host: HostSnapshot(
                time: time, hostname: "bastion-1",
                disks: [
                    DiskUsage(mountPoint: "/", device: "/dev/vda1", fsType: "ext4", totalBytes: 100 * gib, usedBytes: 93 * gib, availableBytes: 7 * gib),
                    DiskUsage(mountPoint: "/var/lib/docker", device: "/dev/vdb", fsType: "xfs", totalBytes: 500 * gib, usedBytes: 410 * gib, availableBytes: 90 * gib),
                ],
                memory: MemoryUsage(totalKiB: 16 << 20, availableKiB: 3 << 20, freeKiB: 1 << 20, buffersKiB: 0, cacheKiB: 2 << 20,
                                    swapTotalKiB: 2 << 20, swapFreeKiB: 2 << 20),
                load: LoadAverage(one: 1.5, five: 1.2, fifteen: 0.9), cpuCount: 4, cpuPercent: cpu))
            var results: [ServiceCheckResult] = []
            for index in 0..<services {
                let failing = index % 9 == 4 && round > rounds - 6
                let slow = index == 7
                let latency = Duration.milliseconds(slow ? 900 + (round * 13) % 400 : 15 + (index * 7 + round * 13) % 120)
                let http = HTTPCheckResult(
                    statusCode: failing ? 503 : 200, timings: .init(total: latency),
                    state: failing ? .crit : slow ? .warn : .ok, reason: failing ? "HTTP 503 from upstream" : slow ? "slow: 900 ms > 500 ms" : nil)
                results.append(ServiceCheckResult(name: "svc-\(index)-api.internal", detail: .http(http), checkedAt: time))
            }
            snapshot.record(services: results)
        }
        return snapshot
    }

    /// A log pane that has seen 10,000 mixed lines from two sources.
    static func logs() -> LogPaneModel {
        var model = LogPaneModel()
        let sources = [
            LogSource(id: LogSourceID(0), kind: .file(path: "/var/log/app.log"), shortName: "app", colorIndex: 0),
            LogSource(id: LogSourceID(1), kind: .docker(container: "web", host: nil), shortName: "web", colorIndex: 1),
        ]
        let texts = [
            "GET /api/v1/users 200 12ms user=alice trace=4bf92f3577b34da6",
            "WARN pool nearly exhausted: 95 of 100 connections in use, waiting=3",
            "ERROR upstream timeout after 5000ms host=db-1 attempt=3",
            "worker processed job id=77131 queue=emails duration=0.031s",
        ]
        var lines: [LogLine] = []
        let base = LogTimestamp.now()
        for i in 0..<10_000 {
            lines.append(LogLine(source: LogSourceID(i % 2), sequence: UInt64(i / 2), arrival: base, text: texts[i % texts.count] + " #\(i)"))
        }
        model.apply(LogBatch(lines: lines, sources: sources.map { LogSourceStatus(source: $0, state: .running, received: 5_000) }, version: 1))
        return model
    }

    /// What the terminal thread does for one frame, minus the terminal: view model, then cell grid.
    static func frame(_ snapshot: DashboardSnapshot, logs: LogPaneModel?, now: Date, ui: UIState = UIState()) -> CellGrid {
        let model = DashboardViewModel.build(snapshot, ui: ui, sources: sources, logs: logs, width: width, height: height,
                                             now: now, timeZone: utc)
        return DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: .standard)
    }

    /// A ``FrameScenario``'s frame as the terminal thread builds it: its session and log pane
    /// included, and its picture kept across frames of the same snapshot version (``PictureCache``).
    static func frame(_ scenario: FrameScenario, now: Date, ui: UIState = UIState()) -> CellGrid {
        let model = DashboardViewModel.build(scenario.snapshot, ui: ui, sources: scenario.sources, session: scenario.session,
                                             logs: scenario.logs, width: width, height: height, now: now, timeZone: utc,
                                             pictureCache: scenario.pictureCache, version: scenario.version)
        return DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: .standard,
                                        regions: scenario.regions)
    }
}
