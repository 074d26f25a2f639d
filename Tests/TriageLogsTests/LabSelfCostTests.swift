import Testing
import TriageCore
@testable import TriageLogs

/// What new log lines cost the terminal thread between frames (issue 16, triage's own CPU in the
/// lab): while no one reads the Logs pane they raise no wake-up and wait for the clock's frame, and
/// none of them is lost meanwhile. Counted with ``WakeSignal/raiseCount``, not timed.
@Suite struct LabSelfCostTests {
    static let source = LogSource(id: LogSourceID(0), kind: .file(path: "/app.log"), shortName: "app")

    static func line(_ sequence: UInt64) -> LogLine {
        LogLine(source: LogSourceID(0), sequence: sequence, arrival: LogTimestamp(seconds: 1_800_000_000) + .milliseconds(Int64(sequence)),
                timestamp: nil, text: "GET /health 200 (\(sequence))")
    }

    static func inbox(_ wake: WakeSignal) -> LogInbox {
        let inbox = LogInbox(wake: wake)
        inbox.register(source)
        _ = inbox.drain()
        wake.consume()
        return inbox
    }

    /// The lab's followers print a few lines a second; each used to raise the signal and cost a
    /// frame of its own (four frames a second where the clock needs one).
    @Test func linesNoOneReadsRaiseNoWakeUpAndAreAllDrainedLater() throws {
        let wake = try #require(WakeSignal())
        let inbox = Self.inbox(wake)
        inbox.wakesOnNewLines = false
        let before = wake.raiseCount
        for sequence in 0..<100 { inbox.append([Self.line(UInt64(sequence))], source: Self.source.id) }
        #expect(wake.raiseCount == before, "\(wake.raiseCount - before) raises for 100 lines no one reads")
        #expect(!wake.consume())
        // A source's state is shown at once (the pane's badge says a stream ended).
        inbox.setState(.ended(reason: "stream ended", retryAt: nil), source: Self.source.id)
        #expect(wake.raiseCount == before + 1)
        // The clock's frame drains them: every line, in order, none dropped.
        let batch = try #require(inbox.drain())
        #expect(batch.lines.map(\.sequence) == Array(0..<100))
        #expect(batch.sources.first?.dropped == 0)
    }

    /// With the Logs pane focused, each line still wakes the reader (coalesced until it consumes).
    @Test func linesWakeTheReaderOfTheLogsPane() throws {
        let wake = try #require(WakeSignal())
        let inbox = Self.inbox(wake)
        #expect(inbox.wakesOnNewLines, "lines wake by default")
        let before = wake.raiseCount
        inbox.append([Self.line(0)], source: Self.source.id)
        #expect(wake.raiseCount == before + 1)
        #expect(wake.consume())
        inbox.wakesOnNewLines = false
        inbox.append([Self.line(1)], source: Self.source.id)
        inbox.wakesOnNewLines = true
        inbox.append([Self.line(2)], source: Self.source.id)
        #expect(wake.raiseCount == before + 2)
        #expect(try #require(inbox.drain()).lines.map(\.sequence) == [0, 1, 2])
    }
}
