import Foundation
import Testing
import TriageCore
@testable import TriageStore

#if canImport(Glibc)
import Glibc
#endif

/// Several processes on one database, through the `triage-store-driver` helper executable.
///
/// Serialized: these tests measure delays and kill processes at random moments, and the machine has
/// two cores; running them side by side would test the scheduler rather than the store.
@Suite(.serialized) struct MultiProcessTests {
    @Test func killNineAtRandomMomentsLosesNoCommittedTick() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        let incidentID = try IncidentStore(path: path).createIncident(title: "kill loop", severity: "P1", actor: "t").id

        let iterationsWanted = 100
        let budget = Duration.seconds(90)
        let started = ContinuousClock.now
        var committed = Set<String>()
        var iterationsWithCommits = 0
        var iterations = 0
        while iterations < iterationsWanted, ContinuousClock.now - started < budget {
            let iteration = iterations
            iterations += 1
            // Up to 250 ms: sometimes before the store is even open, usually mid-stream of commits.
            let delay = Duration.milliseconds(Int.random(in: 0...250))
            let (keys, ending, stderr) = try await offPool {
                let driver = try DriverProcess(
                    ["tick", path, incidentID, "1000000", "i\(iteration)"], stderrPath: temp.file("driver.err"))
                driver.read(until: .now + delay)
                driver.kill(SIGKILL)
                driver.read(until: .now + .seconds(10))
                let ending = driver.wait(until: .now + .seconds(10))
                return (driver.committedKeys, ending, driver.standardError)
            }
            #expect(ending == .signaled(SIGKILL), "driver ended \(ending) before the kill: \(stderr)")
            committed.formUnion(keys)
            if !keys.isEmpty { iterationsWithCommits += 1 }

            // Reopen as the next session would: alternately interactive and wall (read-only), which
            // must both recover the WAL the killed writer left behind.
            let mode: IncidentStore.Mode = iteration.isMultiple(of: 2) ? .readWrite : .readOnly
            let store = try IncidentStore(path: path, mode: mode)
            let ticks = try store.ticks(incidentID: incidentID)
            let lost = committed.filter { ticks[$0]?.checked != true }
            #expect(lost.isEmpty, "iteration \(iteration) (\(mode)): \(lost.count) committed ticks lost, e.g. \(lost.prefix(3))")
            // Each tick and its event were written in one transaction: never one without the other.
            let tickEvents = try store.events(incidentID: incidentID).filter { $0.kind == .tick }
            #expect(tickEvents.count == ticks.count)
            try store.close()
            if !lost.isEmpty { break }
        }
        #expect(iterations == iterationsWanted, "only \(iterations) iterations fit in \(budget)")
        // Guard against a vacuous pass: most kills must land after commits began.
        #expect(iterationsWithCommits >= iterations / 4, "only \(iterationsWithCommits) runs committed anything")
        #expect(committed.count >= 100)
    }

    @Test func twoProcessesTicking500EachLoseNothing() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        let incidentID = try IncidentStore(path: path).createIncident(title: "race", severity: "P1", actor: "t").id

        let results = try await offPool {
            let a = try DriverProcess(["tick", path, incidentID, "500", "a"], stderrPath: temp.file("a.err"))
            let b = try DriverProcess(["tick", path, incidentID, "500", "b"], stderrPath: temp.file("b.err"))
            let deadline = ContinuousClock.now + .seconds(120)
            a.read(until: deadline)
            b.read(until: deadline)
            return [a, b].map { ($0.committedKeys, $0.wait(until: deadline), $0.standardError) }
        }
        for (keys, ending, stderr) in results {
            #expect(ending == .exited(0), "driver failed: \(stderr)")
            #expect(keys.count == 500)
        }
        let store = try IncidentStore(path: path, mode: .readOnly)
        let ticks = try store.ticks(incidentID: incidentID)
        let expectedKeys = Set((0..<500).map { "a-\($0)" } + (0..<500).map { "b-\($0)" })
        #expect(ticks.count == 1000)
        #expect(Set(ticks.keys) == expectedKeys)
        #expect(ticks.values.allSatisfy { $0.checked })
        let tickEvents = try store.events(incidentID: incidentID).filter { $0.kind == .tick }
        #expect(tickEvents.count == 1000)
        #expect(Set(tickEvents.map(\.text)) == expectedKeys)
        #expect(Set(tickEvents.map(\.actor)).count == 2)
    }

    @Test func wallProcessWriteIsRefusedBySQLiteWhileAWriterHasTheDatabaseOpen() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        let writer = try IncidentStore(path: path)
        let incidentID = try writer.createIncident(title: "wall", severity: "P1", actor: "t").id
        try writer.setTick(incidentID: incidentID, itemKey: "open", checked: true, actor: "t")

        let (lines, ending, stderr) = try await offPool {
            let wall = try DriverProcess(["write-readonly", path, incidentID], stderrPath: temp.file("wall.err"))
            let deadline = ContinuousClock.now + .seconds(20)
            wall.read(until: deadline)
            return (wall.lines, wall.wait(until: deadline), wall.standardError)
        }
        #expect(ending == .exited(3), "wall driver: \(lines) \(stderr)")
        #expect(lines == ["refused: attempt to write a readonly database"])
        #expect(try writer.ticks(incidentID: incidentID).keys.sorted() == ["open"])
        try writer.setTick(incidentID: incidentID, itemKey: "after", checked: true, actor: "t")
    }

    @Test func writerBlockedByAnotherProcessGetsLockedNotAHang() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        let store = try IncidentStore(path: path, busyTimeout: 1)
        let incidentID = try store.createIncident(title: "lock", severity: "P1", actor: "t").id

        // The store is used from the same GCD thread that runs the holder: no process object crosses
        // a concurrency boundary.
        let (holding, outcome, waited, stderr) = try await offPool {
            let holder = try DriverProcess(["hold-lock", path, "10"], stderrPath: temp.file("hold.err"))
            defer {
                holder.kill(SIGKILL)
                _ = holder.wait(until: .now + .seconds(10))
            }
            let line = holder.readLine(where: { $0 == "holding" }, until: .now + .seconds(20))
            let started = ContinuousClock.now
            let outcome: Result<Bool, StoreError> = Result {
                () throws(StoreError) -> Bool in
                try store.setTick(incidentID: incidentID, itemKey: "k", checked: true, actor: "t")
            }
            return (line == "holding", outcome, ContinuousClock.now - started, holder.standardError)
        }
        #expect(holding, "lock holder did not start: \(stderr)")
        #expect(outcome == .failure(StoreError.locked(path: path, waitedSeconds: 1)))
        #expect(waited >= .milliseconds(900) && waited < .seconds(5), "waited \(waited)")
        #expect(StoreError.locked(path: path, waitedSeconds: 1).description.contains("locked by another process"))
        #expect(try store.setTick(incidentID: incidentID, itemKey: "k", checked: true, actor: "t"))
    }

    /// Also a regression test: the wall store opened after the watcher once closed a descriptor of
    /// the database by hand, which dropped this process's locks; the next driver to exit then deleted
    /// the WAL under the watcher, and rounds after the first saw nothing.
    @Test func watcherSeesAnotherProcessCommitWithinOneSecond() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        let incidentID = try IncidentStore(path: path).createIncident(title: "watch", severity: "P1", actor: "t").id
        let watcher = try ChangeWatcher(path: path)
        let wall = try IncidentStore(path: path, mode: .readOnly)

        for round in 0..<3 {
            let changes = watcher.changes()
            async let seen = nextChange(of: changes, within: .seconds(5))
            let committedAt = try await offPool { () -> ContinuousClock.Instant? in
                let driver = try DriverProcess(
                    ["tick", path, incidentID, "1", "r\(round)"], stderrPath: temp.file("w.err"))
                let line = driver.readLine(where: { $0.hasPrefix("committed") }, until: .now + .seconds(20))
                let at = line == nil ? nil : ContinuousClock.now
                _ = driver.wait(until: .now + .seconds(20))
                return at
            }
            let committed = try #require(committedAt, "driver did not commit")
            let seenAt = try #require(await seen, "round \(round): no change reported within 5 s")
            #expect(seenAt - committed < .seconds(1), "round \(round): change seen \(seenAt - committed) after commit")
            // What the wall reads after the signal includes the tick.
            #expect(try wall.ticks(incidentID: incidentID)["r\(round)-0"]?.checked == true)
        }
    }
}
