import Foundation
import GRDB
import Testing
import TriageCore
@testable import TriageStore

/// The v4-source-recording tables against a real database file: a round trip of row changes, key
/// frames and log lines; an incident recorded before v4 reads as an empty source recording; log
/// lines are redacted at the store.
@Suite struct SourceRecordingStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_462_930)

    func withStore(_ body: (IncidentStore) throws -> Void) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try body(try IncidentStore(path: temp.file("incidents.sqlite")))
    }

    @Test func sourceRecordingRoundTrips() throws {
        try withStore { store in
            let incident = try store.createIncident(title: "t", severity: "P2", at: Self.t0, actor: "a")
            var rows = SourceRows()
            rows.set(source: "docker:local", key: "", body: #"{"failure":null}"#)
            rows.set(source: "docker:local", key: "abc123", body: #"{"n":"web","s":"running"}"#)
            let first = SourceBatch(keyFrame: SourceKeyFrame(time: Self.t0, rows: rows))
            let broke = SourceBatch(
                changes: [SourceRowChange(time: Self.t0.addingTimeInterval(5), source: "docker:local", key: "abc123",
                                          body: #"{"n":"web","s":"exited","x":137}"#)],
                logLines: [RecordedLogLine(time: Self.t0.addingTimeInterval(6), source: "web", text: "Killed")])
            let gone = SourceBatch(changes: [SourceRowChange(time: Self.t0.addingTimeInterval(9), source: "docker:local", key: "abc123", body: nil)])
            for batch in [first, broke, gone] { try store.recordSources(incidentID: incident.id, batch) }
            let recording = try store.sourceRecording(incidentID: incident.id)
            #expect(recording.keyFrames == [first.keyFrame!])
            #expect(recording.changes == broke.changes + gone.changes)
            #expect(recording.logLines == broke.logLines)
            #expect(recording.rows(at: Self.t0.addingTimeInterval(6)).body(source: "docker:local", key: "abc123")?.contains("exited") == true)
            #expect(recording.rows(at: Self.t0.addingTimeInterval(10)).body(source: "docker:local", key: "abc123") == nil)
            #expect(Array(recording.logLines(through: Self.t0.addingTimeInterval(5))).isEmpty)
            #expect(recording.logLines(through: Self.t0.addingTimeInterval(6)).map(\.text) == ["Killed"])
        }
    }

    @Test func anIncidentRecordedBeforeV4HasAnEmptySourceRecording() throws {
        try withStore { store in
            let incident = try store.createIncident(title: "t", severity: "P2", at: Self.t0, actor: "a")
            let entity = RecordedEntity(key: "service:backend", kind: .service, name: "backend", state: .crit, source: "services")
            try store.recordPicture(incidentID: incident.id, PictureBatch(
                transitions: [PictureTransition(time: Self.t0, kind: .appeared, entity: entity)],
                keyFrame: PictureKeyFrame(time: Self.t0, entities: [entity])))
            #expect(try !store.pictureRecording(incidentID: incident.id).isEmpty)
            #expect(try store.sourceRecording(incidentID: incident.id).isEmpty)
            #expect(throws: StoreError.notFound(incidentID: "INC-nope")) { try store.sourceRecording(incidentID: "INC-nope") }
        }
    }

    @Test func logLinesAreRedactedAtTheStore() throws {
        try withStore { store in
            let incident = try store.createIncident(title: "t", severity: "P2", at: Self.t0, actor: "a")
            let secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
            try store.recordSources(incidentID: incident.id, SourceBatch(
                logLines: [RecordedLogLine(time: Self.t0, source: "web", text: "GITHUB_TOKEN=" + secret)]))
            let dump = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT text FROM sourceLogLine") }
            #expect(dump.count == 1)
            #expect(!dump.joined().contains(secret))
        }
    }
}
