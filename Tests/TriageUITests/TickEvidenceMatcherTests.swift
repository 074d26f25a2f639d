import Foundation
import Testing
import TriageCore
import TriageRunbook

/// Which entity a checklist item is about (so what its tick records), against a runbook written
/// for the purpose and a picture built by hand.
@Suite struct TickEvidenceMatcherTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static let runbook = RunbookParser.parse(text: """
        # Backend outage

        ## Checks

        - [ ] Confirm backend is healthy
        - [ ] Restart the container

        ```bash
        docker restart "$CONTAINER"
        ```

        - [ ] Look at the logs

        ```bash
        kubectl -n shop logs api-7d9
        ```

        - [ ] Write the summary
        - [ ] Verify lab-backend recovered
        """, path: "test.md")

    /// The picture in outage order, as OutageEntities gives it.
    static let picture: [OutageEntity] = [
        OutageEntity(state: .crit, kind: .service, name: "backend", reason: "HTTP 500", since: now.addingTimeInterval(-192), source: "services",
                     key: "service:backend"),
        OutageEntity(state: .crit, kind: .container, name: "lab-backend", reason: "exited (1)", since: now.addingTimeInterval(-60),
                     source: "docker:local", key: "container:local/lab-backend"),
        OutageEntity(state: .ok, kind: .container, name: "lab-db", source: "docker:local", key: "container:local/lab-db"),
        OutageEntity(state: .ok, kind: .pod, name: "shop/api-7d9", source: "kube:lab", key: "pod:lab/shop/api-7d9"),
    ]

    func item(_ text: String) throws -> (ChecklistItem, [RunbookCommand]) {
        let section = try #require(Self.runbook.sections.first { $0.items.contains { $0.text == text } })
        let item = try #require(section.items.first { $0.text == text })
        return (item, TickEvidenceMatcher.commands(under: item, in: section))
    }

    func evidence(_ text: String, bound: [String: String] = [:]) throws -> TickEvidence {
        let (item, commands) = try item(text)
        return TickEvidenceMatcher.evidence(for: item, commands: commands, bound: bound, entities: Self.picture, at: Self.now)
    }

    @Test func anItemNamingAServiceRecordsItsStateReasonAndHowLong() throws {
        let evidence = try evidence("Confirm backend is healthy")
        #expect(evidence.entityKey == "service:backend")
        #expect(evidence.text == "backend CRIT HTTP 500 for 3m12s")
    }

    @Test func theLongestNameWins() throws {
        #expect(try evidence("Verify lab-backend recovered").entityKey == "container:local/lab-backend")
    }

    @Test func theCommandUnderAnItemTargetsTheEntityItsVariableNames() throws {
        let (item, commands) = try item("Restart the container")
        #expect(commands.map(\.code) == ["docker restart \"$CONTAINER\""])
        let evidence = try evidence("Restart the container", bound: ["CONTAINER": "lab-db"])
        #expect(evidence.entityKey == "container:local/lab-db")
        #expect(evidence.text == "lab-db OK")
        // Unbound, the command names nothing: what was failing.
        #expect(try self.evidence("Restart the container").entityKey == nil)
        _ = item
    }

    @Test func aCommandNamingAPodInItsTextTargetsIt() throws {
        #expect(try evidence("Look at the logs").entityKey == "pod:lab/shop/api-7d9")
    }

    @Test func anItemAboutNothingRecordsWhatWasFailing() throws {
        let evidence = try evidence("Write the summary")
        #expect(evidence.entityKey == nil)
        #expect(evidence.text == "failing: 2 CRIT: lab-backend, backend")  // newest failure first, as the wall lists them
        #expect(TickEvidenceMatcher.summary([]) == "nothing failing")
    }

    @Test func confirmationsOfHealthAreRecognised() {
        for text in ["Confirm backend is healthy", "Verify checkout recovered", "Check the API is back", "Ensure the queue is working again"] {
            #expect(TickEvidenceMatcher.confirmsHealth(text), "\(text)")
        }
        for text in ["Check the logs", "Restart backend", "Back up the database", "Write the summary"] {
            #expect(!TickEvidenceMatcher.confirmsHealth(text), "\(text)")
        }
    }

    @Test func shortNamesAndSourcesAreNeverMatched() {
        let entities = [
            OutageEntity(state: .crit, kind: .service, name: "db", key: "service:db"),
            OutageEntity(state: .unknown, kind: .source, name: "context lab", key: "source:kube/lab"),
        ]
        let item = ChecklistItem(text: "Check db in context lab", line: 1, kind: .task, key: "k")
        #expect(TickEvidenceMatcher.entity(for: item, commands: [], bound: [:], entities: entities) == nil)
    }
}
