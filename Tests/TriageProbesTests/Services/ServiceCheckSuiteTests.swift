import Foundation
import Synchronization
import Testing
import TriageCore
@testable import TriageProbes

@Suite("ServiceCheckSuite")
struct ServiceCheckSuiteTests {
    @Test func oneHeadlessRoundOfEveryKind() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let suite = ServiceCheckSuite(
            http: [HTTPCheckSpec(name: "web", url: server.base + "/ok"), HTTPCheckSpec(name: "api", url: server.base + "/status/503")],
            commands: [CommandCheckSpec(name: "true", argv: ["true"])],
            prometheus: [PrometheusQuerySpec(name: "up", serverURL: server.base, query: #"up{job="web"}"#, thresholds: ValueThresholds(critBelow: 0.5))])
        let round = await suite.runOnce()
        #expect(round.services.map(\.state) == [.ok, .crit])
        #expect(round.checks.map(\.state) == [.ok])
        #expect(round.prometheus.map(\.state) == [.crit])
    }

    @Test func loopsPerKindAndIntervalDeliverEveryCheck() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let suite = ServiceCheckSuite(
            http: [HTTPCheckSpec(name: "web", url: server.base + "/ok"), HTTPCheckSpec(name: "slowpoke", url: server.base + "/ok", interval: .seconds(30))],
            commands: [CommandCheckSpec(name: "pong", argv: ["sh", "-c", "echo PONG"], expectOutput: "PONG")],
            prometheus: [])
        let delivered = Mutex<[String: HealthState]>([:])
        let loops = suite.makeLoops(refresh: .seconds(2), clock: ManualClock()) { results in
            delivered.withLock { for result in results { $0[result.name] = result.state } }
        }
        #expect(loops.map(\.name) == ["http every 2s", "http every 30s", "commands every 2s"])
        for loop in loops { _ = await loop.runOnce() }
        #expect(delivered.withLock { $0 } == ["web": .ok, "slowpoke": .ok, "pong": .ok])
    }

    @Test func aRoundTheLoopGivesUpOnReportsEveryCheckUnknown() {
        let result = ServiceCheckSuite.unknown("db", kind: .command, reason: "timed out after 7s", at: Date(timeIntervalSince1970: 5))
        #expect(result.kind == .command)
        #expect(result.state == .unknown)
        #expect(result.reason == "timed out after 7s")
    }
}
