import Foundation
import Testing
import TriageCore
@testable import TriageRunbook

@Suite struct RunbookLintTests {
    static let sample = """
        # Sample

        ## Severity

        | Severity | Response Time |
        |----------|---------------|
        | P1 | 10 minutes |
        | P2 | |

        ## Detection (First 5 minutes)

        - [ ] Look
        - [x] Look

        ```bash
        docker restart web
        ```

        ## Escalate to L2 if:

        - Not resolved within 30 minutes

        ## Status Updates

        ```
        [Time] [Status]
        ```
        """

    @Test func jsonHasExactlyTheDocumentedKeys() throws {
        let json = RunbookLint.json(RunbookParser.parse(text: Self.sample, path: "sample.md"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["schemaVersion", "title", "sections", "severities", "phases", "escalations", "warnings"])
        #expect(root["schemaVersion"] as? Int == RunbookLint.schemaVersion)
        #expect(root["title"] as? String == "Sample")

        let sections = try #require(root["sections"] as? [[String: Any]])
        #expect(sections.count == 5)
        for section in sections {
            #expect(Set(section.keys) == ["title", "level", "line", "items", "commands", "templates"])
        }
        let detection = sections[2]
        let items = try #require(detection["items"] as? [[String: Any]])
        #expect(items.count == 2)
        for item in items { #expect(Set(item.keys) == ["text", "checked", "line", "kind"]) }
        #expect(items[1]["checked"] as? Bool == true)
        #expect(items[0]["kind"] as? String == "task")
        #expect(items[0]["line"] as? Int == 12)
        let commands = try #require(detection["commands"] as? [[String: Any]])
        #expect(commands.count == 1)
        #expect(Set(commands[0].keys) == ["language", "code", "line", "destructive", "destructiveReason"])
        #expect(commands[0]["destructive"] as? Bool == true)
        #expect(commands[0]["destructiveReason"] as? String == "destructive: docker restart")
        #expect(commands[0]["code"] as? String == "docker restart web")
        let templates = try #require(sections[4]["templates"] as? [[String: Any]])
        #expect(templates.count == 1)
        #expect(Set(templates[0].keys) == ["title", "body", "line"])

        let severities = try #require(root["severities"] as? [[String: Any]])
        #expect(severities.count == 2)
        for severity in severities { #expect(Set(severity.keys) == ["name", "description", "responseMinutes"]) }
        #expect(severities[0]["responseMinutes"] as? Int == 10)
        #expect(severities[1]["responseMinutes"] is NSNull)  // present, null: the shape never changes

        let phases = try #require(root["phases"] as? [[String: Any]])
        #expect(phases.count == 1)
        #expect(Set(phases[0].keys) == ["title", "startMinutes", "endMinutes"])
        #expect(phases[0]["endMinutes"] as? Int == 5)

        let escalations = try #require(root["escalations"] as? [[String: Any]])
        #expect(escalations.count == 1)
        #expect(Set(escalations[0].keys) == ["level", "afterMinutes", "condition"])
        #expect(escalations[0]["level"] as? String == "L2")
        #expect(escalations[0]["afterMinutes"] as? Int == 30)

        let warnings = try #require(root["warnings"] as? [[String: Any]])
        for warning in warnings { #expect(Set(warning.keys) == ["kind", "line", "message"]) }
        #expect(warnings.compactMap { $0["kind"] as? String } == [
            "severityWithoutTarget", "duplicateItem", "destructiveCommand", "destructiveWithoutCheck",
        ])
    }

    @Test func jsonIsSortedPrettyAndStable() {
        let runbook = RunbookParser.parse(text: Self.sample)
        let json = RunbookLint.json(runbook)
        #expect(json == RunbookLint.json(RunbookParser.parse(text: Self.sample)))
        #expect(json.hasSuffix("}\n"))
        #expect(json.contains("\n  \"escalations\""))
        let topKeys = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(topKeys == ["escalations", "phases", "schemaVersion", "sections", "severities", "title", "warnings"])
    }

    @Test func textReportSaysWhatWasUnderstood() {
        let text = RunbookLint.text(RunbookParser.parse(text: Self.sample, path: "sample.md"))
        let expectedLines = [
            "Runbook: Sample  (sample.md)",
            "2 tasks, 0 steps in 5 sections; 1 command (1 destructive); 1 template",
            "  10    Detection (First 5 minutes): 2 tasks, 1 command",
            "  15  Detection (First 5 minutes) · bash: docker restart web  [destructive: docker restart]",
            "  25  Status Updates  placeholders: [Time] [Status]",
            "   7  P1: respond within 10 min",
            "   8  P2: no response target",
            "  10  0 min–5 min: Detection (First 5 minutes)",
            "  21  L2 after 30 min: Not resolved within 30 minutes",
            "Warnings (4)",
            "  line 8: severity P2 has no response-time target",
            "  line 13: duplicate item \"Look\" in \"Detection (First 5 minutes)\" (first on line 12)",
            "  line 15: destructive: docker restart in \"Detection (First 5 minutes)\": docker restart web",
            "  line 15: destructive command \"docker restart web\" in \"Detection (First 5 minutes)\" has no check before it: "
                + "add a read-only command that shows what it will change",
        ]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in expectedLines { #expect(lines.contains(line), "missing: \(line)\n\(text)") }
    }

    @Test func noChecklistWarningInTextAndJSON() {
        let runbook = RunbookParser.parse(text: "# Notes\n\nNothing to do.\n")
        #expect(RunbookLint.text(runbook).contains("no checklist found"))
        #expect(RunbookLint.json(runbook).contains("\"noChecklist\""))
    }

    @Test func minutesText() {
        #expect(RunbookLint.minutesText(5) == "5 min")
        #expect(RunbookLint.minutesText(90) == "1 h 30 min")
        #expect(RunbookLint.minutesText(120) == "2 h")
        #expect(RunbookLint.minutesText(2880) == "2 d")
    }
}
