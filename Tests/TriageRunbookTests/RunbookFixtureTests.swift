import Testing
import TriageCore
@testable import TriageRunbook

/// The three real runbooks from ../shared/runbooks, copied byte for byte into Fixtures/.
///
/// Every expected count was checked by reading the files: headings outside fences, `- [ ]` lines,
/// numbered headings and top-level numbered items in sections without a task list, ```bash fences,
/// unlabelled fences under communication headings, and the severity, phase and escalation lines.
@Suite struct RunbookFixtureTests {
    struct Expected: Sendable, CustomStringConvertible {
        var file: String
        var title: String
        var sections: Int
        var tasks: Int
        var steps: Int
        var commands: Int
        var destructive: Int
        var templates: Int
        var severities: [String]
        var severitiesWithTarget: Int
        var phases: Int
        var escalations: Int
        var timedEscalations: Int
        var description: String { file }
    }

    static let expectations: [Expected] = [
        Expected(
            file: "adaptive-learning-service-outage.md", title: "Service Outage Response Runbook", sections: 42,
            tasks: 8, steps: 12, commands: 59, destructive: 8, templates: 3, severities: ["P0", "P1", "P2"],
            severitiesWithTarget: 0, phases: 5, escalations: 12, timedEscalations: 4),
        Expected(
            file: "chatbot-fluxa-service-outage.md", title: "Service Outage Playbook", sections: 33, tasks: 0,
            steps: 32, commands: 12, destructive: 1, templates: 3, severities: ["P1"], severitiesWithTarget: 1,
            phases: 4, escalations: 0, timedEscalations: 0),
        Expected(
            file: "codexos-service-outages.md", title: "Service Outages Runbook", sections: 41, tasks: 25, steps: 0,
            commands: 94, destructive: 12, templates: 0, severities: ["P0", "P1", "P2", "P3"],
            severitiesWithTarget: 0, phases: 1, escalations: 0, timedEscalations: 0),
    ]

