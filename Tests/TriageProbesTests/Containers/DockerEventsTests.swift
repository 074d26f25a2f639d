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
        try await PodmanService.withEngine { engine in
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
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func aCrashLoopInspectCacheAsksOncePerRestartNotEveryRound() async throws {
        try await PodmanService.withEngine { engine in
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
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func aStreamThatEndsMakesEveryRoundListAgain() async throws {
        try await PodmanService.withEngine { engine in
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
        }
    }

    @Test func eventLinesAreReadForTheContainerAndWhatHappened() {
        let podman = #"{"status":"die","id":"f783308f6785ca8e854234a661bdd4afb773a4a759b09f1cf571672f4c4a10fa","from":"localhost/triage-bb:latest","Type":"container","Action":"die","Actor":{"ID":"f783308f6785ca8e854234a661bdd4afb773a4a759b09f1cf571672f4c4a10fa","Attributes":{"exitCode":"2","name":"lab-crashloop"}},"scope":"local","time":1796613000}"#
        #expect(
            DockerEvent.parse(podman)
                == DockerEvent(
                    containerID: "f783308f6785", action: "die", names: ["lab-crashloop"], exitCode: 2,
                    time: Date(timeIntervalSince1970: 1_796_613_000)))
        #expect(DockerEvent.parse(podman)?.kind == .state)
        // Another project's container on a shared engine is none of this host's business.
        #expect(DockerEvent.parse(podman)?.concerns(DockerHostTarget(endpoint: .cliDefault, nameGlobs: ["lab-*"])) == true)
        #expect(DockerEvent.parse(podman)?.concerns(DockerHostTarget(endpoint: .cliDefault, nameGlobs: ["shop-*"])) == false)
        let renamed = #"{"Type":"container","Action":"rename","Actor":{"ID":"0123456789abcdef","Attributes":{"name":"other","oldName":"/shop-api"}}}"#
        #expect(DockerEvent.parse(renamed)?.concerns(DockerHostTarget(endpoint: .cliDefault, nameGlobs: ["shop-*"])) == true)
        let docker = #"{"Type":"container","Action":"health_status: unhealthy","Actor":{"ID":"0123456789abcdef","Attributes":{}},"scope":"local","time":1}"#
        #expect(DockerEvent.parse(docker)?.kind == .health)
        #expect(DockerEvent.parse(docker)?.healthVerdict == "unhealthy" && DockerEvent.parse(docker)?.carriesItsChange == true)
        // podman 5 puts the verdict in the attributes.
        let podman5 = #"{"Type":"container","Action":"health_status","Actor":{"ID":"0123456789abcdef","Attributes":{"health_status":"healthy"}},"time":1}"#
        #expect(DockerEvent.parse(podman5)?.healthVerdict == "healthy")
        let removed = #"{"Type":"container","Action":"remove","Actor":{"ID":"0123456789abcdef"}}"#
        #expect(DockerEvent.parse(removed)?.kind == .membership)
        #expect(DockerEvent.parse(#"{"Type":"network","Action":"connect","Actor":{"ID":"n1"}}"#) == nil)
        #expect(DockerEvent.parse("") == nil && DockerEvent.parse("WARNING: something") == nil)
        let arguments = DockerEvent.streamArguments
        #expect(arguments.starts(with: ["events", "--filter", "type=container"]) && arguments.suffix(2) == ["--format", "{{json .}}"])
        #expect(!arguments.contains { $0.hasPrefix("event=exec") }, "health check execs never wake the probe")
    }

    /// The lab's own `docker events` (podman 4.3.1, recorded unfiltered): a crash loop's die carries
    /// its exit code, an OOM kill's die only 137 (no event says OOM), and a health check run no verdict
    /// (podman's API sends `HealthStatus` at the top level, which the docker CLI does not print).
    @Test func theLabsEventsSayWhatTheyCarry() throws {
        let events = try RecordedFixture.text("docker-events-podman-4.3-lab.jsonl").split(separator: "\n").map { DockerEvent.parse(String($0)) }
        #expect(events.count == 24 && events.allSatisfy { $0 != nil && $0?.time != nil })
        let parsed = events.compactMap { $0 }
        let crashDies = parsed.filter { $0.names == ["lab-crashloop"] && $0.action == "die" }
        #expect(crashDies.count == 2 && crashDies.allSatisfy { $0.exitCode == 2 && $0.carriesItsChange })
        #expect(parsed.filter { $0.names == ["lab-crashloop"] }.allSatisfy { $0.carriesItsChange }, "die, restart, init, start")
        let oom = try #require(parsed.first { $0.names == ["lab-oom"] && $0.action == "die" })
        #expect(oom.exitCode == 137 && !oom.carriesItsChange, "a SIGKILL may be the OOM killer's: inspected")
        let health = parsed.filter { $0.kind == .health }
        #expect(health.count == 6 && health.allSatisfy { $0.healthVerdict == nil && !$0.carriesItsChange })
    }

    /// A recorded crash-loop cycle of the lab (inspect, then die, restart, init and start, then inspect):
    /// the events applied to the first inspect give what the second says, without running it.
    @Test func aCrashLoopCycleFromItsEventsIsWhatTheNextInspectSays() throws {
        let before = try #require(try DockerInspectParser.parse(RecordedFixture.data("docker-inspect-crashloop-before.json")).first)
        let after = try #require(try DockerInspectParser.parse(RecordedFixture.data("docker-inspect-crashloop-after.json")).first)
        let cycle = try RecordedFixture.text("docker-events-crashloop-cycle.jsonl").split(separator: "\n").compactMap { DockerEvent.parse(String($0)) }
        #expect(cycle.map(\.action) == ["die", "restart", "init", "start"])
        var details = before
        var line = DockerPSEntry(containerID: before.shortID, name: before.name, state: "running")
        for event in cycle { #expect(ContainerEventPatch.apply(event, to: &line, details: &details), "\(event.action)") }
        #expect(details.restartCount == after.restartCount && details.restartCount == (before.restartCount ?? 0) + 1)
        #expect(details.status == after.status && line.state == "running" && details.exitCode == after.exitCode)
        #expect(details.healthStatus == after.healthStatus && details.oomKilled == after.oomKilled)
        // The event is stamped when podman reports the start, a few milliseconds after the start itself.
        let started = try #require(details.startedAt), really = try #require(after.startedAt)
        #expect(abs(started.timeIntervalSince(really)) < 0.5, "\(started) against \(really)")
        // Old news is not applied: the die this inspect already shows, once more, changes nothing.
        var again = after
        #expect(!ContainerEventPatch.apply(cycle[0], to: &line, details: &again) && again == after)
    }

    /// Health checks and a crash loop: a round that inspects at all reads every container with news
    /// in one `docker inspect`, and news the events carried waits for `healthRecheck`.
    @Test func oneInspectReadsEveryContainerWithNews() {
        var changes = ContainerChanges(relistInterval: .seconds(30), healthRecheck: .seconds(10), settle: .zero)
        let start = ContinuousClock.now
        changes.streamStarted(at: start)
        #expect(changes.take(at: start) == .relist(also: []))
        changes.listed(at: start)
        changes.inspected(["aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"], at: start)
        let at = Date(timeIntervalSince1970: 1_796_626_000)
        changes.record(DockerEvent(containerID: "aaaaaaaaaaaa", action: "health_status"))
        changes.record(DockerEvent(containerID: "bbbbbbbbbbbb", action: "health_status"))
        changes.record(DockerEvent(containerID: "cccccccccccc", action: "die", exitCode: 2, time: at))
        changes.record(DockerEvent(containerID: "cccccccccccc", action: "start", time: at))
        // Within healthRecheck: nothing to read; the die and the start are applied as they came.
        #expect(changes.take(at: start + .seconds(2)) == .quiet)
        #expect(changes.takeCarried().map(\.action) == ["die", "start"] && changes.takeCarried().isEmpty)
        // One of them is due: one inspect reads all three.
        changes.inspected(["aaaaaaaaaaaa"], at: start + .seconds(1))
        changes.record(DockerEvent(containerID: "aaaaaaaaaaaa", action: "health_status"))
        #expect(changes.take(at: start + .seconds(10)) == .inspect(["aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"]))
        changes.inspected(["aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"], at: start + .seconds(10))
        #expect(changes.take(at: start + .seconds(11)) == .quiet)
        // A state change no event line carries (a kill) is read at once, with whatever else has news.
        changes.record(DockerEvent(containerID: "bbbbbbbbbbbb", action: "health_status"))
        changes.record(DockerEvent(containerID: "cccccccccccc", action: "kill", time: at))
        #expect(changes.take(at: start + .seconds(12)) == .inspect(["bbbbbbbbbbbb", "cccccccccccc"]))
    }

    /// A container that crash-loops three times and then stays up: its restarts come through the
    /// events alone (no inspect each), and its row is what a fresh probe's list and inspect say.
    @Test func aCrashLoopIsFollowedByItsEventsWithoutAnInspectEachRestart() async throws {
        try await PodmanService.withEngine { engine in
            let directory = try LabTools.temporaryDirectory("carried")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let docker = try CountingDocker(in: directory)
            let probe = DockerProbe(
                target: DockerHostTarget(endpoint: .host(engine.dockerHost), nameGlobs: [engine.prefix + "*"]),
                executable: docker.executable, healthRecheck: .seconds(120))
            // The events stream follows before the container exists.
            _ = try await Self.rounds(4, of: probe, apart: .milliseconds(500))
            let script = "n=$(cat /n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /n; [ $n -ge 4 ] && exec sleep 600; sleep 0.5; exit 2"
            try await engine.run("loop", options: ["--restart", "always"], script: script)
            var snapshot = await probe.poll(deadline: .seconds(10))
            let settled = await LabTools.eventually(attempts: 100) {
                snapshot = await probe.poll(deadline: .seconds(10))
                return snapshot.containers.first?.restarts == 3 && snapshot.containers.first?.state == .running
            }
            let row = try #require(snapshot.containers.first)
            #expect(settled, "\(row.state) restarts \(row.restarts ?? -1)")
            let runs = docker.runs
            // The create lists and inspects it once; the three dies and starts need none (the old probe
            // inspected after each, four or more in all).
            #expect(runs["inspect", default: 0] <= 2, "docker runs: \(runs)")
            let fresh = DockerProbe(target: DockerHostTarget(endpoint: .host(engine.dockerHost), nameGlobs: [engine.prefix + "*"]))
            let truth = try #require(await fresh.poll(deadline: .seconds(10)).containers.first)
            #expect(row.state == truth.state && row.restarts == truth.restarts && row.exitCode == truth.exitCode)
            #expect(row.health == truth.health && row.oomKilled == truth.oomKilled && row.restartedRecently == truth.restartedRecently)
            #expect(row.healthState == truth.healthState && row.reason == truth.reason)
            let started = try #require(row.startedAt), really = try #require(truth.startedAt)
            #expect(abs(started.timeIntervalSince(really)) < 1, "\(started) against \(really)")
            await probe.stop()
            await fresh.stop()
        }
    }
}
