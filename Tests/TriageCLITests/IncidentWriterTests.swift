import Foundation
import Synchronization
import Testing
@testable import TriageApp
import TriageCore
import TriageRunbook
import TriageStore

/// A target that fails on purpose: each attempt takes the next scripted error (nil: apply), then
/// applies for real to `store` when it has one. Records every attempt.
final class ScriptedTarget: IncidentWriteTarget {
    struct Attempt: Sendable {
        var action: IncidentAction
        var checkStored: Bool
        var thread: pthread_t
        var at: ContinuousClock.Instant
    }
    private let script: Mutex<[StoreError?]>
    private let log = Mutex<[Attempt]>([])
    /// Fails every attempt while raised (after the script ran out).
    let failing = Atomic<Bool>(false)
    let failure: StoreError
    let store: IncidentStore?
    /// The scripted error is thrown after a real commit (an unknown outcome that did commit).
    let commitThenFail: Bool

    init(_ script: [StoreError?] = [], store: IncidentStore? = nil, failure: StoreError = .failed(path: "db", reason: "database or disk is full"),
         commitThenFail: Bool = false) {
        self.script = Mutex(script)
        self.store = store
        self.failure = failure
        self.commitThenFail = commitThenFail
    }

    var attempts: [Attempt] { log.withLock { $0 } }
    var needsOpening: Bool { false }
    func prepare() throws(StoreError) {}

    func perform(_ action: IncidentAction, checkStored: Bool) throws(StoreError) {
        log.withLock { $0.append(Attempt(action: action, checkStored: checkStored, thread: pthread_self(), at: .now)) }
        let scripted: StoreError? = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        if let scripted, !commitThenFail { throw scripted }
        if failing.load(ordering: .acquiring) { throw failure }
        if let store { try action.apply(to: store, checkStored: checkStored) }
        if let scripted { throw scripted }
    }
}

/// Polls `condition` every 20 ms for at most `timeout`.
func eventually(_ timeout: Duration = .seconds(10), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return try condition()
}

/// The serial incident writer's state machine: order, backoff, transient versus permanent failures,
/// idempotent retries and the bounded flush at exit.
@Suite struct IncidentWriterTests {
    static let fast: @Sendable (Int) -> Duration = { .milliseconds(50 * $0) }

    func tick(_ key: String, _ checked: Bool = true) -> IncidentAction {
        .tick(incidentID: "INC-1", itemKey: key, checked: checked, label: nil, actor: "alice", at: Date())
    }

    @Test func appliesInOrderOnItsOwnThread() throws {
        let target = ScriptedTarget()
        let writer = IncidentWriter(target: target, backoff: Self.fast)
        let actions = [tick("a"), tick("b"), .note(incidentID: "INC-1", text: "hello", actor: "alice", at: Date()), tick("a", false)]
        for action in actions { writer.enqueue(action) }
        #expect(eventually { writer.status().pending.isEmpty })
        #expect(target.attempts.map(\.action) == actions)
        let threads = Set(target.attempts.map { UInt($0.thread) })
        #expect(threads.count == 1, "one serial writer thread")
        #expect(!threads.contains(UInt(pthread_self())), "the caller's thread wrote")
        #expect(writer.finish(within: .seconds(1)).unsaved.isEmpty)
    }

