import Foundation
import Testing
import TriageCore
@testable import TriageExport
import TriageRunbook

/// Every export of the scripted incident on a fixed clock, compared with reviewed files.
@Suite struct ExportGoldenTests {
    @Test func statusUpdateBuiltInLayout() {
        let input = ScriptedIncident.input(runbook: nil)
        Golden.check(StatusUpdate.render(input, format: .markdown), "status-builtin.md")
        Golden.check(StatusUpdate.render(input, format: .text), "status-builtin.txt")
        Golden.check(StatusUpdate.render(input, format: .json), "status-builtin.json")
    }

    @Test func statusUpdateWithoutProbeDataSaysSo() {
        let input = ScriptedIncident.input(runbook: nil, live: .notCollected(reason: LiveFacts.cliReason), timeZone: ScriptedIncident.utc)
        let text = StatusUpdate.render(input, format: .text)
        Golden.check(text, "status-no-probes-utc.txt")
        #expect(text.contains("not collected by `triage export`"))
        #expect(!text.contains("Europe/Berlin"))
    }

    @Test func statusUpdateFillsTheBuiltinRunbookTemplate() {
        let input = ScriptedIncident.input(runbook: BuiltinRunbook.parsed)
        Golden.check(StatusUpdate.render(input, format: .markdown), "status-builtin-runbook.md")
    }

    @Test func statusUpdateFillsEveryPlaceholderSpelling() {
        let input = ScriptedIncident.input(runbook: ScriptedIncident.placeholderRunbook)
        let draft = StatusUpdate.draft(input, format: .text)
        Golden.check(StatusUpdate.render(input, format: .text), "status-placeholders.txt")
        Golden.check(StatusUpdate.render(input, format: .json), "status-placeholders.json")
        #expect(draft.templateTitle == "Status Update")
        #expect(draft.leftForHuman == ["[ETA]", "[Customer ticket]"])
        #expect(draft.message.hasPrefix("[UPDATE] 20:06 UTC (21:06 Europe/Berlin) P1 Checkout API down (INC-20261123-1942)"))
        #expect(draft.message.contains("Started: 19:42 UTC (20:42 Europe/Berlin), at 19:42 UTC"))
        #expect(draft.message.contains("Posted by alice at 20:06 UTC"))
        // The runbook says every 30 minutes.
        #expect(draft.message.contains("next update 20:36 UTC"))
        #expect(draft.message.contains("[runbook](https://example.com/runbook)"))
    }

    @Test func statusUpdateFillsTheAdaptiveLearningRunbook() {
        let runbook = ScriptedIncident.fixture("adaptive-learning-service-outage.md")
        let input = ScriptedIncident.input(runbook: runbook)
        let draft = StatusUpdate.draft(input, format: .text)
        Golden.check(StatusUpdate.render(input, format: .text), "status-adaptive-runbook.txt")
        #expect(draft.templateTitle == "Update Template")
        #expect(draft.message.hasPrefix("🔧 INCIDENT UPDATE - P1 Service Outage"))
        #expect(draft.message.contains("Status: Monitoring"))
        #expect(draft.leftForHuman == ["[Estimated resolution time]"])
    }

    @Test func firstUpdateWhileInvestigatingUsesTheInitialTemplate() {
        let runbook = ScriptedIncident.fixture("chatbot-fluxa-service-outage.md")
        var input = ScriptedIncident.input(runbook: runbook, now: ScriptedIncident.date("2026-11-23T19:45:00Z"))
        input.incident.status = .investigating
        input.events = input.events.filter { $0.time <= input.now }
        input.previousUpdate = nil
        #expect(StatusUpdate.draft(input, format: .text).templateTitle == "Initial Status Page Update")
        Golden.check(StatusUpdate.render(input, format: .text), "status-chatbot-initial.txt")

        let later = ScriptedIncident.input(runbook: runbook)
        let draft = StatusUpdate.draft(later, format: .text)
        #expect(draft.templateTitle == "Progress Update")
        #expect(draft.leftForHuman == ["[ESTIMATED_TIME]"])
        #expect(!draft.leftForHuman.contains("[UPDATE]"))
    }

    @Test func resolutionNotice() {
        let input = ScriptedIncident.input(runbook: nil, resolved: true)
        Golden.check(ResolutionNotice.render(input, format: .markdown), "resolution-builtin.md")
        Golden.check(ResolutionNotice.render(input, format: .json), "resolution-builtin.json")
        let adaptive = ScriptedIncident.input(runbook: ScriptedIncident.fixture("adaptive-learning-service-outage.md"), resolved: true)
        Golden.check(ResolutionNotice.render(adaptive, format: .text), "resolution-adaptive-runbook.txt")
        let draft = ResolutionNotice.draft(adaptive, format: .text)
        #expect(draft.templateTitle == "Resolution Template")
        #expect(draft.message.contains("Duration: 40m20s"))
        #expect(draft.message.contains("Root Cause: the database credentials expired"))
        #expect(draft.message.contains("Resolution: rotated the credentials and restarted checkout"))
    }

    @Test func resolutionNoticeBeforeResolutionSaysSo() {
        let input = ScriptedIncident.input(runbook: nil, live: .notCollected(reason: LiveFacts.cliReason))
        let text = ResolutionNotice.render(input, format: .text)
        #expect(text.hasPrefix("Not resolved yet: Checkout API down"))
        #expect(text.contains("the incident is not resolved yet (status Monitoring)"))
    }

    @Test func postmortemDraft() {
        let input = ScriptedIncident.input(runbook: BuiltinRunbook.parsed, resolved: true)
        let text = PostmortemDraft.render(input)
        Golden.check(text, "postmortem.md")
        #expect(text.contains("P1 acknowledged in 3m12s, target 5m: met"))
        #expect(text.contains("| 2026-11-23 19:42:03 | 20:42:03 |"))
        #expect(text.contains("- [ ] Find out why this runbook command failed (exit 22 at 19:48 UTC): Health endpoint from outside\n"))
        #expect(text.contains("- [ ] File follow-up actions with owners and dates"))
        // Ticked post-incident items are done, not action items.
        #expect(!text.contains("- [ ] Export the incident timeline"))
        #expect(text.contains("- Investigating: 12m57s"))
    }

    @Test func postmortemMissedTarget() {
        var input = ScriptedIncident.input(runbook: BuiltinRunbook.parsed, resolved: true)
        input.incident.acknowledgedAt = ScriptedIncident.date("2026-11-23T19:47:40Z")
        #expect(PostmortemDraft.render(input).contains("P1 acknowledged in 7m30s, target 5m: missed"))
        input.runbook = nil
        #expect(PostmortemDraft.render(input).contains("P1 acknowledged in 7m30s; the runbook gives no response target for P1"))
    }

    @Test func timeline() {
        let input = ScriptedIncident.input(runbook: nil, resolved: true)
        Golden.check(TimelineExport.render(input, format: .markdown), "timeline.md")
        Golden.check(TimelineExport.render(input, format: .text), "timeline.txt")
        Golden.check(TimelineExport.render(input, format: .json), "timeline.json")
    }
}
