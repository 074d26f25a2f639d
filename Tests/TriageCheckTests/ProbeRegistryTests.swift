import Foundation
import Testing
import TriageApp
import TriageConfig
import TriageCore
import TriageProbes

/// One table of probes: `triage check` and the dashboard register the same sources for one config,
/// the check runs the table once, and the dashboard's sink keeps stale rows marked with their reason.
@Suite("ProbeRegistry")
struct ProbeRegistryTests {
    static let config = """
        refresh: 2s
        services:
          - name: fast
            url: http://127.0.0.1:1/a
          - name: slow
            url: http://127.0.0.1:1/b
            interval: 30s
        checks:
          - name: pong
            run: [echo, PONG]
        prometheus:
          - name: errors
            url: http://127.0.0.1:1
            query: up
        docker:
          - host: tcp://127.0.0.1:1
          - context: other
        kubernetes:
          - context: prod
          - context: staging
            namespaces: [shop]
        logs:
          - docker: web-*
          - file: /var/log/syslog
        """

    @Test func checkAndDashboardRegisterTheSameProbes() throws {
        let configuration = try ConfigParser.parse(yaml: Self.config, file: "triage.yaml")
        let dashboard = ProbeRegistry.dashboard(configuration: configuration, commandsWithheld: nil, refresh: configuration.refresh)
        // What `triage check` runs (HeadlessCheck → CheckRunner), with the default --timeout.
        let check = CheckRunner(plan: CheckPlan(configuration: configuration, discovered: nil)).registry.checked
        #expect(check.map(ProbeRegistry.row) == dashboard.table.filter { $0.id.kind != .logSources })
        #expect(dashboard.table.map(\.id.description) == [
            "host host", "http http every 2s", "http http every 30s", "command commands every 2s",
            "prometheus prometheus every 2s", "docker tcp://127.0.0.1:1", "docker other",
            "kubernetes prod", "kubernetes staging", "log-sources web-*",
        ])
        let docker = try #require(dashboard.table.first { $0.id.kind == .docker })
        #expect(docker.deadline == .seconds(10))
        #expect(docker.backoff == .standard)
        #expect(dashboard.table.first { $0.id.kind == .http }?.backoff == ProbeBackoff.none, "a failing check is data, not a dead source")
    }

    @Test func discoveredSourcesJoinTheTableAfterTheConfiguredOnes() {
        var registry = ProbeRegistry.dashboard(configuration: nil, commandsWithheld: nil, refresh: .seconds(2))
        #expect(registry.table.map(\.id) == [ProbeID(.host, "host")])
        let added = registry.add(dockerTargets: [DockerHostTarget(endpoint: .cliDefault)], kubeTargets: [KubeTarget(context: nil)])
        #expect(added.map(\.id) == [ProbeID(.docker, "local"), ProbeID(.kubernetes, "current")])
        #expect(added.map(\.slot) == [0, 0])
    }

    /// Check groups with their own interval run as separate probes; the report still lists the
    /// checks in config order (a, b, c), not group by group (a, c, b).
    @Test func aOneShotRoundReportsChecksInConfigOrder() async {
        var plan = CheckPlan(services: [
            HTTPCheckSpec(name: "a", url: "http://127.0.0.1:1/", timeout: .seconds(2), interval: .seconds(30)),
            HTTPCheckSpec(name: "b", url: "http://127.0.0.1:1/", timeout: .seconds(2)),
            HTTPCheckSpec(name: "c", url: "http://127.0.0.1:1/", timeout: .seconds(2), interval: .seconds(30)),
        ])
        plan.hostCounted = false
        let runner = CheckRunner(plan: plan, deadline: .seconds(5))
        #expect(runner.registry.checked.map(\.id.name) == ["host", "http every 30s", "http every 2s"])
        let round = await runner.run()
        #expect(round.services.map(\.name) == ["a", "b", "c"])
        #expect(round.services.allSatisfy { $0.state == .crit }, "nothing listens on port 1")
        #expect(round.host.cpuPercent != nil, "the one-shot host round reads the CPU twice")
    }

    @Test func theDashboardKeepsStaleRowsWithTheEnginesReason() {
        let registration = ProbeRegistration(
            id: ProbeID(.docker, "local"), interval: .seconds(2), deadline: .seconds(10), backoff: .standard, slot: 0
        ) { _ in TwoModeProbe(DockerProbe(target: DockerHostTarget(endpoint: .cliDefault)), mode: .oneShot) }
        let start = Date(timeIntervalSince1970: 1_000)
        var snapshot = DashboardSnapshot(startedAt: start)
        var state = ProbeState()
        state.succeeded(at: start, next: start.addingTimeInterval(2))
        let row = ContainerInfo(host: "local", containerID: "abc", name: "web", state: .running)
        let round = DockerSnapshot(host: "local", containers: [row], lastGoodAt: start, roundAt: start, failure: nil)
        _ = snapshot.record(ProbeDelivery(registration: registration, data: .docker(round), state: state, lastGood: .docker(round), finishedAt: start), now: start)
        #expect(snapshot.probeState(dockerHost: "local")?.isStale == false)

        // The engine gave up on the next round (hard stop): no data, only the reason.
        let later = start.addingTimeInterval(12)
        state.failed("timed out after 10s", at: later, next: later.addingTimeInterval(4))
        _ = snapshot.record(ProbeDelivery(registration: registration, data: nil, state: state, lastGood: .docker(round), finishedAt: later), now: later)
        #expect(snapshot.docker.first?.containers.map(\.name) == ["web"], "the last good rows stay")
        #expect(snapshot.docker.first?.failure == "timed out after 10s", "and say why they are old")
        let facts = snapshot.probeState(dockerHost: "local")
        #expect(facts?.consecutiveFailures == 1)
        #expect(facts?.staleText(now: later) == "stale 12s: timed out after 10s")
        #expect(facts?.nextAttemptAt == later.addingTimeInterval(4))
    }
}
