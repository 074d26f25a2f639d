import Foundation
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

/// DockerProbe driven by `docker events` (the whole lab's cost, issue 16), with the real docker CLI
/// against podman's Docker API. Process starts are counted by a wrapper around the docker CLI that
/// logs each run's subcommand, so the count does not depend on the probe's own bookkeeping.
@Suite("DockerEvents: a docker host probed by what changes", .serialized)
struct DockerEventsTests {
    /// A `docker` that appends its subcommand (the first argument after `--host ADDRESS`) to `log`.
    struct CountingDocker {
        let executable: String
        let log: String

        init(in directory: String) throws {
            let docker = try LabTools.require("docker")
            executable = directory + "/docker"
            log = directory + "/runs.log"
            let script = "#!/bin/sh\ncase \"$*\" in *--no-stream*) echo 'stats --no-stream' ;; *) echo \"$3\" ;; esac >> '\(log)'\nexec '\(docker)' \"$@\"\n"
            try Data(script.utf8).write(to: URL(fileURLWithPath: executable))
            chmod(executable, 0o755)
            FileManager.default.createFile(atPath: log, contents: nil)
        }

        /// Runs started so far, by subcommand.
        var runs: [String: Int] {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").reduce(into: [:]) { $0[String($1), default: 0] += 1 }
        }
    }

    /// A probe of `engine`'s containers (this test's only) through `docker`.
    static func probe(of engine: PodmanService, through docker: CountingDocker) -> DockerProbe {
        DockerProbe(
            target: DockerHostTarget(endpoint: .host(engine.dockerHost), nameGlobs: [engine.prefix + "*"]), executable: docker.executable)
    }

    static func rounds(_ count: Int, of probe: DockerProbe, apart gap: Duration) async throws -> DockerSnapshot {
        var snapshot = await probe.poll(deadline: .seconds(10))
        for _ in 1..<count {
            try await Task.sleep(for: gap)
            snapshot = await probe.poll(deadline: .seconds(10))
        }
        return snapshot
    }

