import Foundation
import GRDB
import Testing
import TriageCore
@testable import TriageStore

/// Opening the database: migrations, permissions, damaged files, read-only mode.
@Suite struct StoreOpeningTests {
    @Test func migratesAFreshDatabaseOnceAndReopensWithoutRerunning() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        _ = try IncidentStore(path: path)
        _ = try IncidentStore(path: path)
        let queue = try DatabaseQueue(path: path)
        let (migrations, hasIncident, eventColumns, tickKey, journal) = try queue.read { db in
            (
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
                try db.tableExists("incident"),
                try db.columns(in: "timelineEvent").map(\.name),
                try db.primaryKey("checklistTick").columns,
                try String.fetchOne(db, sql: "PRAGMA journal_mode")
            )
        }
        #expect(migrations == ["v1-incidents-timeline-ticks", "v2-picture-recording", "v3-tick-evidence", "v4-source-recording"])
        #expect(hasIncident)
        #expect(eventColumns == ["id", "incidentID", "time", "actor", "kind", "text", "automatic"])
        #expect(tickKey == ["incidentID", "itemKey"])
        #expect(journal == "wal")
    }

    @Test func refusesADatabaseFromANewerTriage() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        _ = try IncidentStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-from-the-future')")
        }
        let expected = StoreError.incompatible(path: path, reason: "written by a newer triage")
        #expect(throws: expected) { try IncidentStore(path: path) }
        #expect(throws: expected) { try IncidentStore(path: path, mode: .readOnly) }
    }

    /// The refusal comes before any write: the old open made the WAL pool, set it up and checkpointed
    /// on the way out, so the newer triage's file changed (page count, freelist, header) although it
    /// was "refused". A person who downgrades by mistake must get their file back exactly as it was.
    @Test func aDatabaseFromANewerTriageIsRefusedBeforeAnyWrite() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        do {
            let store = try IncidentStore(path: path)
            let id = try store.createIncident(title: "from the future", severity: "P1", actor: "a").id
            for index in 0..<50 { try store.addNote(incidentID: id, text: "note \(index)", actor: "a") }
            try store.close()
        }
        // What a newer triage leaves: a migration this build does not know, and rows deleted since,
        // so the file has free pages that a write from this build would reuse or give back.
        let future = try DatabaseQueue(path: path)
        try future.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
            try db.execute(sql: "DELETE FROM timelineEvent WHERE id % 2 = 0")
        }
        try future.close()
        let before = try #require(contents(of: path))

        for mode in [IncidentStore.Mode.readWrite, .readOnly] {
            #expect(throws: StoreError.incompatible(path: path, reason: "written by a newer triage")) {
                try IncidentStore(path: path, mode: mode)
            }
            let after = try #require(contents(of: path))
            #expect(after.count == before.count, "a \(mode) open changed the size: \(before.count) → \(after.count) bytes")
            let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
            #expect(changed.isEmpty, "a \(mode) open changed \(changed.count) bytes, first at offsets \(changed.prefix(8))")
            // SQLite's read-only check may leave an empty WAL; a frame in it would reach the file later.
            #expect((contents(of: path + "-wal") ?? Data()).isEmpty, "a \(mode) open wrote to the WAL")
        }
    }

    @Test func readOnlyNeedsAnExistingUpToDateDatabase() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        #expect(throws: StoreError.missing(path: path)) { try IncidentStore(path: path, mode: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: StoreError.missing(path: path)) { try ChangeWatcher(path: path) }

        let other = temp.file("other.sqlite")
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE unrelated (x)") }
        #expect(throws: StoreError.incompatible(
            path: other, reason: "schema not up to date: open it once without --read-only")) {
            try IncidentStore(path: other, mode: .readOnly)
        }
    }

    @Test func createsFilesPrivateInAPrivateDirectory() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let previous = umask(0o022)  // the usual umask, under which SQLite alone would make 0644 files
        defer { umask(previous) }
        let directory = try StateDirectory.resolve(explicit: temp.file("state"), environment: [:])
        let store = try IncidentStore(stateDirectory: directory)
        let id = try store.createIncident(title: "t", severity: "P1", actor: "a").id
        try store.setTick(incidentID: id, itemKey: "k", checked: true, actor: "a")
        let path = StateDirectory.databasePath(inDirectory: directory)
        #expect(path == directory + "/incidents.sqlite")
        #expect(mode(of: directory) == 0o700)
        #expect(mode(of: path) == 0o600)
        // While the store is open, the WAL and shared-memory files exist too.
        #expect(mode(of: path + "-wal") == 0o600)
        #expect(mode(of: path + "-shm") == 0o600)
    }

    /// Damaged files, each produced the way it happens in life.
    enum Damage: String, CaseIterable, Sendable {
        case randomBytes, textFile, truncatedMidPage, truncatedAtPageBoundary, overwrittenPage, notAFile
    }

    @Test(arguments: Damage.allCases)
    func damagedFileIsReportedAndLeftUntouched(damage: Damage) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        switch damage {
        case .randomBytes:
            _ = FileManager.default.createFile(atPath: path, contents: Data((0..<8192).map { _ in UInt8.random(in: 0...255) }))
        case .textFile:
            _ = FileManager.default.createFile(atPath: path, contents: Data("incidents:\n  - id: 1\n".utf8))
        case .truncatedMidPage, .truncatedAtPageBoundary, .overwrittenPage:
            let good = temp.file("good.sqlite")
            do {
                let store = try IncidentStore(path: good)
                let id = try store.createIncident(title: "t", severity: "P1", actor: "a").id
                for index in 0..<200 {
                    try store.addNote(incidentID: id, text: String(repeating: "note \(index) ", count: 20), actor: "a")
                }
                try store.close()
            }
            var bytes = try #require(contents(of: good))
            #expect(bytes.count > 16384)
            switch damage {
            case .truncatedMidPage: bytes = bytes.prefix(bytes.count / 2 + 100)
            case .truncatedAtPageBoundary: bytes = bytes.prefix(bytes.count - 2 * 4096)
            default:
                for index in 4096..<8192 { bytes[index] = UInt8.random(in: 0...255) }
            }
            _ = FileManager.default.createFile(atPath: path, contents: bytes)
        case .notAFile:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        let before = contents(of: path)

        for mode in [IncidentStore.Mode.readWrite, .readOnly] {
            do {
                _ = try IncidentStore(path: path, mode: mode)
                Issue.record("\(damage) opened \(mode) without an error")
            } catch {
                guard case .corrupt(let reportedPath, let reason) = error else {
                    Issue.record("\(damage) \(mode): expected .corrupt, got \(error)")
                    continue
                }
                #expect(reportedPath == path)
                #expect(!reason.isEmpty)
                #expect(error.description.contains("left untouched"))
            }
            #expect(contents(of: path) == before, "\(damage) was modified by a \(mode) open")
        }
        if damage == .randomBytes || damage == .textFile {
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
            #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
        }
    }

    @Test func emptyFileBecomesANewDatabase() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        _ = FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o600])
        #expect(throws: StoreError.missing(path: path)) { try IncidentStore(path: path, mode: .readOnly) }
        let store = try IncidentStore(path: path)
        #expect(try store.listIncidents().isEmpty)
    }

    @Test func readOnlyStoreReadsButSQLiteRefusesWrites() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        let writer = try IncidentStore(path: path)
        let id = try writer.createIncident(title: "t", severity: "P1", actor: "a").id
        try writer.setTick(incidentID: id, itemKey: "k", checked: true, actor: "a")

        let wall = try IncidentStore(path: path, mode: .readOnly)
        #expect(try wall.ticks(incidentID: id)["k"]?.checked == true)
        let attempts: [(String, () throws(StoreError) -> Void)] = [
            ("tick", { () throws(StoreError) in
                _ = try wall.setTick(incidentID: id, itemKey: "k2", checked: true, actor: "wall") }),
            ("note", { () throws(StoreError) in _ = try wall.addNote(incidentID: id, text: "x", actor: "wall") }),
            ("status", { () throws(StoreError) in
                _ = try wall.setStatus(incidentID: id, status: .resolved, actor: "wall") }),
            ("create", { () throws(StoreError) in
                _ = try wall.createIncident(title: "x", severity: "P1", actor: "wall") }),
        ]
        for (name, attempt) in attempts {
            do {
                try attempt()
                Issue.record("\(name) was written through a read-only store")
            } catch {
                guard case .readOnly(let reportedPath, let reason) = error else {
                    Issue.record("\(name): expected .readOnly, got \(error)")
                    continue
                }
                #expect(reportedPath == path)
                // The words are SQLite's own: the refusal came from the read-only connection.
                #expect(reason == "attempt to write a readonly database")
            }
        }
        #expect(try writer.ticks(incidentID: id).keys.sorted() == ["k"])
        #expect(try writer.listIncidents().count == 1)
        // The writer carries on while the wall is open.
        try writer.setTick(incidentID: id, itemKey: "k3", checked: true, actor: "a")
        #expect(try wall.ticks(incidentID: id).count == 2)
    }
}
