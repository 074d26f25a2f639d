import Testing
import TriageCore
@testable import TriageRunbook

@Suite struct BuiltinRunbookTests {
    @Test func parsesCleanly() {
        let runbook = BuiltinRunbook.parsed
        #expect(runbook.title == "Service Outage Runbook")
        #expect(runbook.sourcePath == "builtin:service-outage")
        #expect(runbook.sections.map(\.title) == [
            "Service Outage Runbook", "Severity Levels", "Detection (First 5 minutes)", "Investigation (5-30 minutes)",
            "Resolution (30-120 minutes)", "Recovery", "Post-Outage (2 hours to 5 days)", "Escalation", "Escalate to L2 if:",
            "Escalate to L3 if:", "Communication Templates", "Status Update", "Resolution Notice",
        ])
        #expect(runbook.taskCount == 21)
        #expect(runbook.stepCount == 0)
        #expect(runbook.sections.map(\.items.count) == [0, 0, 4, 5, 4, 4, 4, 0, 0, 0, 0, 0, 0])
        #expect(runbook.allItems.allSatisfy { !$0.checked })
        #expect(runbook.allCommands.count == 18)
        #expect(runbook.allCommands.allSatisfy { $0.language == "bash" })
        // Only the three repair commands (rollout undo, rollout restart, docker restart) are destructive.
        #expect(runbook.allCommands.filter(\.destructive).map(\.note) == [
            "Roll back the last deployment", "Restart a deployment", "Restart a container",
        ])
        let tools = runbook.allCommands.flatMap { command in
            command.code.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: " ").first }
        }
        #expect(Set(tools) == ["curl", "docker", "kubectl", "df", "free", "uptime"])
        #expect(runbook.severities.map(\.name) == ["P1", "P2", "P3", "P4"])
        #expect(runbook.severities.map(\.responseMinutes) == [5, 15, 60, 240])
        #expect(runbook.phases.map(\.title) == [
            "Detection (First 5 minutes)", "Investigation (5-30 minutes)", "Resolution (30-120 minutes)",
            "Post-Outage (2 hours to 5 days)",
        ])
        #expect(runbook.phases.map(\.endMinutes) == [5, 30, 120, 7200])
        #expect(runbook.escalations.map(\.level) == ["L2", "L2", "L2", "L3", "L3", "L3"])
        #expect(runbook.escalations.map(\.afterMinutes) == [20, 30, nil, 60, nil, nil])
        #expect(runbook.statusUpdateMinutes == 15)
        // Clean: the only warnings are the deliberate destructive commands (each after a look at the
        // rollout history) and the escalations that are conditions for a person to judge.
        #expect(runbook.warnings.map(\.kind) == [
            .destructiveCommand, .destructiveCommand, .destructiveCommand, .escalationWithoutTime,
            .escalationWithoutTime, .escalationWithoutTime,
        ])
    }

    @Test func templatesCarryThePlaceholdersTheIncidentFillsIn() {
        let templates = BuiltinRunbook.parsed.allTemplates
        #expect(templates.map(\.title) == ["Status Update", "Resolution Notice"])
        #expect(templates[0].placeholders == [
            "Time", "Severity", "Status", "Title", "Incident ID", "Affected Services", "User Impact", "Actions", "Next Update Time",
        ])
        #expect(templates[1].placeholders.starts(with: ["Time", "Severity", "Title", "Affected Services"]))
    }

    @Test func everyPhaseSectionHasAChecklist() {
        let runbook = BuiltinRunbook.parsed
        for phase in runbook.phases {
            #expect(!runbook.sections[phase.sectionIndex].items.isEmpty, "\(phase.title)")
        }
    }
}
