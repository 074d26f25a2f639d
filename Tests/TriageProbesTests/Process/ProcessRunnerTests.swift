import Foundation
import Testing
@testable import TriageProbes

@Suite("ProcessRunner")
struct ProcessRunnerTests {
    @Test func capturesOutputAndExitStatus() async {
        let outcome = await ProcessRunner.run("sh", ["-c", "echo out; echo 'first err' >&2; echo more >&2; exit 3"], deadline: .seconds(10))
        #expect(outcome.exitStatus == .exited(3))
        #expect(outcome.stdoutText == "out\n")
        #expect(outcome.stderrText == "first err\nmore\n")
        #expect(outcome.failureReason == "first err")
        #expect(outcome.executable.hasPrefix("/"))
    }

    @Test func successHasNoFailureReason() async {
        let outcome = await ProcessRunner.run("true", [], deadline: .seconds(10))
        #expect(outcome.succeeded)
        #expect(outcome.failureReason == nil)
    }

    @Test func toolsOwnStderrIsTheReason() async {
        let message = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"
        let outcome = await ProcessRunner.run("sh", ["-c", "echo '\(message)' >&2; exit 1"], deadline: .seconds(10))
        #expect(outcome.failureReason == message)
    }

    @Test func missingToolIsAFailureToStart() async {
        let outcome = await ProcessRunner.run("triage-no-such-tool-4711", [], deadline: .seconds(1))
        #expect(outcome.exitStatus == .failedToStart("triage-no-such-tool-4711: not found on PATH"))
        #expect(outcome.failureReason == "triage-no-such-tool-4711: not found on PATH")
        #expect(outcome.processID == nil)
    }

    @Test func environmentOverridesAreSeen() async {
        let outcome = await ProcessRunner.run("sh", ["-c", "printf %s \"$TRIAGE_PROBE_VAR\""], environment: ["TRIAGE_PROBE_VAR": "é ok"], deadline: .seconds(10))
        #expect(outcome.stdoutText == "é ok")
    }

    @Test func stdinIsDelivered() async {
        let input = Array("line one\nline two\n".utf8)
        let outcome = await ProcessRunner.run("cat", [], deadline: .seconds(10), stdin: input)
        #expect(outcome.stdout == input)
    }

    @Test func childWithoutStdinSeesEndOfFile() async {
        let outcome = await ProcessRunner.run("cat", [], deadline: .seconds(10))
        #expect(outcome.exitStatus == .exited(0))
        #expect(outcome.duration < .seconds(9), "ended before its deadline (loose bound: the machine may be loaded)")
    }

    @Test func outputIsBoundedWithAMarker() async {
        let outcome = await ProcessRunner.run("head", ["-c", "5000000", "/dev/zero"], deadline: .seconds(20), outputLimit: 1000)
        #expect(outcome.exitStatus == .exited(0))
        #expect(outcome.stdout.count == 1000)
        #expect(outcome.stdoutTruncated)
        #expect(outcome.stdoutText.hasSuffix(ProcessOutcome.truncationMarker))
    }

    @Test func deadlineKillsTheWholeGroup() async throws {
        let outcome = await ProcessRunner.run("sh", ["-c", "sleep 30 & sleep 30"], deadline: .milliseconds(300))
        #expect(outcome.exitStatus == .timedOut)
        #expect(outcome.failureReason == "timed out after 300ms")
        #expect(outcome.duration < .seconds(20), "torn down long before the 30 s sleeps end (loose bound: the machine may be loaded)")
        let group = try #require(outcome.processID)
        let left = await ProcessTable.survivorsAfterSettling(ofGroups: [group])
        #expect(left.isEmpty, "processes of group \(group) survived: \(left)")
    }

    @Test func termIgnoringChildIsKilled() async throws {
        let outcome = await ProcessRunner.run("sh", ["-c", "trap '' TERM; sleep 30 & trap '' TERM; while :; do sleep 1; done"], deadline: .milliseconds(200))
        #expect(outcome.exitStatus == .timedOut)
        #expect(outcome.duration < .seconds(20), "torn down long before the 30 s sleeps end (loose bound: the machine may be loaded)")
        let group = try #require(outcome.processID)
        let left = await ProcessTable.survivorsAfterSettling(ofGroups: [group])
        #expect(left.isEmpty, "processes of group \(group) survived: \(left)")
    }

    @Test func lingeringGrandchildDoesNotHoldTheRunOpen() async throws {
        let outcome = await ProcessRunner.run("sh", ["-c", "sleep 30 & echo started"], deadline: .seconds(20))
        #expect(outcome.exitStatus == .exited(0))
        #expect(outcome.stdoutText == "started\n")
        #expect(outcome.duration < .seconds(9), "ended before its deadline (loose bound: the machine may be loaded)")
        let group = try #require(outcome.processID)
        let left = await ProcessTable.survivorsAfterSettling(ofGroups: [group])
        #expect(left.isEmpty, "orphan of group \(group) survived: \(left)")
    }

    @Test func cancellationTearsDownTheGroup() async throws {
        let marker = "cancel-\(UUID().uuidString)"
        let task = Task { await ProcessRunner.run("sh", ["-c", "sleep 30 & sleep 30; : \(marker)"], deadline: .seconds(60)) }
        // Cancelled once sh and both sleeps run (a fixed 300 ms could cancel before the spawn).
        let started = await ProcessTable.waitForGroup(marker: marker, members: 3)
        task.cancel()
        let outcome = await task.value
        #expect(started != nil, "the child and its sleeps never all ran")
        #expect(outcome.exitStatus == .cancelled)
        #expect(outcome.duration < .seconds(9), "ended before its deadline (loose bound: the machine may be loaded)")
        let group = try #require(outcome.processID)
        #expect(group == started)
        let left = await ProcessTable.survivorsAfterSettling(ofGroups: [group])
        #expect(left.isEmpty, "processes of group \(group) survived: \(left)")
    }

    @Test func fiftyTimedOutRunsLeaveNoChildOrOrphan() async {
        var groups: Set<Int32> = []
        for _ in 0..<5 {
            let outcomes = await withTaskGroup(of: ProcessOutcome.self) { group in
                for _ in 0..<10 {
                    group.addTask { await ProcessRunner.run("sh", ["-c", "sleep 30 & sleep 30"], deadline: .milliseconds(150)) }
                }
                return await group.reduce(into: [ProcessOutcome]()) { $0.append($1) }
            }
            for outcome in outcomes {
                #expect(outcome.exitStatus == .timedOut)
                if let pid = outcome.processID { groups.insert(pid) }
            }
        }
        #expect(groups.count == 50)
        let left = await ProcessTable.survivorsAfterSettling(ofGroups: groups)
        #expect(left.isEmpty, "survivors: \(left)")
        let me = getpid()
        let zombies = ProcessTable.entries().filter { $0.parent == me && groups.contains($0.pid) }
        #expect(zombies.isEmpty, "unreaped children: \(zombies)")
    }
}
