import Testing
import TriageCore
@testable import TriageLogs

@Suite struct LogInboxTests {
    static let t0 = LogTimestamp(seconds: 1_800_000_000)

    static func line(_ source: Int, _ seq: UInt64, _ text: String, ms: Int64, stamp: LogTimestamp? = nil) -> LogLine {
        LogLine(source: LogSourceID(source), sequence: seq, arrival: t0 + .milliseconds(ms), timestamp: stamp, text: text)
    }

    static func inbox(sources: Int, capacity: Int = 10_000) -> LogInbox {
        let inbox = LogInbox(capacityPerSource: capacity)
        for i in 0..<sources {
            inbox.register(LogSource(id: LogSourceID(i), kind: .file(path: "/\(i)"), shortName: "s\(i)"))
        }
        return inbox
    }

    @Test func drainMergesByArrivalAndReportsOnlyChanges() throws {
        let inbox = Self.inbox(sources: 2)
        _ = inbox.drain()
        #expect(inbox.drain() == nil)
        inbox.append([Self.line(0, 0, "a0", ms: 0), Self.line(0, 1, "a1", ms: 20)], source: LogSourceID(0))
        inbox.append([Self.line(1, 0, "b0", ms: 10), Self.line(1, 1, "b1", ms: 30)], source: LogSourceID(1))
        #expect(inbox.hasChanges)
        let batch = try #require(inbox.drain(now: Self.t0))
        #expect(batch.lines.map(\.text) == ["a0", "b0", "a1", "b1"])
        #expect(batch.sources.map(\.received) == [2, 2])
        #expect(!inbox.hasChanges)
        #expect(inbox.drain() == nil)
    }

    @Test func slowReaderLosesOldestLinesCountedAsDropped() throws {
        let inbox = Self.inbox(sources: 1, capacity: 100)
        for chunk in 0..<50 {
            inbox.append((0..<100).map { Self.line(0, UInt64(chunk * 100 + $0), "l\(chunk * 100 + $0)", ms: 0) },
                         source: LogSourceID(0))
        }
        let batch = try #require(inbox.drain())
        #expect(batch.lines.count == 100)
        #expect(batch.lines.last?.text == "l4999")
        #expect(batch.sources[0].dropped == 4900)
        #expect(batch.sources[0].received == 5000)
    }

    @Test func errorsPerMinuteFollowCriticalLines() throws {
        let inbox = Self.inbox(sources: 1)
        inbox.append([Self.line(0, 0, "ERROR a", ms: 0), Self.line(0, 1, "fine", ms: 1), Self.line(0, 2, "FATAL b", ms: 2)],
                     source: LogSourceID(0))
        inbox.append([Self.line(0, 3, "ERROR c", ms: 61_000)], source: LogSourceID(0))
        let batch = try #require(inbox.drain(now: Self.t0 + .seconds(61)))
        #expect(batch.sources[0].errorsPerMinute.suffix(2) == [2, 1])
        #expect(batch.sources[0].errorsPerMinute.count == 30)
    }

    /// The rate is the last 60 seconds, whatever the clock minute: ten errors at :50-:59 still
    /// count at :01 (the clock-minute buckets said 0), and they leave one by one, with no new line.
    @Test func errorsPerMinuteSlideWithTheClockWithoutNewLines() throws {
        let inbox = Self.inbox(sources: 1)
        _ = inbox.drain(now: Self.t0)
        inbox.append((0..<10).map { Self.line(0, UInt64($0), "ERROR \($0)", ms: 50_000 + Int64($0) * 1000) }, source: LogSourceID(0))
        let atMinute = try #require(inbox.drain(now: Self.t0 + .seconds(61)))
        #expect(atMinute.sources[0].errorsPerMinute.last == 10)
        // No line since: a later second still gives a batch, with the errors older than 60 s gone.
        let later = try #require(inbox.drain(now: Self.t0 + .seconds(115)))
        #expect(later.lines.isEmpty)
        #expect(later.sources[0].errorsPerMinute.last == 4)
        #expect(inbox.drain(now: Self.t0 + .seconds(115)) == nil, "same second, nothing new")
        let gone = try #require(inbox.drain(now: Self.t0 + .seconds(120)))
        #expect(gone.sources[0].errorsPerMinute.last == 0)
        // Nothing left in any window: no batch until something happens.
        #expect(inbox.drain(now: Self.t0 + .seconds(30 * 60 + 120)) != nil)
        #expect(inbox.drain(now: Self.t0 + .seconds(30 * 60 + 121)) == nil)
    }

