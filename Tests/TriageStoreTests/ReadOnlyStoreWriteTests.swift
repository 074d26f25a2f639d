import Foundation
import GRDB
import Testing
import TriageCore
@testable import TriageStore

/// The wall's store, tried with every public write: each is refused by SQLite's read-only
/// connection, and the database file (and its WAL) is byte for byte what the writer left.
@Suite struct ReadOnlyStoreWriteTests {
    @Test func everyWriteMethodIsRefusedAndTheFileIsUnchanged() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        let writer = try IncidentStore(path: path)
        let id = try writer.createIncident(title: "t", severity: "P1", actor: "a").id
        try writer.close()  // everything in the main file, so its bytes say whether anything was written
        let before = try #require(FileManager.default.contents(atPath: path))
        let walBefore = FileManager.default.contents(atPath: path + "-wal")

        let wall = try IncidentStore(path: path, mode: .readOnly)
        let attempts: [(String, () throws(StoreError) -> Void)] = [
            ("create", { () throws(StoreError) in _ = try wall.createIncident(title: "x", severity: "P1", actor: "wall") }),
            ("tick", { () throws(StoreError) in _ = try wall.setTick(incidentID: id, itemKey: "k", checked: true, actor: "wall") }),
            ("note", { () throws(StoreError) in _ = try wall.addNote(incidentID: id, text: "x", actor: "wall") }),
            ("severity", { () throws(StoreError) in _ = try wall.setSeverity(incidentID: id, severity: "P3", actor: "wall") }),
            ("status", { () throws(StoreError) in _ = try wall.setStatus(incidentID: id, status: .resolved, actor: "wall") }),
            ("commander", { () throws(StoreError) in _ = try wall.setCommander(incidentID: id, commander: "mallory", actor: "wall") }),
            ("acknowledge", { () throws(StoreError) in _ = try wall.acknowledge(incidentID: id, actor: "wall") }),
            ("export event", { () throws(StoreError) in _ = try wall.appendEvent(incidentID: id, kind: .export, text: "x", actor: "wall") }),
            ("probe event", { () throws(StoreError) in
                _ = try wall.appendEvent(incidentID: id, kind: .probe, text: "x", actor: "triage", automatic: true) }),
            ("picture", { () throws(StoreError) in
                try wall.recordPicture(incidentID: id, PictureBatch(keyFrame: PictureKeyFrame(time: Date(), entities: []))) }),
            ("drill", { () throws(StoreError) in try wall.markDrill(incidentID: id, recordingID: id) }),
        ]
        for (name, attempt) in attempts {
            do {
                try attempt()
                Issue.record("\(name) was written through a read-only store")
            } catch {
                guard case .readOnly(_, let reason) = error else {
                    Issue.record("\(name): expected .readOnly, got \(error)")
                    continue
                }
                #expect(reason == "attempt to write a readonly database", "\(name): \(reason)")
            }
        }
        #expect(try wall.events(incidentID: id).count == 1)
        try wall.close()
        #expect(FileManager.default.contents(atPath: path) == before, "the database file changed")
        // The writer's close may leave a checkpointed WAL behind; the wall must not have added to it.
        let walAfter = FileManager.default.contents(atPath: path + "-wal")
        #expect(walAfter == walBefore || (walBefore == nil && walAfter?.isEmpty == true), "the read-only store wrote WAL frames")
    }
}