    @Test func transientFailuresKeepTheQueueInOrderAndRetryWithBackoff() throws {
        let full = StoreError.failed(path: "db", reason: "database or disk is full")
        let target = ScriptedTarget([full, full, .locked(path: "db", waitedSeconds: 1)])
        let writer = IncidentWriter(target: target, backoff: Self.fast)
        writer.enqueue(tick("a"))
        writer.enqueue(tick("b"))
        #expect(eventually { writer.status().failure == full })
        let failing = writer.status()
        #expect(failing.pending.count == 2, "a failed action must stay queued with what follows it")
        #expect(failing.retryAt != nil)
        #expect(eventually { writer.status().pending.isEmpty })
        let attempts = target.attempts
        // a, a, a (three failures), then a, b: never b before a.
        #expect(attempts.count == 5)
        #expect(attempts.prefix(4).allSatisfy { $0.action == attempts[0].action })
        if case .tick(_, let key, _, _, _, _, _) = attempts[4].action { #expect(key == "b") } else { Issue.record("fifth attempt was not b") }
        // The waits grow: 50, 100, 150 ms (the fast backoff), each at least as long as asked.
        for (index, pair) in zip(attempts, attempts.dropFirst()).prefix(3).enumerated() {
            let gap = pair.0.at.duration(to: pair.1.at)
            #expect(gap >= Self.fast(index + 1), "retry \(index + 1) came after \(gap)")
        }
        #expect(writer.status().failure == nil)
        _ = writer.finish(within: .seconds(1))
    }

    @Test func permanentFailureIsDroppedAndReportedAndTheRestGoesOn() throws {
        let target = ScriptedTarget([.notFound(incidentID: "INC-9")])
        let writer = IncidentWriter(target: target, backoff: Self.fast)
        writer.enqueue(tick("gone"))
        writer.enqueue(tick("b"))
        #expect(eventually { writer.status().pending.isEmpty })
        let dropped = writer.takeDropped()
        #expect(dropped.count == 1)
        #expect(dropped.first?.error == .notFound(incidentID: "INC-9"))
        #expect(target.attempts.count == 2, "a permanent failure must not be retried")
        #expect(writer.takeDropped().isEmpty, "reported once")
        _ = writer.finish(within: .seconds(1))
    }

    @Test func standardBackoffGrowsAndIsCappedAtFiveSeconds() {
        #expect((1...7).map(IncidentWriter.standardBackoff) == [1, 2, 4, 5, 5, 5, 5].map { Duration.seconds($0) })
    }

    @Test func onlyAnUnknownOutcomeMakesTheRetryCheckTheStore() throws {
        let target = ScriptedTarget([.locked(path: "db", waitedSeconds: 1), .failed(path: "db", reason: "disk I/O error")])
        let writer = IncidentWriter(target: target, backoff: Self.fast)
        writer.enqueue(.note(incidentID: "INC-1", text: "x", actor: "a", at: Date()))
        #expect(eventually { writer.status().pending.isEmpty })
        #expect(target.attempts.map(\.checkStored) == [false, false, true])
        _ = writer.finish(within: .seconds(1))
    }

    /// A note whose commit succeeded but was reported as an I/O error is not stored twice on retry.
    @Test func aRetriedNoteAfterAnUnknownOutcomeIsStoredOnce() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let store = try IncidentStore(stateDirectory: state.path)
        let incident = try store.createIncident(title: "t", severity: "P2", actor: "alice")
        let target = ScriptedTarget([.failed(path: store.path, reason: "disk I/O error")], store: store, commitThenFail: true)
        let writer = IncidentWriter(target: target, backoff: Self.fast)
        writer.enqueue(.note(incidentID: incident.id, text: "root cause: the cache", actor: "alice", at: Date()))
        #expect(eventually { writer.status().pending.isEmpty })
        #expect(target.attempts.count == 2)
        let notes = try store.events(incidentID: incident.id).filter { $0.kind == .note }
        #expect(notes.count == 1, "the retry duplicated the note: \(notes.map(\.text))")
        _ = writer.finish(within: .seconds(1))
    }

