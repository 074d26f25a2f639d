import Foundation
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

/// A batch larger than `--parallel-max` runs in waves; its deadline must cover every wave, or a big
/// configuration has every round killed before curl reaches its last checks.
@Suite("curl batch deadlines cover every wave")
struct CurlBatchWavesTests {
    @Test func deadlineGrowsWithTheNumberOfWaves() {
        let batch = CurlBatch(parallelMax: 50)
        #expect(batch.deadline(forMaxTimes: [.seconds(5)], slack: .seconds(2)) == .seconds(7))
        #expect(batch.deadline(forMaxTimes: Array(repeating: .seconds(5), count: 50), slack: .seconds(2)) == .seconds(7))
        #expect(batch.deadline(forMaxTimes: Array(repeating: .seconds(5), count: 51), slack: .seconds(2)) == .seconds(12))
        #expect(batch.deadline(forMaxTimes: Array(repeating: .seconds(2), count: 10_000), slack: .seconds(2)) == .seconds(402))
        #expect(batch.deadline(forMaxTimes: [], slack: .seconds(2)) == .seconds(7))
        let specs = (0..<120).map { HTTPCheckSpec(name: "s\($0)", url: "http://127.0.0.1:1/\($0)", timeout: .seconds(1)) }
        #expect(HTTPCheckRunner(specs: specs, batch: batch).roundDeadline == .seconds(5))
    }

    /// Twelve checks of 600 ms each, two at a time: six waves, 3.6 s, longer than one check's
    /// timeout plus the slack (3 s), the deadline before the fix. Every check must be answered.
    @Test func everyWaveOfARoundIsAnswered() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let specs = (0..<12).map {
            HTTPCheckSpec(name: "slow \($0)", url: server.base + "/slow?ms=600&n=\($0)", timeout: .seconds(1), warnLatency: .seconds(1))
        }
        let runner = HTTPCheckRunner(specs: specs, batch: CurlBatch(parallelMax: 2))
        #expect(runner.roundDeadline >= .seconds(8))
        let results = await runner.runRound()
        let states = results.compactMap { result -> HealthState? in
            if case .http(let http) = result.detail { http.state } else { nil }
        }
        #expect(states == Array(repeating: .ok, count: 12), "\(results.map { "\($0.name): \($0.reason ?? "ok")" })")
    }
}
