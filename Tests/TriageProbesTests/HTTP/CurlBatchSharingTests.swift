import Foundation
import Synchronization
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

/// Check groups that start together share one curl process, and a fast group is never held back by
/// a slow one in the same process (real curl against a loopback server).
@Suite("curl batches started together share one process")
struct CurlBatchSharingTests {
    static func http(_ specs: [HTTPCheckSpec], _ sharing: CurlBatchSharing) -> HTTPCheckRunner {
        HTTPCheckRunner(specs: specs, batch: CurlBatch().shared(through: sharing))
    }

    static func states(_ results: [ServiceCheckResult]) -> [String] {
        results.map { result in
            if case .http(let http) = result.detail { "\(result.name) \(http.state)\(http.reason.map { ": \($0)" } ?? "")" } else { "\(result.name) ?" }
        }
    }

    /// The lab's shape: a 2 s group and a group with a slow endpoint and a 5 s timeout, due at once.
    @Test func aFastGroupIsAnsweredWhileTheSlowOneRunsInTheSameCurl() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let sharing = CurlBatchSharing()
        let fast = Self.http([
            HTTPCheckSpec(name: "ok", url: server.base + "/ok", timeout: .seconds(2)),
            HTTPCheckSpec(name: "500", url: server.base + "/status/500", timeout: .seconds(2)),
        ], sharing)
        let slow = Self.http([
            HTTPCheckSpec(name: "slow", url: server.base + "/slow?ms=4000", timeout: .seconds(8), warnLatency: .seconds(6)),
        ], sharing)
        let slowDone = Mutex(false)
        async let slowResults: [ServiceCheckResult] = {
            let results = await slow.runRound()
            slowDone.withLock { $0 = true }
            return results
        }()
        let fastResults = await fast.runRound()
        // Answered while the slow transfer still runs: the 4 s wait leaves a wide margin.
        #expect(!slowDone.withLock { $0 }, "the fast group waited for the slow one")
        #expect(Self.states(fastResults) == ["ok ok", "500 crit: HTTP 500 (expected 2xx)"])
        #expect(Self.states(await slowResults) == ["slow ok"])
        #expect(await sharing.processesStarted == 1)
    }

    @Test func differentBodyCapsDoNotShareAProcess() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let sharing = CurlBatchSharing()
        var capped = HTTPCheckSpec(name: "a", url: server.base + "/ok")
        capped.maxBody = 1 << 10
        let small = Self.http([capped], sharing)
        let large = Self.http([HTTPCheckSpec(name: "b", url: server.base + "/ok")], sharing)
        async let first = small.runRound()
        async let second = large.runRound()
        #expect(Self.states(await first) == ["a ok"])
        #expect(Self.states(await second) == ["b ok"])
        #expect(await sharing.processesStarted == 2)
    }

    /// A merge past `--parallel-max` would queue one group behind another: it starts a new process.
    @Test func aMergePastParallelMaxStartsAnotherProcess() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let sharing = CurlBatchSharing()
        let batch = CurlBatch(parallelMax: 4).shared(through: sharing)
        let three = (0..<3).map { HTTPCheckSpec(name: "x\($0)", url: server.base + "/ok?n=\($0)") }
        let one = [HTTPCheckSpec(name: "y", url: server.base + "/ok?n=y")]
        let a = HTTPCheckRunner(specs: three, batch: batch), b = HTTPCheckRunner(specs: three, batch: batch)
        let c = HTTPCheckRunner(specs: one, batch: batch)
        async let ra = a.runRound()
        async let rb = b.runRound()
        async let rc = c.runRound()
        let all = await Self.states(ra) + Self.states(rb) + Self.states(rc)
        #expect(all == ["x0 ok", "x1 ok", "x2 ok", "x0 ok", "x1 ok", "x2 ok", "y ok"])
        #expect(await sharing.processesStarted == 2, "3 + 3 > 4 transfers: two processes, the third batch joins one")
    }

    /// A round cancelled by its loop is answered at once; the others in its curl still get theirs.
    @Test func aCancelledMemberLeavesTheOthersTheirResults() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let sharing = CurlBatchSharing()
        let hung = Self.http([HTTPCheckSpec(name: "hung", url: server.base + "/slow?ms=6000", timeout: .seconds(8))], sharing)
        let other = Self.http([HTTPCheckSpec(name: "other", url: server.base + "/slow?ms=300", timeout: .seconds(2), warnLatency: .seconds(1))], sharing)
        let hungTask = Task { await hung.runRound() }
        async let otherResults = other.runRound()
        try await Task.sleep(for: .milliseconds(100))
        hungTask.cancel()
        let cancelled = await hungTask.value
        #expect(Self.states(cancelled).first?.hasPrefix("hung unknown") == true, "\(Self.states(cancelled))")
        #expect(Self.states(await otherResults) == ["other ok"])
        #expect(await sharing.processesStarted == 1)
    }

    /// Through the suite, as the dashboard builds its probes: two timeout groups, one curl.
    @Test func theSuitesTimeoutGroupsShareOneCurl() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let sharing = CurlBatchSharing()
        let specs = [
            HTTPCheckSpec(name: "backend", url: server.base + "/ok", timeout: .seconds(2)),
            HTTPCheckSpec(name: "slow", url: server.base + "/slow?ms=200", timeout: .seconds(5)),
        ]
        for batch in [CurlBatch(), CurlBatch().shared(through: sharing)] {
            let probes = ServiceCheckSuite(http: specs, commands: [], prometheus: [], batch: batch).probes(refresh: .seconds(2))
            #expect(probes.count == 2)
            async let first = probes[0].poll(deadline: .seconds(10))
            async let second = probes[1].poll(deadline: .seconds(10))
            var names: [String] = []
            for data in await [first, second] {
                if case .services(let results) = data { names += Self.states(results) }
            }
            #expect(names == ["backend ok", "slow ok"])
        }
        #expect(await sharing.processesStarted == 1)
    }
}
