import Foundation
import Testing
import TriageCore
@testable import TriageStore

/// The incident store's change detection wakes on writes (inotify on the database's directory),
/// not on a fast poll: with the fallback poll set to 10 minutes, only the watch can report the
/// commit within the test's wait. (Not timed: the waits are generous for a loaded machine; the
/// latency a person sees is bounded end to end by WallEndToEndTests.)
@Suite(.serialized) struct InotifyWatchTests {
    /// A fresh database with one incident, its path and a writer on it.
    func storeWithIncident() throws -> (TemporaryDirectory, String, IncidentStore, String) {
        let temp = try TemporaryDirectory()
        let path = temp.file("incidents.sqlite")
        let writer = try IncidentStore(path: path)
        return (temp, path, writer, try writer.createIncident(title: "t", severity: "P1", actor: "a").id)
    }

    /// A stream whose reports signal `semaphore` (kept alive by the caller, never iterated).
    func watch(_ watcher: ChangeWatcher, _ semaphore: DispatchSemaphore) -> AsyncStream<Void> {
        watcher.changes(reported: { semaphore.signal() })
    }

    @Test func aCommitIsReportedWithoutWaitingForTheFallbackPoll() throws {
        let (temp, path, writer, id) = try storeWithIncident()
        defer { temp.remove() }
        let watcher = try ChangeWatcher(path: path, interval: .seconds(600))
        let reported = DispatchSemaphore(value: 0)
        let stream = watch(watcher, reported)
        try writer.setTick(incidentID: id, itemKey: "k", checked: true, actor: "a")
        #expect(reported.wait(timeout: .now() + 60) == .success, "no change reported within 60 s with a 10-minute poll")
        _ = stream
    }

    @Test func everyCommitOfASeriesIsSeenAndReadsAreNot() throws {
        let (temp, path, writer, id) = try storeWithIncident()
        defer { temp.remove() }
        let watcher = try ChangeWatcher(path: path, interval: .seconds(600))
        let reported = DispatchSemaphore(value: 0)
        let stream = watch(watcher, reported)
        for round in 0..<3 {
            _ = try writer.ticks(incidentID: id)  // a read writes nothing the watch reports
            #expect(reported.wait(timeout: .now() + 0.3) == .timedOut, "a read was reported (round \(round))")
            try writer.setTick(incidentID: id, itemKey: "k\(round)", checked: true, actor: "a")
            #expect(reported.wait(timeout: .now() + 60) == .success, "commit \(round) not reported")
        }
        _ = stream
    }

    /// Where inotify says nothing (no watches left, a network file system), the slow poll still
    /// reports the commit.
    @Test func withoutTheInotifyWatchTheFallbackPollReports() throws {
        let (temp, path, writer, id) = try storeWithIncident()
        defer { temp.remove() }
        let watcher = try ChangeWatcher(path: path, interval: .milliseconds(100), watchWrites: false)
        let reported = DispatchSemaphore(value: 0)
        let stream = watch(watcher, reported)
        try writer.setTick(incidentID: id, itemKey: "k", checked: true, actor: "a")
        #expect(reported.wait(timeout: .now() + 60) == .success)
        _ = stream
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
