import Foundation
import Testing
import TriageCore
import TriageUI
@testable import TriageApp

/// A check's detail view tells its availability over the open incident (or the last hour with
/// none): % up, outages, first failure, from the rounds the track kept.
@Suite struct AvailabilityDetailTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func track() -> ServiceCheckTrack {
        var track = ServiceCheckTrack(name: "db port", kind: .tcp)
        // Rounds every 60 s for 2 h: down from 100 to 80 minutes ago, else up.
        for minute in stride(from: 120, through: 0, by: -1) {
            let down = (80...100).contains(minute)
            let result = NetworkCheckResult(duration: .milliseconds(3), state: down ? .crit : .ok, reason: down ? "refused" : nil)
            track.record(ServiceCheckResult(name: "db port", detail: .tcp(result), checkedAt: now.addingTimeInterval(Double(-minute * 60))))
        }
        return track
    }

    static func text(incidentStart: Date?) -> [String] {
        ServiceDetailLines.lines(track(), definition: [], now: now, window: AvailabilityWindow.window(incidentStart: incidentStart, now: now))
            .map { $0.spans.map(\.text).joined().trimmingCharacters(in: .whitespaces) }
    }

    @Test func AvailabilityOverTheIncident() {
        // Incident detected 110 minutes ago: down 100→80 (21 rounds, until the round at 79), 21 of 110 minutes.
        let lines = Self.text(incidentStart: Self.now.addingTimeInterval(-110 * 60))
        #expect(lines.contains("Availability over the incident"))
        #expect(lines.contains("up              80.9%"), "\(lines)")
        #expect(lines.contains("outages         1, longest 21m"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("first failure") && $0.contains("ago") }, "\(lines)")
        #expect(lines.contains("connection      accepted"))
    }

    @Test func AvailabilityOverTheLastHourWithoutAnIncident() {
        let lines = Self.text(incidentStart: nil)
        #expect(lines.contains("Availability over the last hour"))
        #expect(lines.contains("up              100%"), "\(lines)")
        #expect(lines.contains("outages         none"))
    }
}
