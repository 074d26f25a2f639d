import Foundation
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

/// DockerProbe with the real docker CLI against podman's Docker API: containers that run, fail their
/// healthcheck, crash-loop, exit, get stopped, killed and restarted; and an engine that never answers.
@Suite("DockerProbe against podman", .serialized)
struct DockerProbeTests {
    @Test func reportsWhatTheEngineKnows() async throws {
        try await PodmanService.withEngine { engine in
            let names = ["ok", "well", "sick", "crash", "done", "stopped", "killed", "bounced"]
            try await engine.run("ok", script: "while true; do sleep 1; done")
            try await engine.run("well", options: ["--health-cmd", "true", "--health-interval", "2s"], script: "while true; do sleep 1; done")
            try await engine.run("sick", options: ["--health-cmd", "test -f /nope", "--health-interval", "2s", "--health-retries", "1"],
                             script: "while true; do sleep 1; done")
            try await engine.run("crash", options: ["--restart", "always"], script: "sleep 1; exit 2")
            try await engine.run("done", script: "exit 3")
            try await engine.run("stopped", script: "while true; do sleep 1; done")
            try await engine.run("killed", script: "while true; do sleep 1; done")
            try await engine.run("bounced", script: "while true; do sleep 1; done")
            #expect(await engine.docker(["stop", "-t", "1", engine.prefix + "stopped"]).succeeded)
            #expect(await engine.docker(["kill", engine.prefix + "killed"]).succeeded)
            await engine.runHealthcheck("well")
            await engine.runHealthcheck("sick")

            // A symlink to the socket, so the test can take the engine away from the probe and give it back.
            let link = engine.directory + "/link.sock"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: engine.socketPath)
            let probe = DockerProbe(
                target: DockerHostTarget(endpoint: .host("unix://" + link), nameGlobs: [engine.prefix + "*"], tag: "podman"),
                streamBackoff: .milliseconds(200)...(.seconds(1)))

            var snapshot = await probe.poll(deadline: .seconds(10))
            func row(_ name: String) -> ContainerInfo? { snapshot.containers.first { $0.name == engine.prefix + name } }
            let settled = await LabTools.eventually(attempts: 150) {
                snapshot = await probe.poll(deadline: .seconds(10))
                return row("sick")?.health == .unhealthy && row("well")?.health == .healthy && (row("crash")?.restarts ?? 0) > 0
                    && row("killed")?.state == .exited && row("stopped")?.state == .exited
            }
            #expect(settled, "the probe never saw the expected states: \(snapshot.containers.map { "\($0.name) \($0.state) \($0.health) \($0.restarts ?? -1)" })")
            #expect(snapshot.failure == nil)
            #expect(snapshot.containers.count == names.count)
            #expect(snapshot.containers.allSatisfy { $0.host == "podman" && $0.containerID.count == 12 })
            #expect(row("ok")?.healthState == .ok)
            #expect(row("well")?.healthState == .ok)
            #expect(row("sick")?.healthState == .crit && row("sick")?.reason == "unhealthy")
            #expect(row("crash")?.healthState == .crit)
            #expect(row("done")?.exitCode == 3 && row("done")?.reason == "exited 3")
            #expect(row("killed")?.exitCode == 137 && row("killed")?.healthState == .crit)
            #expect(row("stopped")?.exitCode == 137)
            #expect(row("ok")?.startedAt != nil && row("done")?.finishedAt != nil)
            #expect(row("ok")?.image == PodmanService.image)

            // A restart that ps only shows as "Up" again is still noticed: the start time moves.
            let before = try #require(row("bounced")?.startedAt)
            try await Task.sleep(for: .seconds(2))
            #expect(await engine.docker(["restart", "-t", "0", engine.prefix + "bounced"]).succeeded)
            let noticed = await LabTools.eventually(attempts: 50) {
                snapshot = await probe.poll(deadline: .seconds(10))
                return (row("bounced")?.startedAt ?? before) > before
            }
            #expect(noticed)

            // Figures come from the single stats stream (podman refreshes it every ~5 s).
            let figures = await LabTools.eventually(attempts: 200) {
                snapshot = await probe.poll(deadline: .seconds(10))
                return row("ok")?.stats?.memoryUsageBytes != nil && row("ok")?.stats?.pids != nil
            }
            #expect(figures, "no stats for the running container; stats failure: \(snapshot.statsFailure ?? "none")")
            #expect(row("done")?.stats == nil)
            #expect(LabTools.processes(named: "docker", marker: link).count == 2, "exactly one stats and one events stream per host")

            // The engine goes away (its events stream ends with it, and the next round lists): the last
            // good rows stay, marked stale, with the CLI's own reason.
            let good = snapshot.containers.count
            await engine.stopService()
            var gone = snapshot
            var lastGood = snapshot
            let wentStale = await LabTools.eventually(attempts: 30) {
                let round = await probe.poll(deadline: .seconds(10))
                if round.isStale { gone = round } else { lastGood = round }
                return round.isStale
            }
            #expect(wentStale)
            #expect(gone.failure?.hasPrefix("Cannot connect to the Docker daemon at unix://\(link)") == true, "\(gone.failure ?? "")")
            #expect(gone.containers.count == good)
            #expect(gone.lastGoodAt == lastGood.lastGoodAt)
            try await engine.startService()
            #expect(await probe.poll(deadline: .seconds(10)).failure == nil)

            await probe.stop()
            #expect(await LabTools.processesAfterSettling(named: "docker", marker: link).isEmpty)
        }
    }

    @Test func inspectsOnlyContainersWhoseLineChanged() async throws {
        try await PodmanService.withEngine { engine in
            try await engine.run("steady", script: "while true; do sleep 1; done")
            try await engine.run("over", script: "exit 4")
            // Wait until "over" has exited: seeing it go from running to exited would be a real change.
            #expect(await engine.docker(["wait", engine.prefix + "over"]).succeeded)
            let probe = DockerProbe(target: DockerHostTarget(endpoint: .host(engine.dockerHost), nameGlobs: [engine.prefix + "*"]))
            let first = await probe.poll(deadline: .seconds(10))
            #expect(first.inspectedThisRound == 2 && first.containers.count == 2)
            let second = await probe.poll(deadline: .seconds(10))
            #expect(second.inspectedThisRound == 0 && second.containers.count == 2)
            #expect(second.containers.first { $0.name.hasSuffix("over") }?.exitCode == 4)
            #expect(await engine.docker(["kill", engine.prefix + "steady"]).succeeded)
            // Seen by the round its event (or the list) reaches, through an inspect of that container alone.
            var third = second
            let seen = await LabTools.eventually(attempts: 30) {
                third = await probe.poll(deadline: .seconds(10))
                return third.containers.first { $0.name.hasSuffix("steady") }?.state == .exited
            }
            #expect(seen)
            #expect(third.inspectedThisRound == 1)
            await probe.stop()
        }
    }

    @Test func anEngineThatNeverAnswersTimesOutAtTheDeadlineAndLeavesNoChild() async throws {
        _ = try LabTools.require("docker")
        let directory = try LabTools.temporaryDirectory("silent")
        let silent = try SilentUnixSocket(path: directory + "/silent.sock")
        let probe = DockerProbe(target: DockerHostTarget(endpoint: .host("unix://" + silent.path)))
        let clock = ContinuousClock()
        let start = clock.now
        let first = await probe.poll(deadline: .milliseconds(800))
        let took = clock.now - start
        #expect(first.failure == "timed out after 800ms")
        #expect(took < .seconds(3), "a round took \(took) against a deadline of 800ms")
        for _ in 0..<49 {
            let snapshot = await probe.poll(deadline: .milliseconds(150))
            #expect(snapshot.failure == "timed out after 150ms")
        }
        // Only the (hung) stats and events streams may be alive between rounds.
        let during = LabTools.processes(named: "docker", marker: silent.path)
        #expect(during.count <= 2, "docker processes alive between rounds: \(during)")
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "docker", marker: silent.path).isEmpty)
        #expect(LabTools.zombieChildren().isEmpty)
        silent.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aMissingEngineIsReportedInTheCLIsWords() async throws {
        _ = try LabTools.require("docker")
        let probe = DockerProbe(target: DockerHostTarget(endpoint: .host("unix:///tmp/tpt-no-such-engine.sock")))
        let snapshot = await probe.poll(deadline: .seconds(10))
        #expect(snapshot.failure == "Cannot connect to the Docker daemon at unix:///tmp/tpt-no-such-engine.sock. Is the docker daemon running?")
        #expect(snapshot.containers.isEmpty && snapshot.lastGoodAt == nil)
        await probe.stop()
    }

    @Test func hostTargetsPutTheEngineOnTheArgv() {
        #expect(DockerHostTarget(endpoint: .host("ssh://ops@db1")).globalArguments == ["--host", "ssh://ops@db1"])
        #expect(DockerHostTarget(endpoint: .host("tcp://10.0.0.5:2376")).tag == "tcp://10.0.0.5:2376")
        #expect(DockerHostTarget(endpoint: .context("prod")).globalArguments == ["--context", "prod"])
        #expect(DockerHostTarget(endpoint: .cliDefault).globalArguments.isEmpty)
        let globbed = DockerHostTarget(endpoint: .cliDefault, nameGlobs: ["codexos-*", "db?"])
        #expect(globbed.includes(name: "codexos-api") && globbed.includes(name: "db1"))
        #expect(!globbed.includes(name: "web") && !globbed.includes(name: "db12"))
    }
}
