import Foundation
import Testing
@testable import TriageCore

/// The replay's clock: speed, pause, the end, seeks by a minute and to transitions, and its arguments.
@Suite struct ReplayClockTests {
    /// 2026-11-23 12:00:00 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_435_200)
    static func at(_ offset: TimeInterval) -> Date { t0.addingTimeInterval(offset) }

    func clock(speed: Double = 10) -> ReplayClock {
        ReplayClock(start: Self.t0, end: Self.at(600), transitionTimes: [Self.at(30), Self.at(200), Self.at(400)], speed: speed)
    }

    @Test func advancesAtItsSpeedAndStopsAtTheEnd() {
        var clock = clock()
        clock.advance(realSeconds: 2)
        #expect(clock.position == Self.at(20))
        clock.paused = true
        clock.advance(realSeconds: 5)
        #expect(clock.position == Self.at(20))
        clock.paused = false
        clock.advance(realSeconds: 100)
        #expect(clock.position == Self.at(600))
        #expect(clock.atEnd)
    }

    @Test func seeksByMinutesWithinTheRecording() {
        var clock = clock()
        clock.seek(minutes: 1)
        #expect(clock.position == Self.at(60))
        clock.seek(minutes: -5)
        #expect(clock.position == Self.t0)
        clock.seek(minutes: 20)
        #expect(clock.position == Self.at(600))
    }

    @Test func seeksToNextAndPreviousTransition() {
        var clock = clock()
        clock.nextTransition()
        #expect(clock.position == Self.at(30))
        clock.nextTransition()
        #expect(clock.position == Self.at(200))
        clock.previousTransition()
        #expect(clock.position == Self.at(30))
        clock.previousTransition()
        #expect(clock.position == Self.t0)
        clock.seek(minutes: 7)
        clock.nextTransition()
        #expect(clock.position == Self.at(600))
    }

    @Test func stepsSpeedAndShowsProgress() {
        var clock = clock(speed: 10)
        clock.faster()
        #expect(clock.speed == 20)
        clock.slower()
        clock.slower()
        #expect(clock.speed == 5)
        clock.seek(minutes: 4)
        clock.advance(realSeconds: 2)
        clock.paused = true
        #expect(clock.progressText() == "replay 12:04:10 UTC  +4m10s of 10m  5x  paused")
    }

    @Test func parsesSpeedAndFrom() {
        #expect(ReplayClock.parseSpeed("10x") == 10)
        #expect(ReplayClock.parseSpeed("0.5") == 0.5)
        #expect(ReplayClock.parseSpeed("fast") == nil)
        #expect(ReplayClock.parseSpeed("0x") == nil)
        #expect(ReplayClock.parseFrom("12:03", start: Self.t0) == Self.at(180))
        #expect(ReplayClock.parseFrom("12:03:30", start: Self.t0) == Self.at(210))
        #expect(ReplayClock.parseFrom("11:00", start: Self.t0) == Self.at(23 * 3600))
        #expect(ReplayClock.parseFrom("25:00", start: Self.t0) == nil)
        #expect(ReplayClock.parseFrom("noon", start: Self.t0) == nil)
    }

    @Test func startsFromAGivenMomentWithinTheRecording() {
        let clock = ReplayClock(start: Self.t0, end: Self.at(600), from: Self.at(-60))
        #expect(clock.position == Self.t0)
        #expect(ReplayClock(start: Self.t0, end: Self.at(600), from: Self.at(300)).position == Self.at(300))
    }
}
