import Foundation
import Testing
@testable import TriageCore

/// The source recording's pure parts: rows and their diff, the recorder's key frames, the rows
/// rebuilt at any moment, and the log lines kept around transitions.
@Suite struct SourceRecordingTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_462_930)

    static func rows(_ items: [(String, String, String)]) -> SourceRows {
        var rows = SourceRows()
        for (source, key, body) in items { rows.set(source: source, key: key, body: body) }
        return rows
    }

    @Test func rowsKeepTheirOrderAndEncodeAsLines() throws {
        var rows = Self.rows([("docker:local", "", #"{"f":null}"#), ("docker:local", "abc", #"{"n":"web"}"#), ("services", "backend", "{}")])
        rows.set(source: "docker:local", key: "abc", body: #"{"n":"web","s":"exited"}"#)
        #expect(rows.sources == ["docker:local", "services"])
        #expect(rows["docker:local"]?.keys == ["", "abc"])
        let decoded = try #require(SourceRows.decoded(rows.encoded()))
        #expect(decoded == rows)
        rows.set(source: "services", key: "backend", body: nil)
        #expect(rows.sources == ["docker:local"], "a source whose last row left is gone")
        #expect(SourceRows.decoded("one field only") == nil)
        // A tab in a key cannot split the line.
        let tabbed = Self.rows([("kube:a\tb", "ns/x\ty", "{}")])
        #expect(SourceRows.decoded(tabbed.encoded())?.all.map(\.key) == ["ns/x y"])
    }

    @Test func changesAreRowsNewOrChangedThenRowsGone() {
        let old = Self.rows([("s", "a", "1"), ("s", "b", "1"), ("d", "c", "1")])
        let new = Self.rows([("s", "a", "1"), ("s", "b", "2"), ("s", "e", "1")])
        let changes = new.changes(since: old, at: Self.t0)
        #expect(changes.map { "\($0.source)/\($0.key)=\($0.body ?? "nil")" } == ["s/b=2", "s/e=1", "d/c=nil"])
        #expect(new.changes(since: new, at: Self.t0).isEmpty)
    }

    @Test func theRecorderWritesChangesAndAKeyFrameAMinute() {
        var recorder = SourceRecorder()
        let a = Self.rows([("services", "backend", #"{"s":"ok"}"#)])
        let b = Self.rows([("services", "backend", #"{"s":"crit"}"#)])
        let first = recorder.take(a, at: Self.t0)
        let unchanged = recorder.take(a, at: Self.t0.addingTimeInterval(2))
        #expect(first?.keyFrame?.rows == a, "the first round is a key frame")
        #expect(unchanged == nil, "nothing changed, no frame due")
        let broke = recorder.take(b, at: Self.t0.addingTimeInterval(4))
        #expect(broke?.changes.map(\.body) == [#"{"s":"crit"}"#])
        #expect(broke?.keyFrame == nil)
        let minuteLater = recorder.take(b, at: Self.t0.addingTimeInterval(60))
        #expect(minuteLater?.keyFrame?.rows == b)
    }

    @Test func logLinesWaitForARowChangeOrTheirFlushInterval() {
        var recorder = SourceRecorder()
        let rows = Self.rows([("services", "backend", "{}")])
        let line = RecordedLogLine(time: Self.t0, source: "web", text: "boom")
        _ = recorder.take(rows, at: Self.t0)
        let held = recorder.take(rows, at: Self.t0.addingTimeInterval(1), logLines: [line])
        #expect(held == nil, "a log line alone does not make a write at once")
        let flushed = recorder.take(rows, at: Self.t0.addingTimeInterval(SourceRecorder.logFlushInterval), logLines: [line])
        #expect(flushed?.logLines.count == 2, "written within the flush interval")
        let changed = Self.rows([("services", "backend", #"{"s":"crit"}"#)])
        let withChange = recorder.take(changed, at: Self.t0.addingTimeInterval(6), logLines: [line])
        #expect(withChange?.logLines == [line], "and with the next row change")
    }

    @Test func largeRowsSpaceTheirKeyFramesWithinTheBudget() {
        #expect(SourceRecorder.keyFrameSpacing(bytes: 10_000) == 60)
        // A 5,000-pod context (about 1.2 MB of rows) keys at most every ~15 minutes: ≤ 5 MB an hour.
        let spacing = SourceRecorder.keyFrameSpacing(bytes: 1_250_000)
        #expect(spacing >= 900)
        #expect(Double(1_250_000) * 3600 / spacing <= Double(SourceRecorder.keyFrameBytesPerHour))
    }

    @Test func rowsAtATimeAreRebuiltFromTheKeyFrameAndTheChangesAfterIt() {
        var recorder = SourceRecorder()
        var frames: [SourceKeyFrame] = []
        var changes: [SourceRowChange] = []
        let states = ["ok", "ok", "crit", "crit", "ok"]
        var expected: [Date: SourceRows] = [:]
        for (index, state) in states.enumerated() {
            let time = Self.t0.addingTimeInterval(Double(index) * 40)
            var rows = Self.rows([("services", "backend", #"{"s":"\#(state)"}"#)])
            if index == 3 { rows.set(source: "docker:local", key: "abc", body: #"{"n":"web"}"#) }
            expected[time] = rows
            if let batch = recorder.take(rows, at: time) {
                changes += batch.changes
                if let frame = batch.keyFrame { frames.append(frame) }
            }
        }
        let recording = SourceRecording(keyFrames: frames, changes: changes)
        #expect(frames.count == 3, "frames at 0, 80 and 160 s")
        for (time, rows) in expected {
            #expect(recording.rows(at: time) == rows, "at +\(time.timeIntervalSince(Self.t0))s")
            #expect(recording.rows(at: time.addingTimeInterval(39)) == rows)
        }
        #expect(recording.rows(at: Self.t0.addingTimeInterval(-1)).all.isEmpty)
        #expect(recording.start == Self.t0)
        #expect(recording.end == Self.t0.addingTimeInterval(160))
    }

    @Test func logLinesAreKeptBeforeAndAfterATransitionOnly() {
        var window = TransitionLogWindow()
        func lines(_ from: Int, _ count: Int, at offset: TimeInterval) -> [RecordedLogLine] {
            (from..<from + count).map { RecordedLogLine(time: Self.t0.addingTimeInterval(offset), source: "web", text: "line \($0)") }
        }
        window.arrived(lines(0, 100, at: 0))
        #expect(window.take().isEmpty, "no transition, nothing kept")
        window.transition(at: Self.t0.addingTimeInterval(1))
        let before = window.take()
        #expect(before.map(\.text) == (80..<100).map { "line \($0)" }, "the last \(TransitionLogWindow.before) before")
        window.arrived(lines(100, 60, at: 5))
        #expect(window.take().count == TransitionLogWindow.afterLimit, "at most \(TransitionLogWindow.afterLimit) after")
        window.arrived(lines(160, 5, at: 30))
        #expect(window.take().isEmpty, "the window closed after \(TransitionLogWindow.afterSeconds) s")
        // A second transition keeps only the lines not kept yet.
        window.transition(at: Self.t0.addingTimeInterval(31))
        // Lines 100–139 were kept after the first; the ring now holds 145–164, none of them kept yet.
        #expect(window.take().map(\.text) == (145..<165).map { "line \($0)" })
        window.arrived([RecordedLogLine(time: Self.t0.addingTimeInterval(32), source: "web", text: "password=hunter2")])
        #expect(window.take().map(\.text) == ["password=****"], "kept lines are redacted")
    }
}

/// A table remembers its last changes, so the recorder's diff looks at the rows that changed, and at
/// none for the very table it saw; copies that changed apart are never taken for one another.
@Suite struct SourceRecordingTableDiffTests {
    static let t0 = SourceRecordingTests.t0

    @Test func theDiffLooksOnlyAtTheRowsThatChanged() {
        var rows = SourceRows()
        for index in 0..<1_000 { rows.set(source: "kube:big", key: "pod-\(index)", body: "{}") }
        var recorder = SourceRecorder()
        _ = recorder.take(rows, at: Self.t0)
        let compared = recorder.rowsCompared
        #expect(recorder.take(rows, at: Self.t0.addingTimeInterval(1)) == nil)
        #expect(recorder.rowsCompared == compared, "the same table: no row looked at")
        rows.set(source: "kube:big", key: "pod-7", body: #"{"s":"crit"}"#)
        rows.set(source: "kube:big", key: "pod-8", body: "{}")  // set to what it was: no change
        rows.set(source: "kube:big", key: "pod-9", body: nil)
        let batch = recorder.take(rows, at: Self.t0.addingTimeInterval(2))
        #expect(batch?.changes.map { "\($0.key)=\($0.body ?? "nil")" } == [#"pod-7={"s":"crit"}"#, "pod-9=nil"])
        #expect(recorder.rowsCompared - compared == 2)
    }

    @Test func copiesThatChangedApartAreDiffedRowByRow() {
        var base = SourceRows()
        for index in 0..<10 { base.set(source: "s", key: "\(index)", body: "0") }
        var a = base
        var b = base
        a.set(source: "s", key: "1", body: "a")
        b.set(source: "s", key: "2", body: "b")
        var compared = 0
        let changes = b.changes(since: a, at: Self.t0, compared: &compared)
        #expect(changes.map { "\($0.key)=\($0.body ?? "nil")" } == ["1=0", "2=b"])
        #expect(compared == 20, "neither is the other with later changes: every row of both")
        #expect(a != b)
        #expect(b.changes(since: base, at: Self.t0).map(\.key) == ["2"])
        // Many changes since: more than the table remembers, still the right diff.
        var far = base
        for round in 0..<(3 * 256) { far.set(source: "s", key: "\(round % 10)", body: "\(round)") }
        #expect(far.changes(since: base, at: Self.t0).count == 10)
    }
}
