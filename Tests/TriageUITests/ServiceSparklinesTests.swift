import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// Issue 16: a Services row made again takes its LAST 60 chart as last drawn while the check's
/// latencies and colour are the same (``ServiceSparklines``). Counted, not timed.
@Suite struct ServiceSparklinesTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func result(_ name: String, millis: Int, failing: Bool, at time: Date) -> ServiceCheckResult {
        let http = HTTPCheckResult(statusCode: failing ? 503 : 200, timings: .init(total: .milliseconds(millis)), state: failing ? .crit : .ok,
                                   reason: failing ? "HTTP 503" : nil)
        return ServiceCheckResult(name: name, detail: .http(http), checkedAt: time)
    }

    /// 120 seeded rounds of results, each row made three times as frames make it: every row is the
    /// row made without the memo, and only a round that recorded a result draws a chart again.
    @Test func aKeptChartIsTheOneDrawnAndOnlyANewResultDrawsAgain() {
        var snapshot = DashboardSnapshot(startedAt: Self.start)
        let names = ["api", "db", "cache", "a-check-with-a-long-name"]
        snapshot.declareServices(names.map { ($0, .http, .standard) })
        let sparklines = ServiceSparklines()
        var random = SeededRandom(seed: 60)
        var now = Self.start
        var newResults = 0
        for round in 1...120 {
            now = now.addingTimeInterval(2)
            // Now and then no result at all: the charts must be kept.
            if random.next(below: 3) != 0 {
                let name = names[random.next(below: names.count)]
                // Failing for a few rounds in a row, so the state (and so the colour) changes too.
                let failing = (round / 7) % 3 == 0
                _ = snapshot.record(services: [Self.result(name, millis: 5 + random.next(below: 400), failing: failing, at: now)])
                newResults += 1
            }
            for name in names {
                guard let track = snapshot.services[name] else { continue }
                let fresh = ServicesPaneBuilder.row(for: track, now: now)
                for frame in 0..<3 {
                    let kept = ServicesPaneBuilder.row(for: track, now: now, sparklines: sparklines)
                    #expect(kept == fresh, "round \(round), \(name), frame \(frame)")
                }
            }
        }
        // Each new result draws its check's chart once (and a colour change at most once more);
        // every other row made took it.
        #expect(sparklines.made <= names.count + 2 * newResults, "charts drawn: \(sparklines.made) for \(newResults) results")
        #expect(sparklines.kept >= 120 * names.count * 3 - sparklines.made, "charts kept: \(sparklines.kept)")
    }

    /// A full minute of one latency, then the same latency failing: the latencies are the same
    /// array of values, the chart's colour is not.
    @Test func theSameLatenciesInAnotherStateAreDrawnAgain() {
        var snapshot = DashboardSnapshot(startedAt: Self.start)
        snapshot.declareServices([("api", .http, .standard)])
        let sparklines = ServiceSparklines()
        var now = Self.start
        for failing in Array(repeating: false, count: 70) + Array(repeating: true, count: 4) {
            now = now.addingTimeInterval(1)
            _ = snapshot.record(services: [Self.result("api", millis: 40, failing: failing, at: now)])
            guard let track = snapshot.services["api"] else { continue }
            #expect(ServicesPaneBuilder.row(for: track, now: now, sparklines: sparklines) == ServicesPaneBuilder.row(for: track, now: now))
        }
        #expect(snapshot.services["api"]?.state == .crit)
    }

    /// Ten clock frames of a dashboard draw each check's chart once.
    @Test func tenClockFramesDrawEachChartOnce() {
        var snapshot = BigClockTests.snapshot(containers: 5)
        let names = (0..<8).map { "check-\($0)" }
        snapshot.declareServices(names.map { ($0, .http, .standard) })
        _ = snapshot.record(services: names.enumerated().map { Self.result($1, millis: 10 + $0, failing: $0 == 3, at: BigClockTests.start) })
        let app = BigClockTests.tenClockFrames(of: snapshot, ui: UIState()) { _, _ in }
        #expect(app.pictureCache.sparklines.made == names.count, "charts drawn in ten clock frames: \(app.pictureCache.sparklines.made)")
        #expect(app.pictureCache.sparklines.kept >= names.count * 9)
    }
}
