import Foundation
import Testing
import TriageCore
@testable import TriageExport

/// The post-mortem's availability per check, told from the probe transitions the incident's
/// timeline keeps (so `triage export postmortem` can say it without probes).
@Suite struct AvailabilityPostmortemTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func event(_ minute: Double, _ text: String, kind: TimelineKind = .probe) -> TimelineEvent {
        TimelineEvent(id: 0, incidentID: "INC", time: t0.addingTimeInterval(minute * 60), actor: "triage", kind: kind, text: text, automatic: true)
    }

    @Test func AvailabilityPerCheckFromTheTimeline() {
        let events = [
            Self.event(0, "service api went down: HTTP 503"),
            Self.event(10, "service api came back"),
            Self.event(20, "service api went down: timed out after 5s"),
            Self.event(25, "service api came back"),
            Self.event(30, "service db came back"),
            Self.event(31, "service api went down: noted by hand", kind: .note),
            Self.event(35, "container web on local went down: exited (1)"),
        ]
        let entries = TimelineAvailability.entries(events, from: Self.t0, to: Self.t0.addingTimeInterval(40 * 60))
        #expect(entries.map(\.name) == ["api", "db"])
        let api = entries[0].availability
        #expect(api.upPercent == 62.5)
        #expect(api.outages.count == 2)
        #expect(api.longestOutage == 600)
        #expect(api.firstFailure == Self.t0)
        // db only came back: it was down from the start of the window until then.
        #expect(entries[1].availability.upPercent == 25)
        #expect(api.summary { _ in "T" } == "62.5% up, 2 outages (longest 10m), first failure T")
    }
}