    @Test func statesAreReported() throws {
        let inbox = Self.inbox(sources: 1)
        inbox.setState(.ended(reason: "container stopped", retryAt: nil), source: LogSourceID(0))
        let batch = try #require(inbox.drain())
        #expect(batch.sources[0].state == .ended(reason: "container stopped", retryAt: nil))
    }

    @Test func resumeFilterDropsReplaysOnly() {
        var filter = ResumeFilter()
        let s1 = LogTimestamp(seconds: 100)
        let s2 = LogTimestamp(seconds: 101)
        for text in ["a", "b", "b"] { do { let r1 = filter.admit(Self.line(0, 0, text, ms: 0, stamp: s1)); #expect(r1) } }
        do { let r2 = filter.admit(Self.line(0, 0, "c", ms: 0, stamp: s2)); #expect(r2) }
        do { let r3 = filter.admit(Self.line(0, 0, "c", ms: 0, stamp: s2)); #expect(r3) }
        filter.beginResume()
        // The engine sends the last second again (and maybe older lines): all dropped once.
        do { let r4 = filter.admit(Self.line(0, 0, "b", ms: 0, stamp: s1)); #expect(!r4) }
        do { let r5 = filter.admit(Self.line(0, 0, "c", ms: 0, stamp: s2)); #expect(!r5) }
        do { let r6 = filter.admit(Self.line(0, 0, "c", ms: 0, stamp: s2)); #expect(!r6) }
        // A third "c" in the same second is new.
        do { let r7 = filter.admit(Self.line(0, 0, "c", ms: 0, stamp: s2)); #expect(r7) }
        do { let r8 = filter.admit(Self.line(0, 0, "d", ms: 0, stamp: s2 + .seconds(1))); #expect(r8) }
        do { let r9 = filter.admit(Self.line(0, 0, "no stamp", ms: 0)); #expect(r9) }
        #expect(filter.droppedReplays == 3)
    }

    @Test func backoffDoublesAndResetsAfterAHealthyRun() {
        var backoff = RetryBackoff(initial: .seconds(1), maximum: .seconds(5), healthyAfter: .seconds(30))
        do { let d = backoff.next(after: .seconds(1)); #expect(d == .seconds(1)) }
        do { let d = backoff.next(after: .seconds(1)); #expect(d == .seconds(2)) }
        do { let d = backoff.next(after: .seconds(1)); #expect(d == .seconds(4)) }
        do { let d = backoff.next(after: .seconds(1)); #expect(d == .seconds(5)) }
        do { let d = backoff.next(after: .seconds(40)); #expect(d == .seconds(1)) }
    }

    @Test func benchmarkIngestsEveryLine() {
        let result = LogIngestBenchmark.run(lines: 20_000, lineBytes: 100)
        #expect(result.lines == 20_000)
        #expect(result.bytes == 20_000 * 101)
        #expect(result.linesPerSecond > 0)
    }

    @Test func hubFeedsAModelEndToEnd() async throws {
        let hub = LogHub(capacityPerSource: 1000)
        let id = await hub.add(.file(path: "/none"), shortName: "custom") { sink in
            var decoder = LogLineDecoder(source: sink.source.id, parsesTimestamps: true)
            sink.state(.running)
            sink.lines(decoder.feed(Array("2026-11-23T10:00:00Z hello \u{1B}[2J\n2026-11-23T10:00:01Z WARN x\n".utf8),
                                    arrival: sink.now()))
        }
        var model = LogPaneModel()
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)  // generous: a loaded CI machine runs many suites at once
        while clock.now < deadline, model.shownCount < 2 {
            if let batch = hub.inbox.drain() { model.apply(batch) }
            try await Task.sleep(for: .milliseconds(10))
        }
        await hub.stop(id)
        let frame = model.visibleRows(height: 5, width: 60)
        try #require(frame.rows.count == 2, "lines never arrived: \(frame.rows)")
        #expect(frame.rows.map(\.text) == ["hello ␛[2J", "WARN x"])
        #expect(frame.rows.map(\.sourceName) == ["custom", "custom"])
        #expect(frame.rows.map(\.timestampText) == ["10:00:00.000", "10:00:01.000"])
        #expect(frame.rows[1].severity == .warn)
        #expect(model.sources.first?.state == .running)
    }
}
