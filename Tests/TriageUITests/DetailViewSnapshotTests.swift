import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// The detail views (`Enter`/`d` on a row) as a responder reads them, at the common sizes: a
/// crash-looping pod (kubectl 1.32 against scripts/kube-standin.py), a crashing container (its
/// details from `podman inspect`), a failing HTTP check and the host with its busiest processes.
@Suite(.serialized) struct DetailViewSnapshotTests {
    init() { #expect(localeReady) }

    /// Half a minute after the stand-in's scenario was written (2026-12-06T18:49:58Z).
    static let now = Date(timeIntervalSince1970: 1_796_583_020)
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TriageProbesTests/Fixtures")

    static func snapshot() throws -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: now.addingTimeInterval(-60))
        let pods = try KubePodListParser.parse(Data(contentsOf: fixtures.appendingPathComponent("kubectl-pods-shop-detail.json")), context: "lab").pods
        let nodes = try KubeNodeListParser.parse(Data(contentsOf: fixtures.appendingPathComponent("kubectl-nodes-shop-detail.json")), context: "lab")
        let events = try KubeEventListParser.parse(Data(contentsOf: fixtures.appendingPathComponent("kubectl-events-shop-detail.json")), context: "lab")
        _ = snapshot.record(kubernetes: KubeSnapshot(context: "lab", pods: pods, nodes: nodes, events: events, podsUpdatedAt: now,
                                                     lastGoodAt: now, roundAt: now, failure: nil, watching: true), slot: 0, now: now)
        let inspected = try DockerInspectParser.parse(Data(contentsOf: fixtures.appendingPathComponent("podman-inspect-ports-mounts.json")))
        var container = ContainerInfo(host: "local", containerID: "ffe0569adccb27f4", name: "payments-api", image: "localhost/triage-bb:latest",
                                      state: .restarting, statusText: "Restarting (2) 4 seconds ago", health: .unhealthy, restarts: 14,
                                      exitCode: 2, startedAt: now.addingTimeInterval(-40), finishedAt: now.addingTimeInterval(-4), restartedRecently: true)
        container.details = inspected.first?.details
        container.details?.error = "exec: \"payments\": executable file not found in $PATH"
        container.details?.healthFailingStreak = 3
        container.details?.lastHealthOutput = "wget: can't connect to remote host (127.0.0.1): Connection refused"
        _ = snapshot.record(docker: DockerSnapshot(host: "local", containers: [container], lastGoodAt: now, roundAt: now, failure: nil), slot: 0)
        snapshot.declareServices([("checkout", .http, .standard)])
        for (i, ms) in [38, 41, 0, 2300].enumerated() {
            let failed = i >= 2
            snapshot.record(services: [ServiceCheckResult(
                name: "checkout",
                detail: .http(HTTPCheckResult(statusCode: failed ? 502 : 200,
                                              timings: .init(total: .milliseconds(ms), nameLookup: .microseconds(400), connect: .milliseconds(1), firstByte: .milliseconds(max(0, ms - 1))),
                                              certificateDaysLeft: 9, state: failed ? .crit : .ok, reason: failed ? "HTTP 502, expected 2xx" : nil)),
                checkedAt: now.addingTimeInterval(Double(i - 4) * 5))])
        }
        snapshot.record(host: HostSnapshot(time: now, hostname: "bastion-1", disks: [], memory: MemoryUsage(totalKiB: 8 << 20, availableKiB: 1 << 20, freeKiB: 1 << 19, buffersKiB: 0, cacheKiB: 0, swapTotalKiB: 0, swapFreeKiB: 0),
                                           load: LoadAverage(one: 13.2, five: 9.8, fifteen: 4.1), cpuCount: 2, cpuPercent: 99.5))
        return snapshot
    }

    static let processes: [HostProcessSampler.Row] = [
        .init(pid: 812, command: "java", state: "R", cpuPercent: 143.5, residentBytes: 3_400 << 20),
        .init(pid: 1, command: "systemd", state: "S", cpuPercent: 0, residentBytes: 12 << 20),
        .init(pid: 2290, command: "postgres", state: "D", cpuPercent: 22.0, residentBytes: 900 << 20),
        .init(pid: 3011, command: "node server.js", state: "S", cpuPercent: 7.25, residentBytes: 410 << 20),
    ]

    func render(_ target: DetailTarget, width: Int, height: Int) throws -> CellGrid {
        var sources = DashboardSources(servicesConfigured: true, dockerHosts: ["local"], kubeContexts: ["lab"])
        sources.checkDefinitions = ["checkout": [("URL", "https://shop.lab/health"), ("method", "GET"), ("expects", "status 2xx")]]
        let view = DetailViewBuilder.build(target, snapshot: try Self.snapshot(), sources: sources, processes: Self.processes, scroll: 0, now: Self.now)
        var grid = CellGrid(width: width, height: height)
        view.render(into: &grid, area: Rect(x: 0, y: 1, width: width, height: height - 2))
        return grid
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func crashLoopingPod(width: Int, height: Int) throws {
        let grid = try render(.pod("lab/shop/payments-6b8d-crash"), width: width, height: height)
        try assertSnapshot(grid, named: "detail-pod-\(width)x\(height)")
        #expect(grid.text.contains("last state"))
        #expect(grid.text.contains("exit code 2"))
        #expect(grid.text.contains("ReplicaSet/payments-6b8d"))
    }

    @Test func thePodsOwnEventsAreListedNewestFirst() throws {
        let grid = try render(.pod("lab/shop/payments-6b8d-crash"), width: 200, height: 80)
        #expect(grid.text.contains("BackOff: Back-off restarting failed container payments"))
        #expect(!grid.text.contains("cart-77c-imgpull"))
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func crashingContainer(width: Int, height: Int) throws {
        let grid = try render(.container("local/ffe0569adccb27f4"), width: width, height: height)
        try assertSnapshot(grid, named: "detail-container-\(width)x\(height)")
        #expect(grid.text.contains("80/tcp → 127.0.0.1:18097"))
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func failingCheck(width: Int, height: Int) throws {
        let grid = try render(.service("checkout"), width: width, height: height)
        try assertSnapshot(grid, named: "detail-service-\(width)x\(height)")
        #expect(grid.text.contains("https://shop.lab/health"))
        #expect(grid.text.contains("<1ms"))
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func hostWithItsBusiestProcesses(width: Int, height: Int) throws {
        let grid = try render(.host, width: width, height: height)
        try assertSnapshot(grid, named: "detail-host-\(width)x\(height)")
        let text = grid.text
        #expect(text.contains("13.20 9.80 4.10 on 2 CPU"))
        // Ranked by CPU now: java first, then postgres.
        let cpuSection = try #require(text.range(of: "Most CPU now"))
        let java = try #require(text.range(of: "java", range: cpuSection.upperBound..<text.endIndex))
        let postgres = try #require(text.range(of: "postgres", range: cpuSection.upperBound..<text.endIndex))
        #expect(java.lowerBound < postgres.lowerBound)
    }

    @Test func aGoneEntitySaysSoInsteadOfClosing() throws {
        let grid = try render(.pod("lab/shop/nope"), width: 80, height: 24)
        #expect(grid.text.contains("no longer seen by the probes"))
    }
}