    @Test(arguments: expectations)
    func exactCounts(expected: Expected) throws {
        let runbook = RunbookParser.parse(bytes: try FixtureLoader.bytes(expected.file), path: expected.file)
        #expect(runbook.title == expected.title)
        #expect(runbook.sections.count == expected.sections)
        #expect(runbook.taskCount == expected.tasks)
        #expect(runbook.stepCount == expected.steps)
        #expect(runbook.allCommands.count == expected.commands)
        #expect(runbook.allCommands.count(where: \.destructive) == expected.destructive)
        #expect(runbook.allTemplates.count == expected.templates)
        #expect(runbook.severities.map(\.name) == expected.severities)
        #expect(runbook.severities.count(where: { $0.responseMinutes != nil }) == expected.severitiesWithTarget)
        #expect(runbook.phases.count == expected.phases)
        #expect(runbook.escalations.count == expected.escalations)
        #expect(runbook.escalations.count(where: { $0.afterMinutes != nil }) == expected.timedEscalations)
        #expect(runbook.sourcePath == expected.file)
        // Warnings match what was found: one per destructive block, one per severity without a target.
        #expect(runbook.warnings.count(where: { $0.kind == .destructiveCommand }) == expected.destructive)
        #expect(
            runbook.warnings.count(where: { $0.kind == .severityWithoutTarget })
                == expected.severities.count - expected.severitiesWithTarget)
        #expect(!runbook.warnings.contains { $0.kind == .noChecklist })
        #expect(!runbook.warnings.contains { $0.kind == .duplicateItem })
        // Keys are unique within a runbook: ticks can never land on two items.
        let keys = runbook.allItems.map(\.key)
        #expect(Set(keys).count == keys.count)
    }

    @Test func adaptiveLearningDetails() throws {
        let runbook = RunbookParser.parse(bytes: try FixtureLoader.bytes("adaptive-learning-service-outage.md"), path: nil)
        let immediate = try #require(runbook.sections.first { $0.title == "Immediate Response (First 15 minutes)" })
        // Numbered headings are sections of their own, in document order, never steps of the one above.
        #expect(immediate.items.isEmpty)
        let index = try #require(runbook.sections.firstIndex { $0.title == "Immediate Response (First 15 minutes)" })
        let children = runbook.sections.filter { $0.parentIndex == index }
        #expect(children.map(\.title) == ["1. Acknowledge and Assess", "2. Initial Communication", "3. Quick Health Checks"])
        #expect(children.map(\.line) == [29, 43, 60])
        let prevention = try #require(runbook.sections.first { $0.title == "Prevention Checklist" })
        #expect(prevention.items.count == 8)
        #expect(prevention.items.allSatisfy { $0.kind == .task && !$0.checked })
        #expect(prevention.items.first?.text == "Are monitoring alerts adequate?")
        #expect(prevention.items.first?.line == 364)
        #expect(prevention.items.last?.line == 371)
        let shortTerm = try #require(runbook.sections.first { $0.title == "Short-term (Within 1 week)" })
        #expect(shortTerm.items.map(\.kind) == [.step, .step, .step, .step])
        #expect(shortTerm.items.first?.text == "Conduct post-mortem meeting")

        // The three unlabelled fences under communication headings are templates, emoji repaired.
        let templates = runbook.allTemplates
        #expect(templates.map(\.title) == ["Template Message", "Update Template", "Resolution Template"])
        #expect(templates.map(\.line) == [51, 291, 304])
        #expect(templates[0].body.hasPrefix("🚨 INCIDENT ALERT - P[X] Service Outage\nService: [Affected Services]"))
        #expect(templates[1].body.hasPrefix("🔧 INCIDENT UPDATE"))
        #expect(templates[2].body.hasPrefix("✅ INCIDENT RESOLVED"))
        #expect(templates[0].placeholders.contains("Affected Services"))

        #expect(runbook.severities.map(\.description) == ["Complete Outage", "Partial Outage", "Service-Specific Outage"])
        // The post-incident horizons ("Within 24 hours", "Within 1 week", "Within 1 month") each start
        // before the phase above them: read from its end, with a warning each.
        #expect(runbook.phases.map(\.startMinutes) == [0, 15, 60, 1500, 11580])
        #expect(runbook.phases.map(\.endMinutes) == [15, 60, 1500, 11580, 54780])
        #expect(runbook.warnings.filter { $0.kind == .phaseOrder }.map(\.line) == [316, 323, 330])
        let timed = runbook.escalations.filter { $0.afterMinutes != nil }
        #expect(timed.map(\.level) == ["L2", "L2", "L3", "L4"])
        #expect(timed.map(\.afterMinutes) == [30, 15, 60, 120])
        #expect(timed.first?.condition == "Issue not resolved within 30 minutes")
        #expect(timed.first?.line == 341)

        let destructiveLines = runbook.allCommands.filter(\.destructive).map(\.line)
        // rollout restart ×2, scale ×2, pg_terminate_backend, the two traffic switches (kubectl patch)
        // and kubectl apply: each its own row, on its own line.
        #expect(destructiveLines == [200, 204, 211, 212, 235, 247, 250, 273])
        let firstCommand = try #require(runbook.allCommands.first)
        #expect(firstCommand.line == 33)
        #expect(firstCommand.language == "bash")
        #expect(firstCommand.code == "kubectl get pods --all-namespaces | grep -v Running")
        #expect(firstCommand.note == "Check overall system health")
    }

    @Test func chatbotFluxaDetails() throws {
        let runbook = RunbookParser.parse(bytes: try FixtureLoader.bytes("chatbot-fluxa-service-outage.md"), path: nil)
        // Severity from the key-value table: "Default Severity | P1 - Critical", "Response Time | 15 minutes".
        #expect(runbook.severities == [SeverityLevel(name: "P1", description: "Critical", responseMinutes: 15, line: 9)])
        let phase1 = try #require(runbook.sections.first { $0.title.hasPrefix("Phase 1:") })
        #expect(phase1.items.map(\.text) == ["Assemble Response Team", "Begin Investigation", "Initial Communication"])
        #expect(phase1.items.first?.line == 59)
        #expect(phase1.items.first?.details == [
            "Notify on-call engineer", "Assign Incident Commander", "Notify Technical Lead", "Create incident channel in Slack",
        ])
        #expect(runbook.phases.map(\.title) == [
            "Phase 1: Immediate Response (0-15 minutes)", "Phase 2: Diagnosis (15-60 minutes)",
            "Phase 3: Mitigation (1-2 hours)", "Phase 4: Resolution (2-4 hours)",
        ])
        #expect(runbook.phases.map(\.startMinutes) == [0, 15, 60, 120])
        #expect(runbook.phases.map(\.endMinutes) == [15, 60, 120, 240])
        // Steps with a command inside the list item: the step and the command both count.
        let appServer = try #require(runbook.sections.first { $0.title == "Application Server Issues" })
        #expect(appServer.items.count == 4)
        #expect(appServer.commands.map(\.line) == [142, 148, 154, 160])
        #expect(appServer.commands.map(\.destructive) == [false, false, true, false])
        // The numbered list inside the "Database Rollback" fence is code, not steps.
        #expect(!runbook.allItems.contains { $0.text.contains("MongoDB Atlas dashboard") && $0.line > 360 })
        let rollback = try #require(runbook.sections.first { $0.title == "Database Rollback" })
        #expect(rollback.items.isEmpty && rollback.commands.isEmpty && rollback.templates.isEmpty)
        #expect(runbook.allTemplates.map(\.title) == ["Initial Status Page Update", "Progress Update", "Resolution Update"])
        // Every bracketed word counts, the "[OUTAGE]" tag too: placeholders are hints, not a schema.
        #expect(runbook.allTemplates.first?.placeholders == ["OUTAGE", "CURRENT_TIME"])
    }

    @Test func codexosDetails() throws {
        let runbook = RunbookParser.parse(bytes: try FixtureLoader.bytes("codexos-service-outages.md"), path: nil)
        // Double-encoded emoji in headings are repaired; 🔍 lost a byte in the file and is dropped.
        let titles = runbook.sections.map(\.title)
        #expect(titles.contains("🚨 Outage Classification"))
        #expect(titles.contains("🛠\u{FE0F} Outage Resolution"))
        #expect(titles.contains("📊 Outage Monitoring"))
        #expect(titles.contains("📋 Outage Checklist"))
        #expect(titles.contains("Outage Investigation"))
        #expect(runbook.warnings.contains { $0.kind == .encoding && $0.line == 61 })
        #expect(runbook.severities.map(\.description) == [
            "Critical: Complete service unavailability, all users affected",
            "High: Major functionality down, significant user impact",
            "Medium: Partial functionality affected, limited user impact", "Low: Minor issues, minimal user impact",
        ])
        #expect(runbook.phases == [
            PhaseWindow(title: "🚨 Immediate Response (First 5 Minutes)", startMinutes: 0, endMinutes: 5, line: 27,
                        sectionIndex: 5),
        ])
        let checklist = runbook.sections.filter { $0.parentIndex.map { runbook.sections[$0].title } == "📋 Outage Checklist" }
        #expect(checklist.map(\.title) == ["Detection & Assessment", "Investigation", "Resolution", "Recovery", "Post-Outage"])
        #expect(checklist.map(\.items.count) == [5, 5, 5, 5, 5])
        // "Status page updated" is in two sections: two items, two keys, no duplicate warning.
        let statusItems = runbook.allItems.filter { $0.text == "Status page updated" }
        #expect(statusItems.map(\.line) == [383, 405])
        #expect(statusItems[0].key != statusItems[1].key)
        // "echo \"Backend down\"" is text, not `down`: the first block is safe.
        #expect(runbook.allCommands.first?.destructive == false)
        // The last is "Restart network if needed": docker network disconnect.
        #expect(runbook.allCommands.filter(\.destructive).map(\.line) == [158, 161, 182, 185, 203, 224, 247, 248, 251, 254, 264, 289])
        // The YAML alert rules are neither a command nor a template.
        #expect(!runbook.allCommands.contains { $0.code.contains("groups:") })
    }
}
