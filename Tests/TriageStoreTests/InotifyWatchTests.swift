import Foundation
import Testing
import TriageCore
@testable import TriageStore

/// The incident store's change detection wakes on writes (inotify on the database's directory),
/// not on a fast poll: with the fallback poll set far beyond the test's wait, only the watch can
/// report the commit in time.
@Suite(.serialized) struct InotifyWatchTests {
    /// A fresh database with one incident, its path and a writer on it.
    func storeWithIncident() throws -> (TemporaryDirectory, String, IncidentStore, String) {
        let temp = try TemporaryDirectory()
        let path = temp.file("incidents.sqlite")
        let writer = try IncidentStore(path: path)
        return (temp, path, writer, try writer.createIncident(title: "t", severity: "P1", actor: "a").id)
    }

    @Test func aCommitIsReportedLongBeforeTheFallbackPoll() async throws {
        let (temp, path, writer, id) = try storeWithIncident()
        defer { temp.remove() }
        let watcher = try ChangeWatcher(path: path, interval: .seconds(60))
        let changes = watcher.changes()
        try writer.setTick(incidentID: id, itemKey: "k", checked: true, actor: "a")
        let committed = ContinuousClock.now
        let seen = try #require(await nextChange(of: changes, within: .seconds(5)), "no change reported within 5 s with a 60 s poll")
        #expect(seen - committed < .seconds(1))
    }

    @Test func everyCommitOfASeriesIsSeenAndReadsAreNot() async throws {
        let (temp, path, writer, id) = try storeWithIncident()
        defer { temp.remove() }
        let watcher = try ChangeWatcher(path: path, interval: .seconds(60))
        for round in 0..<3 {
            let changes = watcher.changes()
            _ = try writer.ticks(incidentID: id)  // a read writes nothing the watch reports
            #expect(await nextChange(of: changes, within: .milliseconds(300)) == nil, "a read was reported (round \(round))")
            let again = watcher.changes()
            try writer.setTick(incidentID: id, itemKey: "k\(round)", checked: true, actor: "a")
            #expect(await nextChange(of: again, within: .seconds(5)) != nil, "commit \(round) not reported")
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
        #expect(await nextChange(of: changes, within: .seconds(5)) != nil)
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
