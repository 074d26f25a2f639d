import Foundation
import Testing
import TriageCore

/// A check's availability over a window, from the runs of its rounds: % up, outages and their
/// length, first failure; unknown rounds count neither way.
@Suite struct AvailabilityTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// Rounds every 10 s: up for 60 s, down for 30 s, up for 60 s, down from 150 s on.
    static func log() -> RoundLog {
        var log = RoundLog()
        for second in stride(from: 0.0, to: 200, by: 10) {
            let down = (60..<90).contains(second) || second >= 150
            log.record(down ? .crit : (second == 20 ? .warn : .ok), at: at(second))
        }
        return log
    }

    @Test func AvailabilityCountsUpTimeAndEachOutage() {
        let availability = Self.log().availability(from: Self.t0, to: Self.at(200))
        // Down 60…90 and 150…200: 80 s of 200.
        #expect(availability.upPercent == 60)
        #expect(availability.outages.count == 2)
        #expect(availability.outages[0] == CheckAvailability.Outage(start: Self.at(60), end: Self.at(90), rounds: 3))
        #expect(availability.outages[1].end == nil)
        #expect(availability.outages[1].length(now: Self.at(200)) == 50)
        #expect(availability.firstFailure == Self.at(60))
        #expect(availability.longestOutage == 50)
        #expect(availability.summary { _ in "T" } == "60.0% up, 2 outages (longest 50s), first failure T")
    }

    @Test func AvailabilityWindowClipsTheRuns() {
        // From 100 s: up 100…150, down 150…200.
        let availability = Self.log().availability(from: Self.at(100), to: Self.at(200))
        #expect(availability.upPercent == 50)
        #expect(availability.outages.map(\.start) == [Self.at(150)])
        // A window that starts inside an outage reports when that outage began.
        let inside = Self.log().availability(from: Self.at(70), to: Self.at(100))
        #expect(inside.firstFailure == Self.at(60))
        #expect(inside.upPercent.map { ($0 * 10).rounded() / 10 } == 33.3)
    }

    @Test func AvailabilityIgnoresUnknownRoundsAndSaysWhenNothingIsKnown() {
        var log = RoundLog()
        log.record(.unknown, at: Self.at(0))
        #expect(log.availability(from: Self.t0, to: Self.at(60)).upPercent == nil)
        #expect(log.availability(from: Self.t0, to: Self.at(60)).summary { _ in "" } == "no data in the window")
        log.record(.ok, at: Self.at(30))
        let availability = log.availability(from: Self.t0, to: Self.at(60))
        #expect(availability.upPercent == 100)
        #expect(availability.summary { _ in "" } == "100% up, no outage")
    }

    @Test func AvailabilityWithAnOutageNeverReadsAHundredPercent() {
        var log = RoundLog()
        log.record(.crit, at: Self.at(0))
        log.record(.ok, at: Self.at(1))
        let availability = log.availability(from: Self.t0, to: Self.at(10_000))
        #expect(availability.upPercent! > 99.95)
        #expect(availability.upPercentText == "99.9%")
    }

    @Test func AvailabilityLogStaysBoundedWhileFlapping() {
        var log = RoundLog()
        for round in 0..<(RoundLog.capacity + 500) { log.record(round % 2 == 0 ? .ok : .crit, at: Self.at(Double(round))) }
        #expect(log.runs.count == RoundLog.capacity)
        // A steady check is one run, however many rounds.
        var steady = RoundLog()
        for round in 0..<10_000 { steady.record(.ok, at: Self.at(Double(round))) }
        #expect(steady.runs.count == 1 && steady.runs[0].rounds == 10_000)
    }

    @Test func AvailabilityFromTheTimelinesTransitionTexts() {
        let down = ServiceTransitionText.parse(ServiceTransitionText.text(name: "checkout api", to: .crit, reason: "HTTP 503: came back later"))
        #expect(down?.name == "checkout api" && down?.down == true)
        let back = ServiceTransitionText.parse(ServiceTransitionText.text(name: "api", to: .ok, reason: nil))
        #expect(back?.name == "api" && back?.down == false)
        #expect(ServiceTransitionText.parse(ServiceTransitionText.text(name: "api", to: .warn, reason: "slow")) == nil)
        #expect(ServiceTransitionText.parse("container web on local went down: exited") == nil)
    }
}
