import Foundation
import Synchronization
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

@Suite("ServiceCheckSuite")
struct ServiceCheckSuiteTests {
    @Test func oneHeadlessRoundOfEveryKind() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let suite = ServiceCheckSuite(
            http: [HTTPCheckSpec(name: "web", url: server.base + "/ok"), HTTPCheckSpec(name: "api", url: server.base + "/status/503")],
            commands: [CommandCheckSpec(name: "true", argv: ["true"])],
            prometheus: [PrometheusQuerySpec(name: "up", serverURL: server.base, query: #"up{job="web"}"#, thresholds: ValueThresholds(critBelow: 0.5))])
        let deliveries = await ProbeEngine(clock: ManualClock()).runOnce(suite.probes(refresh: .seconds(2)).map { $0.registration(slot: 0) })
        let results = deliveries.flatMap { delivery -> [ServiceCheckResult] in
            guard case .services(let rows)? = delivery.data else { return [] }
            return rows
        }
        #expect(results.filter { $0.kind == .http }.map(\.state) == [.ok, .crit])
        #expect(results.filter { $0.kind == .command }.map(\.state) == [.ok])
        #expect(results.filter { $0.kind == .prometheus }.map(\.state) == [.crit])
    }

    @Test func groupsPerKindAndIntervalDeliverEveryCheck() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let suite = ServiceCheckSuite(
            http: [HTTPCheckSpec(name: "web", url: server.base + "/ok"), HTTPCheckSpec(name: "slowpoke", url: server.base + "/ok", interval: .seconds(30))],
            commands: [CommandCheckSpec(name: "pong", argv: ["sh", "-c", "echo PONG"], expectOutput: "PONG")],
            prometheus: [])
        let delivered = Mutex<[String: HealthState]>([:])
        let groups = suite.probes(refresh: .seconds(2))
        #expect(groups.map(\.id.name) == ["http every 2s", "http every 30s", "commands every 2s"])
        #expect(groups.map(\.interval) == [.seconds(2), .seconds(30), .seconds(2)])
        for delivery in await ProbeEngine(clock: ManualClock()).runOnce(groups.map { $0.registration(slot: 0) }) {
            guard case .services(let results)? = delivery.data else { continue }
            delivered.withLock { for result in results { $0[result.name] = result.state } }
        }
        #expect(delivered.withLock { $0 } == ["web": .ok, "slowpoke": .ok, "pong": .ok])
    }

    @Test func aRoundTheLoopGivesUpOnReportsEveryCheckUnknown() {
        let result = ServiceCheckSuite.unknown("db", kind: .command, reason: "timed out after 7s", at: Date(timeIntervalSince1970: 5))
        #expect(result.kind == .command)
        #expect(result.state == .unknown)
        #expect(result.reason == "timed out after 7s")
    }
}
