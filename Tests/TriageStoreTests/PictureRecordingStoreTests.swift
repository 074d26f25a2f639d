import Foundation
import GRDB
import Testing
import TriageCore
@testable import TriageStore

/// The v2-picture-recording tables against a real database file: a round trip of a recording with
/// its log lines, redaction at the store, drills kept out of "the current incident".
@Suite struct PictureRecordingStoreTests {
    /// 2026-11-23 19:42:10 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_462_930)

    func withStore(_ body: (IncidentStore) throws -> Void) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try body(try IncidentStore(path: temp.file("incidents.sqlite")))
    }

    static func entity(_ name: String, _ state: HealthState, _ reason: String? = nil) -> RecordedEntity {
        RecordedEntity(key: "container:local/" + name, kind: .container, name: name, state: state, reason: reason,
                       source: "docker:local", since: t0)
    }

    @Test func recordingRoundTripsWithLogLines() throws {
        try withStore { store in
            let incident = try store.createIncident(title: "t", severity: "P2", at: Self.t0, actor: "a")
            let first = PictureBatch(
                transitions: [PictureTransition(time: Self.t0, kind: .appeared, entity: Self.entity("web", .ok))],
                keyFrame: PictureKeyFrame(time: Self.t0, entities: [Self.entity("web", .ok)]))
            let broke = PictureBatch(transitions: [PictureTransition(
                time: Self.t0.addingTimeInterval(5), kind: .state, entity: Self.entity("web", .crit, "exited 137"),
                previousState: .ok, logLines: ["killed", "OOM"])])
            let gone = PictureBatch(transitions: [PictureTransition(
                time: Self.t0.addingTimeInterval(9), kind: .gone, entity: Self.entity("web", .crit, "exited 137"), previousState: .crit)])
            for batch in [first, broke, gone] { try store.recordPicture(incidentID: incident.id, batch) }
            let recording = try store.pictureRecording(incidentID: incident.id)
            #expect(recording.keyFrames == [first.keyFrame!])
            #expect(recording.transitions == first.transitions + broke.transitions + gone.transitions)
            #expect(recording.transitions[1].logLines == ["killed", "OOM"])
            #expect(recording.picture(at: Self.t0.addingTimeInterval(6)).map(\.state) == [.crit])
            #expect(recording.picture(at: Self.t0.addingTimeInterval(10)).isEmpty)
        }
    }

    @Test func storeRedactsWhatTheRecorderDidNot() throws {
        try withStore { store in
            let incident = try store.createIncident(title: "t", severity: "P2", at: Self.t0, actor: "a")
            let secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
            try store.recordPicture(incidentID: incident.id, PictureBatch(
                transitions: [PictureTransition(time: Self.t0, kind: .appeared, entity: Self.entity("api", .crit, "token=" + secret),
                                                logLines: ["GITHUB_TOKEN=" + secret])],
                keyFrame: PictureKeyFrame(time: Self.t0, entities: [Self.entity("api", .crit, "token=" + secret)])))
            let dump = try store.pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT figures FROM pictureTransition UNION ALL SELECT reason FROM pictureTransition
                    UNION ALL SELECT text FROM pictureLogLine UNION ALL SELECT frame FROM pictureKeyFrame
                    """)
            }
            #expect(dump.count == 4)
            #expect(!dump.joined().contains(secret))
        }
    }

    @Test func unknownIncidentIsNotFound() throws {
        try withStore { store in
            #expect(throws: StoreError.notFound(incidentID: "INC-nope")) {
                try store.recordPicture(incidentID: "INC-nope", PictureBatch(keyFrame: PictureKeyFrame(time: Self.t0, entities: [])))
            }
            #expect(throws: StoreError.notFound(incidentID: "INC-nope")) { try store.pictureRecording(incidentID: "INC-nope") }
        }
    }

    @Test func drillIsNeverTheLatestOpenIncident() throws {
        try withStore { store in
            let real = try store.createIncident(title: "real", severity: "P1", at: Self.t0, actor: "a")
            let drill = try store.createIncident(title: "drill", severity: "P1", at: Self.t0.addingTimeInterval(600), actor: "a")
            #expect(try store.latestOpenIncident()?.id == drill.id)
            try store.markDrill(incidentID: drill.id, recordingID: real.id)
            #expect(try store.latestOpenIncident()?.id == real.id)
            #expect(try store.isDrill(incidentID: drill.id))
            #expect(try !store.isDrill(incidentID: real.id))
            #expect(try store.drills() == [drill.id: real.id])
        }
    }
}
