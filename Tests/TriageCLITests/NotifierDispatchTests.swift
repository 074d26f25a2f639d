import Foundation
import Synchronization
import Testing
import TriageCore
import TriageRunbook
import TriageStore
@testable import TriageApp
import TriageUI

/// Notifiers as the dashboard runs them, with real processes: a small shell script (run as argv)
/// told about each declaration, severity change, status update and resolution of a session on a
/// real store; the timeline gets each run; a timeout ends the notifier's whole process group; a
/// failing one is retried once and shown; a read-only session (the wall) tells no one.
@Suite(.serialized) struct NotifierDispatchTests {
    /// Writes `body` as an executable script in `directory` and returns its path.
    static func script(_ directory: String, _ name: String, _ body: String) throws -> String {
        let path = directory + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// `KEY=value` lines into a dictionary.
    static func environment(_ path: String) -> [String: String] {
        Dictionary(lines(path).compactMap { line in
            line.firstIndex(of: "=").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) }
        }, uniquingKeysWith: { $1 })
    }

    /// Waits (bounded) until no notifier run or retry is left.
    static func settle(_ dispatcher: NotifierDispatcher, _ timeout: Duration = .seconds(20)) -> Bool {
        eventually(timeout) { dispatcher.inFlight == 0 }
    }

    /// A recorder standing in for the writer where no store is needed.
    final class Recorded: Sendable {
        let texts = Mutex<[String]>([])
        var all: [String] { texts.withLock { $0 } }
        func record(_ id: String, _ text: String) { texts.withLock { $0.append(text) } }
    }

    static let incident = Incident(id: "INC-20261207-0001", title: "checkout down", severity: "P2", startedAt: Date(timeIntervalSince1970: 1_796_000_000))

    @Test func everyEventReachesTheNotifierWithItsTextAndFields() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let chat = state.path + "/chat", pager = state.path + "/pager"
        try FileManager.default.createDirectory(atPath: chat, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: pager, withIntermediateDirectories: true)
        let notifier = try Self.script(state.path, "notify.sh", """
            out="$1/$TRIAGE_EVENT"
            cat > "$out.stdin"
            env | grep '^TRIAGE_' | sort > "$out.env"
            echo "$TRIAGE_EVENT" >> "$1/log"
            echo "told $TRIAGE_EVENT"
            """)
        let store = try IncidentStore(stateDirectory: state.path)
        let writer = IncidentWriter(target: StoreWriteTarget(store: store), backoff: { _ in .milliseconds(50) })
        let session = IncidentSession(target: StoreWriteTarget(store: store), writer: writer, problem: nil, readOnly: false,
                                      actor: "alice", defaultRunbookPath: nil)
        defer {
            session.stop()
            _ = writer.finish(within: .seconds(1))
        }
        let dispatcher = NotifierDispatcher(specs: [
            NotifierSpec(name: "chat", argv: [notifier, chat]),
            NotifierSpec(name: "pager", argv: [notifier, pager], events: [.resolve]),
        ], wake: nil, recordingInto: writer)
        session.notify(through: dispatcher)
        #expect(session.notifier != nil)

        func told(_ event: String) -> Bool {
            eventually { Self.lines(chat + "/log").last == event && dispatcher.inFlight == 0 }
        }
        session.declare(title: "checkout down GITHUB_TOKEN=ghp_abc123secret", severity: "P2")
        #expect(told("declare"), "the declaration never reached the notifier")
        session.reload()
        let incident = try #require(session.incident)
        let declared = Self.environment(chat + "/declare.env")
        #expect(declared["TRIAGE_EVENT"] == "declare")
        #expect(declared["TRIAGE_INCIDENT_ID"] == incident.id, "\(declared)")
        #expect(declared["TRIAGE_TITLE"] == "checkout down GITHUB_TOKEN=****", "a secret left for the notifier: \(declared)")
        #expect(declared["TRIAGE_SEVERITY"] == "P2")
        #expect(declared["TRIAGE_STATUS"] == "investigating")
        #expect(declared["TRIAGE_ACTOR"] == "alice")
        #expect(declared["TRIAGE_DRILL"] == "0")
        #expect(declared["TRIAGE_NOTIFIER"] == "chat")
        #expect(declared["TRIAGE_ATTEMPT"] == "1")
        #expect(declared["TRIAGE_TIME"]?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil, "\(declared)")
        let declaredText = try String(contentsOfFile: chat + "/declare.stdin", encoding: .utf8)
        #expect(declaredText == "Declared \(incident.id) \"checkout down GITHUB_TOKEN=****\" (P2, Investigating) by alice\n")

        session.setSeverity("P1")
        #expect(told("severity"))
        #expect(Self.environment(chat + "/severity.env")["TRIAGE_SEVERITY"] == "P1")
        #expect(try String(contentsOfFile: chat + "/severity.stdin", encoding: .utf8).contains("severity set to P1 by alice"))

        _ = try session.issueStatusUpdate(number: 1, markdown: "# Update 1", message: "Status update #1\nWe are on it.", eventText: "Status update #1 issued")
        #expect(told("status_update"))
        #expect(try String(contentsOfFile: chat + "/status_update.stdin", encoding: .utf8) == "Status update #1\nWe are on it.\n")

        // Another status than Resolved tells no one.
        session.setStatus(.identified)
        session.setStatus(.resolved)
        #expect(told("resolve"))
        #expect(Self.environment(chat + "/resolve.env")["TRIAGE_STATUS"] == "resolved")
        #expect(Self.lines(chat + "/log") == ["declare", "severity", "status_update", "resolve"])
        #expect(Self.lines(pager + "/log") == ["resolve"], "pager's on: [resolve] was not kept")

        // Every run is on the timeline with its status and output.
        var runs: [TimelineEvent] = []
        #expect(eventually { runs = (try? store.events(incidentID: incident.id).filter { $0.kind == .notify }) ?? []; return runs.count == 5 },
                "\(runs.map(\.text))")
        let texts = Set(runs.map(\.text))
        for event in ["declare", "severity", "status_update", "resolve"] {
            #expect(texts.contains("notify chat (\(event)) → exit 0\ntold \(event)"), "\(texts)")
        }
        #expect(texts.contains("notify pager (resolve) → exit 0\ntold resolve"), "\(texts)")
    }

    @Test func aTimeoutEndsTheNotifiersWholeProcessGroup() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The notifier leaves a child in its group and waits; both must end at the timeout.
        let notifier = try Self.script(directory.path, "slow.sh", """
            sleep 30 &
            echo $! >> "$1/pids"
            echo $$ >> "$1/pids"
            wait
            """)
        let recorded = Recorded()
        let dispatcher = NotifierDispatcher(specs: [NotifierSpec(name: "slow", argv: [notifier, directory.path], timeout: .milliseconds(500))],
                                            retryDelay: .milliseconds(50), record: recorded.record)
        dispatcher.dispatch(NotifierMessage(event: .declare, incident: Self.incident, actor: "alice", time: Date(), text: "x"))
        #expect(Self.settle(dispatcher))
        let pids = Self.lines(directory.path + "/pids").compactMap { Int32($0) }
        #expect(pids.count == 4, "two runs, each a leader and a child: \(pids)")
        let alive = pids.filter(Self.isRunning)
        #expect(alive.isEmpty, "still running after the timeout: \(alive)")
        #expect(recorded.all.count == 2)
        #expect(recorded.all.first?.hasPrefix("notify slow (declare) → timed out after 500ms; retrying in 50ms") == true, "\(recorded.all)")
        #expect(recorded.all.last?.hasPrefix("notify slow (declare, retry) → timed out after 500ms") == true, "\(recorded.all)")
    }

    /// Running and not a zombie: a zombie has ended (it only waits to be reaped).
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    @Test func aFailingNotifierIsRetriedOnceAndShown() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let notifier = try Self.script(directory.path, "fail.sh", """
            echo "attempt $TRIAGE_ATTEMPT" >> "$1/log"
            echo "no route to chat.example.com" >&2
            exit 3
            """)
        let recorded = Recorded()
        let dispatcher = NotifierDispatcher(specs: [
            NotifierSpec(name: "chat", argv: [notifier, directory.path]),
            NotifierSpec(name: "missing", argv: [directory.path + "/no-such-notifier"]),
        ], retryDelay: .milliseconds(200), record: recorded.record)
        dispatcher.dispatch(NotifierMessage(event: .severity, incident: Self.incident, actor: "alice", time: Date(), text: "P1"))
        #expect(Self.settle(dispatcher))
        #expect(Self.lines(directory.path + "/log") == ["attempt 1", "attempt 2"], "retried once, not more and not less")
        let chat = recorded.all.filter { $0.hasPrefix("notify chat") }
        #expect(chat.count == 2)
        #expect(chat.first == "notify chat (severity) → exit 3; retrying in 200ms\nno route to chat.example.com", "\(chat)")
        #expect(chat.last == "notify chat (severity, retry) → exit 3\nno route to chat.example.com", "\(chat)")
        let missing = recorded.all.filter { $0.hasPrefix("notify missing") }
        #expect(missing.count == 2, "\(recorded.all)")
        #expect(missing.allSatisfy { $0.contains("no-such-notifier") }, "\(missing)")
        // On screen: a flash for each failure and a standing line in the Incident pane.
        let flashes = dispatcher.takeFlashes()
        #expect(flashes.count == 4, "\(flashes)")
        #expect(flashes.contains("notifier chat failed (severity): exit 3; retrying in 200ms"), "\(flashes)")
        #expect(dispatcher.takeFlashes().isEmpty)
        #expect(dispatcher.problemLine == "notifier chat failed (severity): exit 3; not retried again (and 1 more failing)")
    }

    @Test func aRetryThatSucceedsClearsTheProblem() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let notifier = try Self.script(directory.path, "flaky.sh", """
            echo "attempt $TRIAGE_ATTEMPT" >> "$1/log"
            [ "$TRIAGE_ATTEMPT" = 2 ]
            """)
        let recorded = Recorded()
        let dispatcher = NotifierDispatcher(specs: [NotifierSpec(name: "chat", argv: [notifier, directory.path])],
                                            retryDelay: .milliseconds(100), record: recorded.record)
        dispatcher.dispatch(NotifierMessage(event: .resolve, incident: Self.incident, actor: "alice", time: Date(), text: "done"))
        #expect(Self.settle(dispatcher))
        #expect(recorded.all == ["notify chat (resolve) → exit 1; retrying in 100ms", "notify chat (resolve, retry) → exit 0"])
        #expect(dispatcher.problemLine == nil)
        #expect(dispatcher.takeFlashes() == ["notifier chat failed (resolve): exit 1; retrying in 100ms"])
    }

    @Test func theIncidentPaneSaysWhichNotifierFails() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let store = try IncidentStore(stateDirectory: state.path)
        let incident = try store.createIncident(title: "t", severity: "P2", actor: "alice")
        let writer = IncidentWriter(target: StoreWriteTarget(store: store), backoff: { _ in .milliseconds(50) })
        let session = IncidentSession(target: StoreWriteTarget(store: store), writer: writer, problem: nil, readOnly: false,
                                      actor: "alice", defaultRunbookPath: nil)
        defer {
            session.stop()
            _ = writer.finish(within: .seconds(1))
        }
        let dispatcher = NotifierDispatcher(specs: [NotifierSpec(name: "chat", argv: ["false"])], retryDelay: .milliseconds(50),
                                            wake: nil, recordingInto: writer)
        session.notify(through: dispatcher)
        func paneText() -> String {
            let (pane, _) = IncidentPaneBuilder.build(session, ui: UIState(), showTimeline: false, now: Date(), timeZone: .current)
            return pane.body.compactMap { if case .line(let line) = $0 { line.plainText } else { nil } }.joined(separator: "\n")
        }
        #expect(!paneText().contains("notifier"))
        dispatcher.dispatch(NotifierMessage(event: .declare, incident: incident, actor: "alice", time: Date(), text: "x"))
        #expect(Self.settle(dispatcher))
        #expect(paneText().contains("⚠ notifier chat failed (declare): exit 1; not retried again"), "\(paneText())")
    }

    @Test func aReadOnlySessionTellsNoNotifier() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let store = try IncidentStore(stateDirectory: state.path)
        _ = try store.createIncident(title: "t", severity: "P2", actor: "alice")
        let session = IncidentSession(store: store, problem: nil, readOnly: true, actor: "wall", defaultRunbookPath: nil)
        defer { session.stop() }
        let marker = state.path + "/told"
        let dispatcher = NotifierDispatcher(specs: [NotifierSpec(name: "chat", argv: ["touch", marker])], wake: nil) { _, _ in }
        session.notify(through: dispatcher)
        #expect(session.notifier == nil)
        session.setSeverity("P1")
        session.setStatus(.resolved)
        _ = try? session.issueStatusUpdate(number: 1, markdown: "m", message: "m", eventText: "Status update #1 issued")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(dispatcher.inFlight == 0)
        #expect(!FileManager.default.fileExists(atPath: marker), "the wall told a notifier")
    }
}
