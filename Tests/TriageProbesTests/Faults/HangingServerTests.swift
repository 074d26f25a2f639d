import Foundation
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

/// A server that accepts connections and never answers (scripts/testservers/blackhole.py).
@Suite("Hanging servers")
struct HangingServerTests {
    @Test func httpCheckTimesOutAtItsDeadline() async throws {
        let hole = try await LoopbackServer.start("blackhole.py")
        defer { Task { await hole.stop() } }
        let started = ContinuousClock.now
        let results = await HTTPCheckRunner(specs: [
            HTTPCheckSpec(name: "hangs", url: hole.base + "/health", timeout: .milliseconds(300)),
        ]).runRound()
        #expect(ContinuousClock.now - started < .seconds(20), "bounded by the deadline, not the hanging server")
        #expect(results.first?.state == .crit)
        #expect(results.first?.reason == "timed out after 300ms")
    }

    @Test func prometheusQueryTimesOutAtItsDeadline() async throws {
        let hole = try await LoopbackServer.start("blackhole.py")
        defer { Task { await hole.stop() } }
        let results = await PrometheusQueryRunner(specs: [
            PrometheusQuerySpec(name: "hangs", serverURL: hole.base, query: "up", timeout: .milliseconds(300)),
        ]).runRound()
        #expect(results.first?.state == .unknown)
        #expect(results.first?.reason == "timed out after 300ms")
    }

    @Test func fiftyRoundsLeaveNoCurlBehind() async throws {
        let hole = try await LoopbackServer.start("blackhole.py")
        defer { Task { await hole.stop() } }
        let requests = (0..<5).map { CurlRequest(url: hole.base + "/\($0)", maxTime: .milliseconds(200)) }
        let groups = await withTaskGroup(of: [Int32].self) { group in
            for _ in 0..<5 {
                group.addTask {
                    var seen: [Int32] = []
                    for _ in 0..<10 {
                        let result = await CurlBatch().run(requests, slack: .seconds(2))
                        if let pid = result.process.processID { seen.append(pid) }
                        #expect(result.transfers.count == 5)
                        #expect(result.transfers.values.allSatisfy { $0.exitCode == 28 })
                    }
                    return seen
                }
            }
            return await group.reduce(into: [Int32]()) { $0 += $1 }
        }
        #expect(groups.count == 50)
        let left = await ProcessTable.survivorsAfterSettling(ofGroups: Set(groups))
        #expect(left.isEmpty, "curl processes left: \(left)")
    }
}
