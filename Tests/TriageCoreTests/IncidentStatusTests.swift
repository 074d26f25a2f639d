import Testing
@testable import TriageCore

@Suite struct IncidentStatusTests {
    @Test func displayNamesAndRawValues() {
        #expect(IncidentStatus.allCases.map(\.displayName)
            == ["Investigating", "Identified", "Mitigating", "Monitoring", "Resolved"])
        #expect(IncidentStatus.allCases.map(\.rawValue)
            == ["investigating", "identified", "mitigating", "monitoring", "resolved"])
        #expect(IncidentStatus.investigating < .resolved)
        #expect(IncidentStatus(userText: " Monitoring ") == .monitoring)
        #expect(IncidentStatus(userText: "fixed") == nil)
    }

    @Test func timelineKindRawValuesAreStable() {
        #expect(TimelineKind.allCases.map(\.rawValue) == [
            "tick", "untick", "note", "severity", "status", "commander", "ack", "probe", "command", "timer",
            "export", "notify",
        ])
    }
}
