import Foundation
import Testing
import TriageCore
import TriageRunbook
import TriageStore
@testable import TriageApp

/// An action on the selection as IncidentSession runs it (`run(argv:)`), on a real store: the argv
/// runs without a shell, the timeline gets `$ ARGV → exit N` and the output with secrets redacted,
/// and a read-only session (the wall) runs nothing.
@Suite struct SelectionActionRunTests {
    /// A session (and its incident) on a fresh store in a temporary state directory.
    func withSession(readOnly: Bool, _ body: (IncidentSession, IncidentStore, String) throws -> Void) throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let store = try IncidentStore(stateDirectory: state.path)
        let loaded = IncidentRunbookLoader.builtin()
        _ = try store.createIncident(title: "t", severity: "P2", runbookPath: loaded.path, runbookHash: loaded.hash, actor: "alice")
        let writer = IncidentWriter(target: StoreWriteTarget(store: store), backoff: { _ in .milliseconds(50) })
        let session = IncidentSession(target: StoreWriteTarget(store: store), writer: writer, problem: nil, readOnly: readOnly,
                                      actor: "alice", defaultRunbookPath: nil)
        defer {
            session.stop()
            _ = writer.finish(within: .seconds(1))
        }
        try body(session, store, state.path)
    }

    @Test func theArgvRunsWithoutAShellAndLandsOnTheTimelineRedacted() throws {
        try withSession(readOnly: false) { session, store, directory in
            let marker = directory + "/pwned"
            let hostile = "GITHUB_TOKEN=ghp_abc123 $(touch \(marker)); touch \(marker)"
            session.run(argv: ["printf", "%s\\n", hostile])
            let id = try #require(session.incident?.id)
            var command: TimelineEvent?
            #expect(try eventually { command = try store.events(incidentID: id).first { $0.kind == .command }; return command != nil })
            let text = try #require(command?.text)
            #expect(text.hasPrefix("$ printf '%s\\n' "), "\(text)")
            #expect(text.contains("→ exit 0"), "\(text)")
            #expect(text.contains("GITHUB_TOKEN=**** $(touch"), "the output is not there or not redacted: \(text)")
            #expect(!text.contains("ghp_abc123"), "a secret reached the timeline: \(text)")
            #expect(!FileManager.default.fileExists(atPath: marker), "the argv went through a shell")
        }
    }

    @Test func aReadOnlySessionRunsNothing() throws {
        try withSession(readOnly: true) { session, store, directory in
            let marker = directory + "/ran"
            session.run(argv: ["touch", marker])
            Thread.sleep(forTimeInterval: 1)
            #expect(!FileManager.default.fileExists(atPath: marker))
            let id = try #require(try store.listIncidents().first?.id)
            #expect(try store.events(incidentID: id).allSatisfy { $0.kind != .command })
        }
    }
}