    /// A declaration whose title holds a secret is stored redacted; its retry after an unknown
    /// outcome must still recognise it (the retry compared the typed title with the stored one).
    @Test func aRetriedDeclarationWithASecretInItsTitleIsStoredOnce() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let store = try IncidentStore(stateDirectory: state.path)
        let target = ScriptedTarget([.failed(path: store.path, reason: "disk I/O error")], store: store, commitThenFail: true)
        let writer = IncidentWriter(target: target, backoff: Self.fast)
        writer.enqueue(.declare(title: "Login down, PASSWORD=hunter2", severity: "P1", runbookPath: nil, runbookHash: nil,
                                actor: "alice", at: Date()))
        #expect(eventually { writer.status().pending.isEmpty })
        #expect(target.attempts.count == 2)
        let incidents = try store.listIncidents()
        #expect(incidents.map(\.title) == ["Login down, PASSWORD=****"], "the retry declared it again")
        _ = writer.finish(within: .seconds(1))
    }

    /// Another process holds the write lock (python3's sqlite3, BEGIN IMMEDIATE): enqueueing does not
    /// wait, the tick stays pending with the lock as the reason, and commits once the lock goes.
    @Test func aLockedStoreIsRetriedUntilTheLockGoes() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let store = try IncidentStore(stateDirectory: state.path, busyTimeout: 0.2)
        let incident = try store.createIncident(title: "t", severity: "P2", actor: "alice")
        let holder = try LockHolder(path: store.path, seconds: 2)
        defer { holder.end() }
        let writer = IncidentWriter(target: StoreWriteTarget(store: store), backoff: Self.fast)
        let before = ContinuousClock.now
        writer.enqueue(.tick(incidentID: incident.id, itemKey: "k", checked: true, label: nil, actor: "alice", at: Date()))
        #expect(before.duration(to: .now) < .seconds(1), "enqueue waited for the lock")
        #expect(eventually { if case .locked = writer.status().failure { true } else { false } })
        #expect(writer.status().pending.count == 1)
        #expect(try store.ticks(incidentID: incident.id)["k"] == nil)
        #expect(eventually(.seconds(15)) { writer.status().pending.isEmpty })
        #expect(try store.ticks(incidentID: incident.id)["k"]?.checked == true)
        _ = writer.finish(within: .seconds(1))
    }

    @Test func finishReturnsWhatIsStillUnsavedInOrder() throws {
        let target = ScriptedTarget()
        target.failing.store(true, ordering: .releasing)
        let writer = IncidentWriter(target: target, backoff: Self.fast)
        let actions = [tick("a"), tick("b")]
        for action in actions { writer.enqueue(action) }
        let started = ContinuousClock.now
        let result = writer.finish(within: .milliseconds(600))
        #expect(result.unsaved == actions)
        #expect(started.duration(to: .now) < .seconds(5), "finish is bounded")
        // Flushing retries at least every 0.5 s instead of waiting out the backoff.
        #expect(target.attempts.count >= 2)
        writer.enqueue(tick("c"))
        #expect(writer.status().pending == actions, "a finished writer takes nothing more")
    }

    @Test func automaticEventsAreBoundedWhileTheStoreFails() throws {
        let target = ScriptedTarget()
        target.failing.store(true, ordering: .releasing)
        let writer = IncidentWriter(target: target, backoff: { _ in .seconds(60) })
        writer.enqueue(tick("a"))
        for index in 0..<(IncidentWriter.automaticLimit + 20) {
            writer.enqueue(.event(incidentID: "INC-1", kind: .probe, text: "p\(index)", actor: "triage", automatic: true, at: Date()))
        }
        let pending = writer.status().pending
        #expect(pending.count == IncidentWriter.automaticLimit + 1)
        #expect(pending.contains { if case .tick = $0 { true } else { false } }, "a person's action is never dropped for an automatic one")
        _ = writer.finish(within: .milliseconds(100))
    }
}

/// The session over a writer: what is shown before the commit is marked pending, and the marker
/// goes once it commits.
@Suite struct IncidentSessionPendingTests {
    @Test func aTickIsShownPendingUntilItCommits() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let store = try IncidentStore(stateDirectory: state.path)
        let loaded = IncidentRunbookLoader.builtin()
        _ = try store.createIncident(title: "t", severity: "P1", runbookPath: loaded.path, runbookHash: loaded.hash, actor: "alice")
        let gate = ScriptedTarget(store: store)
        gate.failing.store(true, ordering: .releasing)
        let writer = IncidentWriter(target: gate, backoff: { _ in .milliseconds(50) })
        let session = IncidentSession(target: StoreWriteTarget(store: store), writer: writer, problem: nil, readOnly: false,
                                      actor: "alice", defaultRunbookPath: nil)
        defer { session.stop() }
        let item = try #require(session.runbook.sections.flatMap(\.items).first)
        #expect(!session.isChecked(item))
        session.toggle(item)
        #expect(session.isChecked(item), "shown applied at once")
        #expect(session.isPending(item), "and marked as not saved")
        #expect(session.events.first?.id ?? 0 < 0, "the pending tick leads the timeline")
        let utc = TimeZone(identifier: "UTC")!
        #expect(IncidentPaneBuilder.timelineLines(session.events, timeZone: utc).first?.plainText.contains("⟳ unsaved") == true)
        #expect(eventually { session.refreshPending(); return session.writeStatus.failure != nil })
        let notice = IncidentPaneBuilder.pendingNotice(session.writeStatus, now: Date())?.plainText ?? ""
        #expect(notice.contains("1 change not saved: database or disk is full; retrying in"), "notice: \(notice)")
        #expect(try store.ticks(incidentID: session.incident!.id)[item.key] == nil, "nothing on disk yet")

