import Foundation
import Testing
@testable import TriageApp
import TriageStore
import TriageUI

/// The dashboard opens its incident database after the first frame (`IncidentSession.openStore`,
/// called by the terminal loop once that frame is on screen). What the pane says meanwhile and when
/// the store cannot be opened; `LeanStartEndToEndTests` checks the order in the real binary.
@Suite(.serialized) struct StoreOpenAfterFirstFrameTests {
    /// A state directory path that cannot be created until `unblock` runs (a file stands where its parent should be).
    static func blockedDirectory() throws -> (directory: String, unblock: () throws -> Void, cleanUp: () -> Void) {
        let root = NSTemporaryDirectory() + "triage-ui-storeopen-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: root + "/parent"))
        return (root + "/parent/state",
                { try FileManager.default.removeItem(atPath: root + "/parent") },
                { try? FileManager.default.removeItem(atPath: root) })
    }

    static func opener(_ directory: String, readOnly: Bool = false) -> @Sendable () throws(StoreError) -> IncidentStore {
        { () throws(StoreError) -> IncidentStore in
            if !readOnly { try StateDirectory.create(directory) }
            return try IncidentStore(stateDirectory: directory, mode: readOnly ? .readOnly : .readWrite, busyTimeout: 1)
        }
    }

    static func paneText(_ session: IncidentSession) -> String {
        let (pane, _) = IncidentPaneBuilder.build(session, ui: UIState(), showTimeline: false, now: Date(), timeZone: .gmt)
        return pane.body.compactMap { block -> String? in
            switch block {
            case .line(let line), .message(let line, _): line.plainText
            default: nil
            }
        }.joined(separator: "\n")
    }

    /// Until the loop opens it, the store is not open and the pane says "loading"; after the open
    /// the session reads from it.
    @Test func theStoreOpensWhenTheSessionIsToldToAndNotBefore() throws {
        let directory = NSTemporaryDirectory() + "triage-ui-storeopen-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = StoreWriteTarget(store: nil, opener: Self.opener(directory), holdOpening: true)
        let writer = IncidentWriter(target: target, backoff: { _ in .milliseconds(20) })
        defer { _ = writer.finish(within: .seconds(1)) }
        let session = IncidentSession(target: target, writer: writer, problem: nil, readOnly: false, actor: "a",
                                      defaultRunbookPath: nil, loadNow: false)
        defer { session.stop() }
        #expect(!target.needsOpening, "the writer would open the store before the first frame")
        #expect(Self.paneText(session).contains("loading the incident"))
        #expect(session.store == nil)
        #expect(!FileManager.default.fileExists(atPath: directory), "something opened the store before the first frame")
        session.openStore()
        session.reload()
        #expect(session.store != nil)
        #expect(session.problem == nil)
        #expect(Self.paneText(session).contains("no incident open"))
    }

    /// A state directory that cannot be made is said in the pane; the writer then keeps trying and
    /// opens the store once the directory can be made, and the pane reads from it.
    @Test func aStoreThatCannotOpenIsSaidAndTheWriterOpensItLater() throws {
        let (directory, unblock, cleanUp) = try Self.blockedDirectory()
        defer { cleanUp() }
        let target = StoreWriteTarget(store: nil, opener: Self.opener(directory), holdOpening: true)
        let writer = IncidentWriter(target: target, backoff: { _ in .milliseconds(20) })
        defer { _ = writer.finish(within: .seconds(1)) }
        let session = IncidentSession(target: target, writer: writer, problem: nil, readOnly: false, actor: "a",
                                      defaultRunbookPath: nil, loadNow: false)
        defer { session.stop() }
        session.openStore()
        session.reload()
        #expect(session.store == nil)
        #expect(Self.paneText(session).contains("cannot open the incident database"), "pane: \(Self.paneText(session))")
        try unblock()
        let deadline = Date().addingTimeInterval(10)
        while session.store == nil || session.problem != nil, Date() < deadline {
            session.refreshPending()
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(session.store != nil, "the writer did not open the store once it could be")
        #expect(Self.paneText(session).contains("no incident open"), "pane: \(Self.paneText(session))")
    }

    /// The wall on a state directory with no database yet says what to do, as it did before starting.
    @Test func aWallWithNoDatabaseSaysSo() throws {
        let directory = NSTemporaryDirectory() + "triage-ui-storeopen-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = StoreWriteTarget(store: nil, opener: Self.opener(directory, readOnly: true), holdOpening: true)
        let session = IncidentSession(target: target, writer: nil, problem: nil, readOnly: true, actor: "a",
                                      defaultRunbookPath: nil, loadNow: false)
        defer { session.stop() }
        session.openStore()
        session.reload()
        #expect(session.store == nil)
        #expect(Self.paneText(session).contains("no incident database yet"), "pane: \(Self.paneText(session))")
        #expect(!FileManager.default.fileExists(atPath: directory + "/" + StateDirectory.databaseFileName), "the wall created a database")
    }
}
