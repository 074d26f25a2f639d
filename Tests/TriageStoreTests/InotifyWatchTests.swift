import Foundation
import Testing
import TriageCore
@testable import TriageStore

/// The incident store's change detection wakes on writes (inotify on the database's directory),
/// not on a fast poll: with the fallback poll set to 10 minutes, only the watch can report the
/// commit within the test's wait. (Not timed: the waits are generous because a loaded machine, or
/// tests running beside it, can hold the consuming task back for seconds; the latency a person
/// sees is bounded end to end by WallEndToEndTests.)
@Suite(.serialized) struct InotifyWatchTests {
    /// A fresh database with one incident, its path and a writer on it.
    func storeWithIncident() throws -> (TemporaryDirectory, String, IncidentStore, String) {
        let temp = try TemporaryDirectory()
        let path = temp.file("incidents.sqlite")
        let writer = try IncidentStore(path: path)
        return (temp, path, writer, try writer.createIncident(title: "t", severity: "P1", actor: "a").id)
    }

    @Test func aCommitIsReportedWithoutWaitingForTheFallbackPoll() async throws {
        let (temp, path, writer, id) = try storeWithIncident()
        defer { temp.remove() }
        let watcher = try ChangeWatcher(path: path, interval: .seconds(600))
        let changes = watcher.changes()
        try writer.setTick(incidentID: id, itemKey: "k", checked: true, actor: "a")
        #expect(await nextChange(of: changes, within: .seconds(60)) != nil, "no change reported within 60 s with a 10-minute poll")
    }

    @Test func everyCommitOfASeriesIsSeenAndReadsAreNot() async throws {
        let (temp, path, writer, id) = try storeWithIncident()
        defer { temp.remove() }
        let watcher = try ChangeWatcher(path: path, interval: .seconds(600))
        for round in 0..<3 {
            let changes = watcher.changes()
            _ = try writer.ticks(incidentID: id)  // a read writes nothing the watch reports
            #expect(await nextChange(of: changes, within: .milliseconds(300)) == nil, "a read was reported (round \(round))")
            let again = watcher.changes()
            try writer.setTick(incidentID: id, itemKey: "k\(round)", checked: true, actor: "a")
            #expect(await nextChange(of: again, within: .seconds(60)) != nil, "commit \(round) not reported")
        }
    }

    /// Where inotify says nothing (no watches left, a network file system), the slow poll still
    /// reports the commit.
    @Test func withoutTheInotifyWatchTheFallbackPollReports() async throws {
        let (temp, path, writer, id) = try storeWithIncident()
        defer { temp.remove() }
        let watcher = try ChangeWatcher(path: path, interval: .milliseconds(100), watchWrites: false)
        let changes = watcher.changes()
        try writer.setTick(incidentID: id, itemKey: "k", checked: true, actor: "a")
        #expect(await nextChange(of: changes, within: .seconds(60)) != nil)
    }

    @Test func inotifyWatchEventsAreMatchedByName() {
        // Two records: "other" (len 8), then "db-wal" (len 8), as the kernel lays them out.
        func record(_ name: String, mask: UInt32) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: 16)
            withUnsafeBytes(of: mask.littleEndian) { bytes.replaceSubrange(4..<8, with: $0) }
            withUnsafeBytes(of: UInt32(8).littleEndian) { bytes.replaceSubrange(12..<16, with: $0) }
            var padded = Array(name.utf8)
            padded += [UInt8](repeating: 0, count: 8 - padded.count)
            return bytes + padded
        }
        let both = record("other", mask: 2) + record("db-wal", mask: 2)
        #expect(DirectoryWatch.eventsName(both[...], any: ["db-wal"]))
        #expect(!DirectoryWatch.eventsName(both[...], any: ["db"]))
        #expect(DirectoryWatch.eventsName(record("x", mask: 0x4000)[...], any: ["db"]), "a queue overflow may hide anything")
    }
}
