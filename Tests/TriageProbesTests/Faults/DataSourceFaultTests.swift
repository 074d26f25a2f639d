import Foundation
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

/// The fault matrix's data-source faults at the probe level (the same faults end to end are in
/// TriageEndToEndTests/ProbeFaultEndToEndTests): what the docker probe reports when its CLI is
/// missing and when its engine goes away after a good round.
@Suite("Data source faults", .serialized)
struct DataSourceFaultTests {
    /// A docker that does not exist is a reason on every round, quickly, and no child is left.
    @Test func aMissingDockerCLIIsAReasonEveryRound() async throws {
        let probe = DockerProbe(target: DockerHostTarget(endpoint: .host("unix:///tmp/tpt-unused.sock")),
                                executable: "/nonexistent/triage-test/docker", streamBackoff: .milliseconds(50)...(.seconds(1)))
        let clock = ContinuousClock()
        let started = clock.now
        for _ in 0..<5 {
            let snapshot = await probe.poll(deadline: .seconds(10))
            #expect(snapshot.failure == "/nonexistent/triage-test/docker: no such executable file")
            #expect(snapshot.isStale && snapshot.containers.isEmpty && snapshot.lastGoodAt == nil)
        }
        #expect(clock.now - started < .seconds(5), "a missing binary must not cost a deadline per round")
        // The stats stream fails on its own task, so its reason arrives some time after the first
        // round: asked for again (bounded) rather than after a fixed 500 ms a loaded machine overran.
        var failure: String?
        let asked = clock.now
        while failure == nil, clock.now - asked < .seconds(10) {
            failure = await probe.poll(deadline: .seconds(10)).statsFailure
            if failure == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(failure == "docker stats: /nonexistent/triage-test/docker: no such executable file")
        await probe.stop()
    }

    /// The engine answers once, then is gone: the next rounds keep the last rows, marked stale, with
    /// the CLI's own words and the time of the last good round.
    @Test func anEngineGoneAfterAGoodRoundKeepsTheLastRowsStale() async throws {
        try await PodmanService.withEngine { engine in
            try await engine.run("gone", script: "while true; do echo ok; sleep 1; done")
            let probe = DockerProbe(target: DockerHostTarget(endpoint: .host(engine.dockerHost), nameGlobs: [engine.prefix + "*"]))
            let good = await probe.poll(deadline: .seconds(20))
            #expect(good.failure == nil, "\(good.failure ?? "")")
            #expect(good.containers.map(\.name) == [engine.prefix + "gone"])
            #expect(good.containers.first?.state == .running)
            let goodAt = try #require(good.lastGoodAt)

            await engine.stop()
            for _ in 0..<3 {
                let stale = await probe.poll(deadline: .seconds(10))
                #expect(stale.failure == "Cannot connect to the Docker daemon at \(engine.dockerHost). Is the docker daemon running?")
                #expect(stale.isStale)
                #expect(stale.containers.map(\.name) == [engine.prefix + "gone"], "the last rows are kept")
                #expect(stale.lastGoodAt == goodAt, "the age counts from the last good round")
            }
            await probe.stop()
            #expect(await LabTools.processesAfterSettling(named: "docker", marker: engine.socketPath).isEmpty)
        }
    }
}
