import Foundation
import Testing
import TriageCore
@testable import TriageStore

/// The store on a real faulty file system (a tiny tmpfs, root only): what each fault looks like to
/// a caller, so the dashboard's writer can tell "retry later" from "give up".
@Suite(.serialized) struct StoreFaultTests {
    @Test func aWriteOnAFullDiskFailsTransientlyAndTheSameWriteSucceedsOnceSpaceReturns() throws {
        guard let disk = try SmallTmpfs.mount(size: "2m") else { return }
        defer { disk.unmount() }
        try StateDirectory.create(disk.path + "/state")
        let store = try IncidentStore(stateDirectory: disk.path + "/state")
        let incident = try store.createIncident(title: "t", severity: "P1", actor: "alice")
        try disk.fill()
        var failure: StoreError?
        do {
            try store.setTick(incidentID: incident.id, itemKey: "k", checked: true, actor: "alice")
        } catch {
            failure = error
        }
        let error = try #require(failure, "a commit on a full disk succeeded")
        #expect(error.isTransient)
        #expect(error.shortReason.contains("full"), "\(error)")
        #expect(try store.ticks(incidentID: incident.id)["k"] == nil, "the failed transaction left a tick")

        disk.removeFiller()
        #expect(try store.setTick(incidentID: incident.id, itemKey: "k", checked: true, actor: "alice"))
        #expect(try store.ticks(incidentID: incident.id)["k"]?.checked == true)
        #expect(try store.events(incidentID: incident.id).filter { $0.kind == .tick }.count == 1)
        try store.close()
        let check = try IncidentStore(path: store.path, mode: .readOnly)
        #expect(try check.events(incidentID: incident.id).count == 2)
    }

    /// SQLite would quietly open the file read-only on a read-only file system and fail every write
    /// later; the store refuses the read-write open instead, as a transient failure.
    @Test func aReadWriteOpenOnAReadOnlyFileSystemIsRefusedAndRetryable() throws {
        guard let disk = try SmallTmpfs.mount(size: "4m") else { return }
        defer { disk.unmount() }
        let directory = disk.path + "/state"
        try StateDirectory.create(directory)
        let first = try IncidentStore(stateDirectory: directory)
        _ = try first.createIncident(title: "t", severity: "P1", actor: "alice")
        try first.close()
        try disk.remount(readOnly: true)
        var failure: StoreError?
        do { _ = try IncidentStore(stateDirectory: directory) } catch { failure = error }
        let error = try #require(failure, "a read-write open on a read-only file system succeeded")
        #expect(error.isTransient, "\(error)")
        try disk.remount(readOnly: false)
        let reopened = try IncidentStore(stateDirectory: directory)
        #expect(try reopened.listIncidents().count == 1)
    }

    /// A state directory already full when triage first runs: the database cannot even be created.
    /// The failure is transient, and once space returns the same open creates a working store.
    @Test func creatingTheDatabaseOnAFullDiskFailsTransientlyAndWorksOnceSpaceReturns() throws {
        guard let disk = try SmallTmpfs.mount(size: "1m") else { return }
        defer { disk.unmount() }
        let directory = disk.path + "/state"
        try StateDirectory.create(directory)
        try disk.fill()
        var failure: StoreError?
        do { _ = try IncidentStore(stateDirectory: directory) } catch { failure = error }
        let error = try #require(failure, "a database was created on a full disk")
        #expect(error.isTransient, "\(error)")
        disk.removeFiller()
        let store = try IncidentStore(stateDirectory: directory)
        let incident = try store.createIncident(title: "t", severity: "P1", actor: "alice")
        #expect(try store.incident(id: incident.id).title == "t")
    }

    @Test func permanentAndTransientFailuresAreTold() {
        #expect(StoreError.locked(path: "p", waitedSeconds: 1).isTransient)
        #expect(StoreError.readOnly(path: "p", reason: "r").isTransient)
        #expect(StoreError.failed(path: "p", reason: "database or disk is full").isTransient)
        #expect(!StoreError.notFound(incidentID: "INC-1").isTransient)
        #expect(!StoreError.corrupt(path: "p", reason: "r").isTransient)
        #expect(StoreError.failed(path: "p", reason: "disk I/O error").outcomeMayBeUnknown)
        #expect(!StoreError.locked(path: "p", waitedSeconds: 1).outcomeMayBeUnknown)
    }
}

/// A tmpfs of a given size on a fresh temporary directory; `unmount` removes it.
struct SmallTmpfs {
    let path: String

    /// Nil, with the reason recorded as an issue, when mounting is not permitted here.
    static func mount(size: String) throws -> SmallTmpfs? {
        let directory = try TemporaryDirectory()
        let result = try run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", directory.path])
        guard result.status == 0 else {
            directory.remove()
            Issue.record("mounting a tmpfs is not permitted here (needs root): \(result.output)")
            return nil
        }
        return SmallTmpfs(path: directory.path)
    }

    func remount(readOnly: Bool) throws {
        let result = try Self.run("/usr/bin/mount", ["-o", readOnly ? "remount,ro" : "remount,rw", path])
        guard result.status == 0 else { throw POSIXError(.EBUSY, userInfo: [NSLocalizedDescriptionKey: result.output]) }
    }

    var fillerPath: String { path + "/filler" }

    func fill() throws {
        _ = try Self.run("/usr/bin/dd", ["if=/dev/zero", "of=\(fillerPath)", "bs=4096"])
        var info = statvfs()
        guard statvfs(path, &info) == 0, info.f_bavail == 0 else { throw POSIXError(.ENOSPC) }
    }

    func removeFiller() { try? FileManager.default.removeItem(atPath: fillerPath) }

    func unmount() {
        _ = try? Self.run("/usr/bin/mount", ["-o", "remount,rw", path])
        if (try? Self.run("/usr/bin/umount", [path]).status) != 0 { _ = try? Self.run("/usr/bin/umount", ["-l", path]) }
        try? FileManager.default.removeItem(atPath: path)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