    @Test func aQuietEngineStartsNoDockerProcessPerRound() async throws {
        let engine = try await PodmanService.start()
        try await engine.run("steady", script: "while true; do sleep 1; done")
        try await engine.run("over", script: "exit 4")
        #expect(await engine.docker(["wait", engine.prefix + "over"]).succeeded)
        let directory = try LabTools.temporaryDirectory("events")
        let docker = try CountingDocker(in: directory)
        let probe = Self.probe(of: engine, through: docker)

        // 15 rounds, 400 ms apart: before the events stream, each one ran `docker ps`.
        let quiet = try await Self.rounds(15, of: probe, apart: .milliseconds(400))
        let runs = docker.runs
        #expect(quiet.failure == nil && quiet.containers.count == 2)
        #expect(runs["ps", default: 0] <= 5, "docker ps runs in 15 quiet rounds: \(runs)")
        #expect(runs["inspect", default: 0] <= 1, "inspect runs: \(runs)")
        #expect(runs["events"] == 1 && runs["stats"] == 1, "one events and one stats stream: \(runs)")

        // A container that dies shows within a round or two, through an inspect of it alone.
        #expect(await engine.docker(["kill", engine.prefix + "steady"]).succeeded)
        var snapshot = quiet
        let died = await LabTools.eventually(attempts: 30) {
            snapshot = await probe.poll(deadline: .seconds(10))
            return snapshot.containers.first { $0.name.hasSuffix("steady") }?.state == .exited
        }
        #expect(died, "\(snapshot.containers.map { "\($0.name) \($0.state)" })")
        #expect(snapshot.containers.first { $0.name.hasSuffix("steady") }?.exitCode == 137)
        #expect(docker.runs["ps"] == runs["ps"], "the death came through the events, not a list: \(docker.runs)")

        // A container removed: the set changed, so the next rounds list again, and it is gone.
        #expect(await engine.docker(["rm", engine.prefix + "over"]).succeeded)
        let gone = await LabTools.eventually(attempts: 30) {
            snapshot = await probe.poll(deadline: .seconds(10))
            return snapshot.containers.count == 1
        }
        #expect(gone, "\(snapshot.containers.map(\.name))")
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "docker", marker: engine.dockerHost).isEmpty)
        await engine.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aCrashLoopInspectCacheAsksOncePerRestartNotEveryRound() async throws {
        let engine = try await PodmanService.start()
        try await engine.run("crash", options: ["--restart", "always"], script: "sleep 3; exit 2")
        let directory = try LabTools.temporaryDirectory("crashloop")
        let docker = try CountingDocker(in: directory)
        let probe = Self.probe(of: engine, through: docker)
        // 24 rounds, 250 ms apart (6 s or more): the container restarts about twice.
        let snapshot = try await Self.rounds(24, of: probe, apart: .milliseconds(250))
        let runs = docker.runs
        let row = snapshot.containers.first
        let restarts = row?.restarts ?? 0
        #expect(restarts >= 1 && row?.restartedRecently == true, "\(String(describing: row))")
        // One inspect per restart (its die and start may fall into two rounds), and the first look.
        #expect(runs["ps", default: 0] + runs["inspect", default: 0] <= 6 + 2 * restarts, "docker runs in 24 rounds: \(runs), restarts \(restarts)")
        await probe.stop()
        await engine.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aStreamThatEndsMakesEveryRoundListAgain() async throws {
        let engine = try await PodmanService.start()
        try await engine.run("steady", script: "while true; do sleep 1; done")
        let probe = DockerProbe(
            target: DockerHostTarget(endpoint: .host(engine.dockerHost), nameGlobs: [engine.prefix + "*"]),
            streamBackoff: .seconds(30)...(.seconds(30)))
        _ = try await Self.rounds(6, of: probe, apart: .milliseconds(400))
        let following = await probe.runsStarted
        // The engine goes away and comes back: the events stream ended with it and waits out its backoff,
        // so the rounds meanwhile list, and see what happened while nothing was streaming.
        await engine.stopService()
        // The stream's end reaches the probe within moments; rounds until then still show the last list.
        let down = await LabTools.eventually(attempts: 30) { await probe.poll(deadline: .seconds(10)).isStale }
        #expect(down, "a round with the engine gone fails")
        try await engine.startService()
        #expect(await engine.docker(["kill", engine.prefix + "steady"]).succeeded)
        let after = try await Self.rounds(3, of: probe, apart: .milliseconds(200))
        #expect(after.failure == nil && after.containers.first?.state == .exited)
        let runs = await probe.runsStarted
        #expect(runs["ps", default: 0] >= following["ps", default: 0] + 4, "each round listed: \(runs)")
        #expect(runs["events"] == 1, "the events stream waits out its backoff: \(runs)")
        await probe.stop()
        await engine.stop()
    }

    @Test func eventLinesAreReadForTheContainerAndWhatHappened() {
        let podman = #"{"status":"die","id":"f783308f6785ca8e854234a661bdd4afb773a4a759b09f1cf571672f4c4a10fa","from":"localhost/triage-bb:latest","Type":"container","Action":"die","Actor":{"ID":"f783308f6785ca8e854234a661bdd4afb773a4a759b09f1cf571672f4c4a10fa","Attributes":{"exitCode":"2","name":"lab-crashloop"}},"scope":"local","time":1796613000}"#
        #expect(DockerEvent.parse(podman) == DockerEvent(containerID: "f783308f6785", action: "die", names: ["lab-crashloop"]))
        #expect(DockerEvent.parse(podman)?.kind == .state)
        // Another project's container on a shared engine is none of this host's business.
        #expect(DockerEvent.parse(podman)?.concerns(DockerHostTarget(endpoint: .cliDefault, nameGlobs: ["lab-*"])) == true)
        #expect(DockerEvent.parse(podman)?.concerns(DockerHostTarget(endpoint: .cliDefault, nameGlobs: ["shop-*"])) == false)
        let renamed = #"{"Type":"container","Action":"rename","Actor":{"ID":"0123456789abcdef","Attributes":{"name":"other","oldName":"/shop-api"}}}"#
        #expect(DockerEvent.parse(renamed)?.concerns(DockerHostTarget(endpoint: .cliDefault, nameGlobs: ["shop-*"])) == true)
        let docker = #"{"Type":"container","Action":"health_status: unhealthy","Actor":{"ID":"0123456789abcdef","Attributes":{}},"scope":"local","time":1}"#
        #expect(DockerEvent.parse(docker)?.kind == .health)
        let removed = #"{"Type":"container","Action":"remove","Actor":{"ID":"0123456789abcdef"}}"#
        #expect(DockerEvent.parse(removed)?.kind == .membership)
        #expect(DockerEvent.parse(#"{"Type":"network","Action":"connect","Actor":{"ID":"n1"}}"#) == nil)
        #expect(DockerEvent.parse("") == nil && DockerEvent.parse("WARNING: something") == nil)
        let arguments = DockerEvent.streamArguments
        #expect(arguments.starts(with: ["events", "--filter", "type=container"]) && arguments.suffix(2) == ["--format", "{{json .}}"])
        #expect(!arguments.contains { $0.hasPrefix("event=exec") }, "health check execs never wake the probe")
    }
}
