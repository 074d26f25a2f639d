import Foundation
import Testing
import TriageCore
import TriageProbes
import TriageStore
@testable import TriageApp
@testable import TriageUI

/// The whole dashboard during a scripted outage: failing checks, broken containers, pods and nodes
/// from kubectl output recorded from the real tool, and an open incident with a tick, rendered at
/// the sizes people use. The snapshot is what a responder would read.
@Suite(.serialized) struct OutageDashboardSnapshotTests {
    init() { #expect(localeReady) }

    /// 2026-11-23 20:30 UTC: shortly after the kubectl fixtures were recorded, so pod ages read naturally.
    static let now = Date(timeIntervalSince1970: 1_795_465_800)
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TriageProbesTests/Fixtures")

    static func snapshot() throws -> DashboardSnapshot {
        var snapshot = DashboardSnapshotTests.snapshot()
        let http = { (name: String, code: Int?, ms: Int64, state: HealthState, reason: String?) in
            ServiceCheckResult(name: name, detail: .http(HTTPCheckResult(statusCode: code, timings: .init(total: .milliseconds(ms)), state: state, reason: reason)),
                               checkedAt: now.addingTimeInterval(-1))
        }
        snapshot.declareServices([("checkout", .http, .standard), ("auth", .http, .standard), ("postgres", .command, .standard)])
        for round in 0..<6 {
            snapshot.record(services: [
                http("checkout", 502, 40 + Int64(round) * 10, .crit, "HTTP 502, expected 2xx"),
                http("auth", 200, 12, .ok, nil),
                ServiceCheckResult(name: "postgres", detail: .command(CommandCheckResult(exitCode: 0, statusText: "exit 0", duration: .milliseconds(30), state: .ok)), checkedAt: now),
            ])
        }
        let containers = [
            ContainerInfo(host: "local", containerID: "a1", name: "checkout-api", state: .restarting, statusText: "Restarting (1) 3 seconds ago", restarts: 14, exitCode: 1,
                          startedAt: now.addingTimeInterval(-20), finishedAt: now.addingTimeInterval(-3), restartedRecently: true),
            ContainerInfo(host: "local", containerID: "b2", name: "worker", state: .running, statusText: "Up 3 hours", health: .unhealthy, restarts: 0, startedAt: now.addingTimeInterval(-3 * 3600), stats: ContainerStats(cpuPercent: 97.5, memoryUsageBytes: 900 << 20, memoryLimitBytes: 1 << 30)),
            ContainerInfo(host: "local", containerID: "c3", name: "nginx", state: .running, statusText: "Up 3 days", health: .healthy, restarts: 0, startedAt: now.addingTimeInterval(-3 * 86400), stats: ContainerStats(cpuPercent: 1.2, memoryUsageBytes: 40 << 20, memoryLimitBytes: 1 << 30)),
        ]
        _ = snapshot.record(docker: DockerSnapshot(host: "local", containers: containers, lastGoodAt: now, roundAt: now, failure: nil), slot: 0)
        let pods = try KubePodListParser.parse(Data(contentsOf: fixtures.appendingPathComponent("kubectl-pods-all.json")), context: "prod").pods
        let nodes = try KubeNodeListParser.parse(Data(contentsOf: fixtures.appendingPathComponent("kubectl-nodes.json")), context: "prod")
        let events = try KubeEventListParser.parse(Data(contentsOf: fixtures.appendingPathComponent("kubectl-events-warning.json")), context: "prod")
        _ = snapshot.record(kubernetes: KubeSnapshot(context: "prod", pods: pods, nodes: nodes, events: events, podsUpdatedAt: now,
                                                     lastGoodAt: now, roundAt: now, failure: nil, watching: true), slot: 0, now: now)
        return snapshot
    }

    func render(width: Int, height: Int, focus: PaneID = .services) throws -> CellGrid {
        let directory = NSTemporaryDirectory() + "triage-ui-outage-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try IncidentStore(stateDirectory: try StateDirectory.resolve(explicit: directory, environment: [:]))
        let incident = try store.createIncident(title: "checkout returns 502", severity: "P1", runbookPath: "builtin:service-outage",
                                                commander: "alice", detectedAt: Self.now.addingTimeInterval(-754), at: Self.now.addingTimeInterval(-754), actor: "alice@bastion")
        let item = try #require(ChecklistRows.rows(for: BuiltinRunbook_parsed()).compactMap { row -> ChecklistItem? in
            if case .item(_, let item) = row { return item } else { return nil }
        }.first)
        _ = try store.setTick(incidentID: incident.id, itemKey: item.key, checked: true, actor: "alice@bastion", at: Self.now.addingTimeInterval(-600), label: item.text)
        let session = IncidentSession(store: store, problem: nil, readOnly: false, actor: "alice@bastion", defaultRunbookPath: nil)
        defer { session.stop() }
        var ui = UIState()
        ui.focus = focus
        let sources = DashboardSources(servicesConfigured: true, dockerHosts: ["local"], kubeContexts: ["prod"])
        var logs = LogPaneModel()
        logs.viewportHeight = 10
        let model = DashboardViewModel.build(try Self.snapshot(), ui: ui, sources: sources, session: session, logs: logs,
                                             width: width, height: height, now: Self.now, timeZone: TimeZone(identifier: "UTC")!)
        return DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: .standard)
    }

    @Test func outage200x50() throws { try assertSnapshot(render(width: 200, height: 50), named: "outage-200x50") }
    @Test func outage120x40() throws { try assertSnapshot(render(width: 120, height: 40), named: "outage-120x40") }
    @Test func outage80x24() throws { try assertSnapshot(render(width: 80, height: 24, focus: .pods), named: "outage-80x24") }

    @Test func whatIsBrokenIsOnTopAndColoured() throws {
        let grid = try render(width: 200, height: 50)
        let text = grid.text
        #expect(text.contains("P1"))
        #expect(text.contains("checkout returns 502"))
        #expect(text.contains("502"))
        #expect(text.contains("checkout-api"))
        #expect(text.contains("CrashLoopBackOff"))
        // The failing check is the first row of the Services table.
        let lines = grid.lines
        let header = try #require(lines.firstIndex { $0.contains("NAME") && $0.contains("LATENCY") })
        #expect(lines[header + 1].contains("checkout"))
    }
}

/// The built-in runbook, through the app's own loader (the test target does not import TriageRunbook).
func BuiltinRunbook_parsed() -> Runbook { IncidentRunbookLoader.builtin().runbook }
