import Foundation
import Testing
import TriageCore
@testable import TriageRunbook

@Suite struct RunbookModelTests {
    @Test func codableRoundTripKeepsEverything() throws {
        for name in ["adaptive-learning-service-outage.md", "chatbot-fluxa-service-outage.md", "codexos-service-outages.md"] {
            let runbook = RunbookParser.parse(bytes: try FixtureLoader.bytes(name), path: name)
            let data = try JSONEncoder().encode(runbook)
            #expect(try JSONDecoder().decode(Runbook.self, from: data) == runbook)
        }
        let builtin = BuiltinRunbook.parsed
        #expect(try JSONDecoder().decode(Runbook.self, from: JSONEncoder().encode(builtin)) == builtin)
    }

    @Test func modelJSONWritesNullsInsteadOfDroppingKeys() throws {
        let severity = SeverityLevel(name: "P2", description: "", responseMinutes: nil, line: 4)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(severity)) as? [String: Any])
        #expect(object["responseMinutes"] is NSNull)
        let section = RunbookSection(title: "T", level: 1, line: 1)
        let sectionObject = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(section)) as? [String: Any])
        #expect(sectionObject["parentIndex"] is NSNull)
    }

    @Test func normalizedTextIgnoresMarkupAndSpacing() {
        #expect(ChecklistItem.normalized("  **Check**   the `logs`!  ") == "check the logs")
        #expect(ChecklistItem.normalized("🚨 Outage Classification") == "outage classification")
        #expect(ChecklistItem.normalized("Café — ÉTÉ") == "café été")
        #expect(ChecklistItem.makeKey(path: ["A B", "c/d"], text: "E!", occurrence: 2) == "a b/c d/e#2")
    }

    @Test func severityLookupIgnoresSpelling() {
        let runbook = RunbookParser.parse(text: "# R\n\n## Severity\n\n- SEV1: everything down (respond within 5 min)\n")
        #expect(runbook.severity(named: "sev-1")?.responseMinutes == 5)
        #expect(runbook.severity(named: "SEV 1")?.name == "SEV1")
        #expect(runbook.severity(named: "P1") == nil)
    }

    @Test func parsingIsSafeFromManyTasksAtOnce() async throws {
        let inputs = try ["adaptive-learning-service-outage.md", "chatbot-fluxa-service-outage.md", "codexos-service-outages.md"]
            .map { try FixtureLoader.bytes($0) }
        let expected = inputs.map { RunbookParser.parse(bytes: $0, path: nil) }
        let results = await withTaskGroup(of: (Int, Runbook).self) { group in
            for round in 0..<24 {
                let index = round % inputs.count
                let bytes = inputs[index]
                group.addTask { (index, RunbookParser.parse(bytes: bytes, path: nil)) }
            }
            var collected: [(Int, Runbook)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 24)
        for (index, runbook) in results { #expect(runbook == expected[index]) }
    }
}
