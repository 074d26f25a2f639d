import Foundation
import Testing
import TriageApp
import TriageCore
import TriageProbes
import TriageRunbook
import TriageUI

/// One round, three views: `triage check` (table and JSON), the wall's outage board and the
/// dashboard's pane badges name the same failing entities with the same reasons and since.
@Suite struct OnePictureTests {
    static let now = OutageEntitiesTests.now
    static let utc = TimeZone(identifier: "UTC")!

    /// A service down, a container just killed, two crash-looping pods, a node under memory
    /// pressure, a recent warning event, a context that refuses, and the host at load 13 on 2 CPUs.
    static func round() -> CheckRound {
        let containers = [
            ContainerInfo(host: "local", containerID: "c1", name: "api", state: .running, statusText: "Up 2 days",
                          startedAt: now.addingTimeInterval(-2 * 86_400)),
            ContainerInfo(host: "local", containerID: "a1", name: "lab-backend", state: .exited, statusText: "Exited (137) 12 seconds ago",
                          exitCode: 137, startedAt: now.addingTimeInterval(-3600), finishedAt: now.addingTimeInterval(-12)),
        ]
        let event = KubeEvent(context: "lab", namespace: "shop", objectKind: "Pod", objectName: "api-new", reason: "BackOff",
                              message: "Back-off restarting failed container", count: 7, lastSeen: now.addingTimeInterval(-8), type: "Warning")
        return CheckRound(
            startedAt: now.addingTimeInterval(-2), finishedAt: now,
            services: [
                OutageEntitiesTests.http("backend", .crit, "HTTP 503, expected 2xx", at: now.addingTimeInterval(-1)),
                OutageEntitiesTests.http("web", .ok, nil, at: now.addingTimeInterval(-1)),
            ],
            docker: [.init(target: DockerHostTarget(endpoint: .cliDefault, tag: "local"), containers: containers, failure: nil)],
            kubernetes: [
                .init(target: KubeTarget(context: "lab"),
                      pods: [OutageEntitiesTests.crashing("api-old", lastRestart: 7200), OutageEntitiesTests.crashing("api-new", lastRestart: 20),
                             OutageEntitiesTests.healthyPod("web-1")],
                      nodes: [NodeInfo(context: "lab", name: "node-b", readyStatus: "True", memoryPressure: true)],
                      events: [event], failure: nil),
                .init(target: KubeTarget(context: "lab-down"), pods: [], nodes: [], failure: "context lab-down: connection refused"),
            ],
            host: HostSnapshot(time: now, hostname: "vm", disks: [], memory: nil, load: LoadAverage(one: 13, five: 13, fifteen: 13),
                               cpuCount: 2, cpuPercent: 50))
    }

    @Test func checkTheWallAndThePaneBadgesListTheSameFailingEntities() throws {
        let round = Self.round()
        let report = CheckReport(round: round, plan: CheckPlan())
        let snapshot = DashboardSnapshot(round: round)
        let picture = OutageEntities(snapshot, now: Self.now)
        #expect(report.picture == picture)
        let failing = picture.failing
        #expect(Set(failing.map(\.kind)) == [.service, .container, .pod, .node, .events, .source, .host])

        // The wall's board: every failing entity of the picture, in its order, with its reason.
        let wall = WallModelBuilder.build(
            incident: nil, runbook: BuiltinRunbook.parsed, ticks: [:], events: [], outages: picture, now: Self.now, lastChange: nil,
            timeZone: Self.utc)
        #expect(wall.outages.map(\.name) == failing.map(\.name))
        #expect(wall.outages.map(\.reason) == failing.map { $0.reason ?? "" })
        #expect(!wall.allClear)

        // `check --json`: one counted entry per failing entity (the host's findings are its one entry),
        // each with the entity's state, reason and since.
        let document = report.json
        var shown: [(state: String, reason: String?, since: String?)] = []
        for key in ["services", "checks", "prometheus", "containers", "pods", "nodes", "events"] {
            guard case .array(let entries)? = document[key] else { Issue.record("no \(key)"); continue }
            for entry in entries where entry["state"] != .string("ok") {
                shown.append((try #require(entry["state"]?.stringValue), entry["reason"]?.stringValue, entry["since"]?.stringValue))
            }
        }
        let notHost = failing.filter { $0.kind != .host }
        #expect(shown.count == notHost.count, "\(shown)")
        for entity in notHost {
            let since = entity.since.map(Self.iso)
            #expect(shown.contains { $0.state == entity.state.rawValue && $0.reason == entity.reason && $0.since == since },
                    "check does not show \(entity.key) as the wall does: \(shown)")
        }
        let host = try #require(failing.first { $0.kind == .host })
        #expect(document["host"]?["state"] == .string(host.state.rawValue))
        #expect(document["host"]?["reason"] == .string(host.reason ?? ""))
        // The events the wall counts are in the document, each one listed.
        #expect(document["events"]?[0]?["warnings"]?[0]?["reason"] == .string("BackOff"))
        // The summary counts the picture's failures (the host's one finding is the host entry).
        let counts = report.counts
        for state in [HealthState.crit, .warn, .unknown] {
            #expect(counts[state] ?? 0 == failing.count { $0.state == state }, "\(state)")
        }
        #expect(report.exitStatus == .failure)
        // The table names the events too.
        #expect(CheckTableRenderer.render(report).contains("EVENTS (1)"))

        // The dashboard: each pane's badge counts the picture's entities of its source.
        let sources = DashboardSources(servicesConfigured: true, dockerHosts: ["local"], kubeContexts: ["lab", "lab-down"])
        let model = DashboardViewModel.build(snapshot, ui: UIState(), sources: sources, width: 200, height: 50, now: Self.now)
        func badge(_ pane: PaneID) -> String { model.panes[pane]?.badge?.plainText ?? "" }
        func count(_ entities: [OutageEntity], _ state: HealthState) -> String { "\(state.symbol)\(entities.count { $0.state == state })" }
        let services = picture.of(source: "services"), containers = picture.of(source: "docker:")
        let pods = picture.of(source: "kube:").filter { $0.kind == .pod || $0.kind == .source }
        #expect(badge(.services).contains(count(services, .crit)), "\(badge(.services))")
        #expect(badge(.containers).contains(count(containers, .crit)), "\(badge(.containers))")
        #expect(badge(.pods).contains(count(pods, .crit)) && badge(.pods).contains(count(pods, .unknown)), "\(badge(.pods))")
        // And the panes list their failing rows in the picture's order: the newest crash first.
        #expect(model.panes[.pods].map { Self.text($0).firstRange(of: "api-new")!.lowerBound < Self.text($0).firstRange(of: "api-old")!.lowerBound } == true)
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The pane's body as text, rows in order.
    static func text(_ pane: PaneModel) -> String {
        var grid = CellGrid(width: 120, height: 30)
        pane.renderBody(into: &grid, area: Rect(x: 0, y: 0, width: 120, height: 30))
        return (0..<30).map { y in (0..<120).map { grid[$0, y].grapheme }.joined() }.joined(separator: "\n")
    }
}

private extension JSONValue {
    var stringValue: String? { if case .string(let text) = self { text } else { nil } }
    subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