        gate.failing.store(false, ordering: .releasing)
        #expect(eventually { session.refreshPending(); return !session.isPending(item) })
        #expect(session.isChecked(item))
        #expect(try store.ticks(incidentID: session.incident!.id)[item.key]?.checked == true)
        #expect(IncidentPaneBuilder.pendingNotice(session.writeStatus, now: Date()) == nil)
        #expect(!IncidentPaneBuilder.timelineLines(session.events, timeZone: utc).contains { $0.plainText.contains("unsaved") })
        _ = writer.finish(within: .seconds(1))
    }
}

extension IncidentSessionPendingTests {
    /// A session on a real store whose writer fails until `gate.failing` is lowered.
    func failingSession(_ store: IncidentStore) -> (IncidentSession, ScriptedTarget, IncidentWriter) {
        let gate = ScriptedTarget(store: store)
        gate.failing.store(true, ordering: .releasing)
        let writer = IncidentWriter(target: gate, backoff: { _ in .milliseconds(50) })
        let session = IncidentSession(target: StoreWriteTarget(store: store), writer: writer, problem: nil, readOnly: false,
                                      actor: "alice", defaultRunbookPath: nil)
        return (session, gate, writer)
    }

    @Test func aDeclarationIsPendingUntilItCommitsThenTheIncidentOpens() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let store = try IncidentStore(stateDirectory: state.path)
        let (session, gate, writer) = failingSession(store)
        defer { session.stop() }
        session.declare(title: "queue stuck", severity: "P2")
        #expect(session.incident == nil)
        #expect(session.pendingDeclaration?.title == "queue stuck")
        #expect(try store.listIncidents().isEmpty)
        gate.failing.store(false, ordering: .releasing)
        #expect(eventually { session.refreshPending(); return session.incident != nil })
        #expect(session.incident?.title == "queue stuck")
        #expect(session.pendingDeclaration == nil)
        #expect(try store.listIncidents().count == 1, "declared once")
        _ = writer.finish(within: .seconds(1))
    }

    @Test func pendingSeverityAndStatusShowOnTheIncidentAndTimerCrossingsAreNotRepeated() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let store = try IncidentStore(stateDirectory: state.path)
        let loaded = IncidentRunbookLoader.builtin()
        _ = try store.createIncident(title: "t", severity: "P2", runbookPath: loaded.path, runbookHash: loaded.hash,
                                     at: Date().addingTimeInterval(-3 * 3600), actor: "alice")
        let (session, gate, writer) = failingSession(store)
        defer { session.stop() }
        session.setSeverity("P1")
        session.setStatus(.monitoring)
        #expect(session.incident?.severity == "P1")
        #expect(session.incident?.status == .monitoring)
        let id = try #require(session.incident?.id)
        #expect(try store.incident(id: id).severity == "P2", "nothing on disk yet")

        func pendingTimers() -> Int {
            session.writeStatus.pending.count { if case .event(_, .timer, _, _, _, _) = $0 { true } else { false } }
        }
        session.recordTimerCrossings(now: Date())
        let first = pendingTimers()
        #expect(first > 0, "three hours in, some clock has been missed")
        session.recordTimerCrossings(now: Date().addingTimeInterval(1))
        #expect(pendingTimers() == first, "a pending crossing was queued again")

        gate.failing.store(false, ordering: .releasing)
        #expect(eventually { session.refreshPending(); return session.writeStatus.pending.isEmpty })
        #expect(try store.incident(id: id).severity == "P1")
        #expect(try store.events(incidentID: id).count { $0.kind == .timer } == first)
        _ = writer.finish(within: .seconds(1))
    }
}

/// Holds SQLite's write lock on a database from another process (python3, BEGIN IMMEDIATE).
final class LockHolder {
    let process = Process()
    init(path: String, seconds: Double) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
            c.execute('BEGIN IMMEDIATE')
            print('holding', flush=True)
            time.sleep(float(sys.argv[2]))
            c.execute('ROLLBACK')
            """, path, "\(seconds)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let line = pipe.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).contains("holding") else { throw CLIError("the lock holder did not start") }
    }
    func end() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
