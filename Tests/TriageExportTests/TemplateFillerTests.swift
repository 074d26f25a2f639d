import Testing
@testable import TriageExport

/// Placeholder spellings from real runbooks, and what each becomes.
@Suite struct TemplateFillerTests {
    static let values = TemplateFiller.Values(
        now: "NOW", start: "START", severity: "P1", status: "Identified", title: "TITLE", incidentID: "INC-1",
        name: "alice", affected: "api, web", impact: "IMPACT", actions: "ACTIONS", nextUpdate: "NEXT",
        duration: "12m", rootCause: "CAUSE", fix: "FIX", followUps: "FOLLOW", messageTime: "MSGTIME")

    @Test(arguments: [
        ("[Time]", "MSGTIME"), ("[CURRENT_TIME]", "MSGTIME"), ("[Timestamp]", "MSGTIME"), ("Started: [Timestamp]", "Started: START"),
        ("[Start Time]", "START"), ("P[X] outage", "P1 outage"), ("SEV[X]", "P1"), ("[Severity]", "P1"), ("[Priority]", "P1"),
        ("[Status]", "Identified"), ("[Investigating/Identified/Resolving/Monitoring]", "Identified"),
        ("[Title]", "TITLE"), ("[Incident ID]", "INC-1"), ("[Your Name]", "alice"), ("[Name]", "alice"),
        ("[Incident Commander]", "alice"), ("[Affected Services]", "api, web"), ("[Service]", "api, web"),
        ("[User Impact Description]", "IMPACT"), ("[Current actions being taken]", "ACTIONS"),
        ("[What we've tried, what's next]", "ACTIONS"), ("[Time for next update]", "NEXT"), ("[Next Update Time]", "NEXT"),
        ("[Duration]", "12m"), ("[Total outage time]", "12m"), ("[BRIEF_CAUSE]", "CAUSE"), ("[Brief explanation]", "CAUSE"),
        ("[Root Cause]", "CAUSE"), ("[BRIEF_RESOLUTION]", "FIX"), ("[What was done to fix it]", "FIX"),
        ("[Any follow-up actions needed]", "FOLLOW"),
    ])
    func filled(template: String, expected: String) {
        let result = TemplateFiller.fill(template, with: Self.values)
        #expect(result.text == expected)
        #expect(result.leftForHuman.isEmpty)
    }

    @Test func unknownsAreLeftAndListedOnce() {
        let result = TemplateFiller.fill(
            "ETA: [ETA] / [ESTIMATED_TIME]\n[OUTAGE] [UPDATE] see [docs](https://x) and [ETA] again; [ ] []",
            with: Self.values)
        #expect(result.text == "ETA: [ETA] / [ESTIMATED_TIME]\n[OUTAGE] [UPDATE] see [docs](https://x) and [ETA] again; [ ] []")
        #expect(result.leftForHuman == ["[ETA]", "[ESTIMATED_TIME]"])
    }

    @Test func missingValuesAreLeft() {
        var values = Self.values
        values.affected = nil
        values.rootCause = nil
        let result = TemplateFiller.fill("[Affected Services] because [Root Cause]", with: values)
        #expect(result.text == "[Affected Services] because [Root Cause]")
        #expect(result.leftForHuman == ["[Affected Services]", "[Root Cause]"])
    }
}
