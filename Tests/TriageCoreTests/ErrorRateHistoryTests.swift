import Testing
@testable import TriageCore

/// Errors per minute are sliding windows over per-second counters, on an injected clock.
@Suite struct ErrorRateHistoryTests {
    /// A minute boundary (1_800_000_000 is a multiple of 60).
    static let t0 = LogTimestamp(seconds: 1_800_000_000)

    @Test func theLastMinuteIsTheLastSixtySecondsNotTheClockMinute() {
        var history = ErrorRateHistory(minutes: 5)
        for second in 50..<60 { history.record(.crit, at: Self.t0 + .seconds(second)) }
        history.record(.warn, at: Self.t0 + .seconds(59))
        history.advance(to: Self.t0 + .seconds(60))
        // The clock minute turned at t0+60: a per-clock-minute count said 0 here.
        #expect(history.lastMinute == 10)
        history.advance(to: Self.t0 + .seconds(115))
        #expect(history.lastMinute == 4)
        history.advance(to: Self.t0 + .seconds(119))
        #expect(history.lastMinute == 0)
        // The older windows still hold them, for the sparkline.
        #expect(history.values == [0, 0, 0, 0, 0].enumerated().map { $0.offset == 3 ? 10 : $0.element })
    }

    @Test func memoryIsBoundedAndOldSecondsAreForgotten() {
        var history = ErrorRateHistory(minutes: 2)
        for second in 0..<10_000 where second % 7 == 0 { history.record(.crit, at: Self.t0 + .seconds(second)) }
        // 120 counters whatever the span; the windows hold only the 120 seconds up to the last line (9996).
        #expect(history.values.count == 2)
        #expect(history.values.reduce(0, +) == (9_877...9_996).filter { $0 % 7 == 0 }.count)
        history.advance(to: Self.t0 + .seconds(20_000))
        #expect(history.values == [0, 0])
    }

    @Test func aLineFromBeforeTheLastAdvanceCountsInItsOwnSecond() {
        var history = ErrorRateHistory(minutes: 2)
        history.advance(to: Self.t0 + .seconds(100))
        history.record(.crit, at: Self.t0 + .seconds(95))
        #expect(history.values == [0, 1])
        history.record(.crit, at: Self.t0 + .seconds(-500))
        #expect(history.values == [0, 1], "older than the window: not counted")
        history.advance(to: Self.t0 + .seconds(155))
        #expect(history.values == [1, 0])
    }
}
