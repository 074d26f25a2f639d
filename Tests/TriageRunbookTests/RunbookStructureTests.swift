import Foundation
import Testing
import TriageCore
@testable import TriageRunbook

/// The failure classes of issue 15, each from a fixture in Fixtures/issue15, and variations of
/// each class in other wording, column orders and heading levels.
@Suite struct RunbookStructureTests {
    private func fixture(_ name: String) throws -> Runbook {
        RunbookParser.parse(bytes: try FixtureLoader.bytes("issue15/" + name), path: name)
    }

    private func parse(_ text: String) -> Runbook { RunbookParser.parse(text: text) }

    // MARK: 1. Steps

    @Test func aTableOfContentsIsNotAChecklist() throws {
        let runbook = try fixture("toc-only.md")
        #expect(runbook.stepCount == 0)
        #expect(runbook.warnings.contains { $0.kind == .noChecklist })
    }

    @Test func causesContactsAndNumberedChaptersAreNotSteps() throws {
        let runbook = try fixture("not-steps.md")
        let steps = runbook.allItems.filter { $0.kind == .step }.map(\.text)
        #expect(steps == ["Check the error rate on the dashboard", "Restart the checkout service",
                          "kubectl rollout status deploy/checkout"])
        #expect(runbook.sections.map(\.title).contains("4. Monitoring"))
        #expect(runbook.contacts.map(\.role) == ["Engineering Lead", "CTO"])
        #expect(runbook.escalations.isEmpty)
    }

    @Test func numberedHeadingsAreSectionsInDocumentOrderAndNeverSteps() throws {
        let runbook = try fixture("numbered-headings.md")
        #expect(runbook.stepCount == 0)
        // "2. Quick Status Check" has a command and no items: it is not a step of "Immediate Actions"
        // (which would list it above "1. Acknowledge the Alert").
        #expect(runbook.allItems.map(\.text) == ["Acknowledge in PagerDuty", "Search the logs for errors"])
        #expect(runbook.sections.first { $0.title == "2. Quick Status Check" }?.commands.count == 1)
        #expect(runbook.allItems.map(\.line) == runbook.allItems.map(\.line).sorted())
        #expect(runbook.sections.map(\.title).filter { $0.contains("Quick Status Check") }.count == 1)
    }

    @Test(arguments: [
        "1. [Overview](#overview)\n2. [Steps](#steps)\n3. [Contacts](#contacts)",
        "1. **Primary on-call:** @alice\n2. **Secondary on-call:** @bob",
        "1. High CPU on the database\n2. Memory leak in the worker\n3. Network partition",
        "1. **Dashboard:** https://grafana.example/d/1\n2. **Logs:** https://logs.example",
    ])
    func listsThatAreNotProceduresGiveNoSteps(list: String) {
        let runbook = parse("# R\n\n## Notes\n\n\(list)\n")
        #expect(runbook.stepCount == 0, "\(list)")
    }

    @Test(arguments: [
        "1. Check the error rate\n2. Restart the worker\n3. Verify the queue drains",
        "1. **Roll back:** to the previous release\n2. **Confirm:** that errors stop",
        "1. `kubectl get pods -n web`\n2. `kubectl logs deploy/web`",
        "1. SSH into the bastion\n2. Run the health script",
    ])
    func proceduresInOtherWordingsAreSteps(list: String) {
        let runbook = parse("# R\n\n### Mitigation\n\n\(list)\n")
        #expect(runbook.stepCount == list.split(separator: "\n").count, "\(list)")
    }

    // MARK: 2. Severities and targets

    @Test func immediateIsDueAtOnceAndNextBusinessDayIsADay() throws {
        let runbook = try fixture("severity-table.md")
        #expect(runbook.severities.map(\.name) == ["P0", "P1", "P3"])
        #expect(runbook.severities.map(\.responseMinutes) == [0, 15, 1440])
        #expect(!runbook.warnings.contains { $0.kind == .severityWithoutTarget })
    }

    @Test(arguments: [
        "| Description | Ack | SEV |\n|---|---|---|\n| down | 5 min | SEV-1 |\n| slow | 30 min | SEV-2 |",
        "| Priority | Impact | Target |\n|---|---|---|\n| P1 | down | 5 minutes |\n| P2 | slow | 30 minutes |",
        "| Acknowledge | Severity |\n|---|---|\n| 5m | Critical |\n| 30m | High |",
    ])
    func severityColumnsAreReadByHeaderInAnyOrder(table: String) {
        let runbook = parse("# R\n\n## Levels\n\n\(table)\n")
        #expect(runbook.severities.count == 2, "\(table)")
        #expect(runbook.severities.map(\.responseMinutes) == [5, 30], "\(table)")
    }

    @Test func keyValueSeverityAndTargetApplyToTheWholeRunbook() throws {
        let runbook = try fixture("alert-key-value.md")
        #expect(runbook.declaredSeverity == "Critical")
        #expect(runbook.responseMinutes == 5)
        #expect(runbook.severity(named: "critical")?.responseMinutes == 5)
        // An incident declared at another level still gets the runbook's target, not a built-in one.
        #expect(runbook.responseTarget(severity: "P2") == 5)
    }

    @Test func keyValueFormsInListsAndOtherWordings() {
        let runbook = parse("# R\n\n## Alert: DiskFull\n\n- **Priority:** P2\n- **Acknowledge within:** 30 minutes\n")
        #expect(runbook.declaredSeverity == "P2")
        #expect(runbook.responseMinutes == 30)
        #expect(runbook.severity(named: "P2")?.responseMinutes == 30)
    }

    // MARK: 3. Escalations

    @Test func escalationMatrixIsReadByHeadersAndTiedToSeverity() throws {
        let runbook = try fixture("escalation-matrix.md")
        let matrix = runbook.escalations.filter { $0.line >= 12 && $0.line <= 13 }
        #expect(matrix.map(\.level) == ["CTO", "Team Lead"])
        #expect(matrix.map(\.afterMinutes) == [15, 240])
        #expect(matrix.map(\.severity) == ["SEV1", "SEV3"])
        #expect(!runbook.escalations.contains { $0.condition.contains("|") })
        // The severity table's "Escalation" column is whom, never timed by the response column.
        #expect(!runbook.escalations.contains { $0.afterMinutes == 5 || $0.afterMinutes == 60 })
        // A SEV-3 incident is not told to call the CTO.
        #expect(!runbook.escalations(forSeverity: "SEV-3").contains { $0.level == "CTO" })
        #expect(runbook.escalations(forSeverity: "SEV-1").contains { $0.level == "CTO" && $0.afterMinutes == 15 })
    }

    @Test func aContactWithAConditionIsATimedEscalationStatedOnce() throws {
        let runbook = try fixture("escalation-matrix.md")
        let lead = runbook.escalations.filter { $0.line == 16 || $0.line == 17 }
        #expect(lead.count == 1)
        #expect(lead.first?.level == "Team Lead")
        #expect(lead.first?.afterMinutes == 15)
        #expect(lead.first?.severity == nil)
    }

    @Test(arguments: [
        "| Tier | Who | When |\n|---|---|---|\n| L1 | On-call | 0-15 min |\n| L2 | Platform team | 30 min |",
        "| Escalation Time | Contact |\n|---|---|\n| 0-15 min | On-call |\n| 30 min | Platform team |",
    ])
    func escalationTablesInOtherShapes(table: String) {
        let runbook = parse("# R\n\n## Escalation Path\n\n\(table)\n")
        #expect(runbook.escalations.count == 2, "\(table)")
        #expect(runbook.escalations.map(\.afterMinutes) == [0, 30], "\(table)")
        #expect(!runbook.escalations.contains { $0.condition.contains("|") }, "\(table)")
    }

    @Test func contactListsAreContactsNotTriggersNorSteps() {
        let runbook = parse("# R\n\n### Escalation Contacts\n\n1. **Engineering Lead:** [Contact Info]\n2. **VP Engineering:** vp@example.com\n")
        #expect(runbook.escalations.isEmpty)
        #expect(runbook.stepCount == 0)
        #expect(runbook.contacts.map(\.detail) == ["[Contact Info]", "vp@example.com"])
    }

    // MARK: 4. Phases and cadence

    @Test func phasesThatRunBackwardsAreReadRelativeToThePreviousOne() throws {
        let runbook = try fixture("phases.md")
        #expect(runbook.phases.map(\.startMinutes) == [15, 35])
        #expect(runbook.phases.map(\.endMinutes) == [30, 40])
        #expect(runbook.warnings.contains { $0.kind == .phaseOrder && $0.line == 6 })
    }

    @Test func aStatusUpdateHeadingSetsTheCadence() throws {
        let runbook = try fixture("phases.md")
        #expect(runbook.statusUpdateMinutes == 15)
        #expect(!runbook.phases.contains { $0.title.contains("Status") })
        let other = parse("# R\n\n### Communication cadence: every 30 minutes\n\n- [ ] Post\n")
        #expect(other.statusUpdateMinutes == 30)
    }

    @Test func phasesInOrderStayAsWritten() {
        let runbook = parse("# R\n\n## First 5 minutes\n- [ ] a\n## 5-15 minutes\n- [ ] b\n## 15-60 minutes\n- [ ] c\n")
        #expect(runbook.phases.map(\.startMinutes) == [0, 5, 15])
        #expect(!runbook.warnings.contains { $0.kind == .phaseOrder })
    }

    // MARK: 5. Commands

    @Test func aCommandIsLabelledByWhatRunsWithItsCommentBeside() throws {
        let runbook = try fixture("commands.md")
        let commands = runbook.allCommands
        #expect(commands.first?.summary == "sudo systemctl restart postgresql")
        #expect(commands.first?.note == "Check database status")
    }

    @Test func aBlockOfSeveralCommandsGivesARowPerCommandEachRunnableAlone() throws {
        let runbook = try fixture("commands.md")
        let block = runbook.allCommands.dropFirst()
        #expect(block.map(\.summary) == ["ls /var/backups/pg", "pg_restore -d app /var/backups/pg/latest.dump"])
        #expect(block.map(\.note) == ["List backups", "Restore the latest dump"])
        #expect(block.map(\.line) == [12, 14])
        #expect(block.allSatisfy { $0.code.hasPrefix("export PGHOST=db.internal\n") })
    }

    @Test func slashCommandsAndChannelLeadInsAreMessagesNotCommands() throws {
        let runbook = try fixture("commands.md")
        #expect(!runbook.allCommands.contains { $0.code.contains("/incident") })
        let titles = runbook.allTemplates.map(\.title)
        #expect(titles.contains("Slack"))
        #expect(titles.contains("Email"))
    }

    @Test(arguments: [
        ("```\nkubectl get pods\nkubectl describe pod web-1\n```", 2),
        ("```sh\nfor pod in $(kubectl get pods -o name); do\n  kubectl delete $pod\ndone\n```", 1),
        ("```bash\ncurl -s \\\n  https://example/health\ncurl -s https://example/ready\n```", 2),
        ("```console\n$ kubectl get pods\nNAME READY\nweb-1 1/1\n$ kubectl get svc\n```", 2),
        ("```bash\ncat <<EOF | kubectl apply -f -\nkind: Pod\n\nmetadata: {}\nEOF\n```", 1),
    ])
    func blocksSplitOnlyBetweenWholeCommands(block: String, count: Int) {
        let runbook = parse("# R\n\n## Fix\n\n\(block)\n")
        #expect(runbook.allCommands.count == count, "\(block)")
    }

    // MARK: 6. Size

    @Test func aRandomFileIsNotARunbookAndItsTitleIsCapped() {
        var generator = SplitMix64(seed: 15)
        var bytes = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        bytes.insert(contentsOf: Array("# ".utf8) + Array(repeating: UInt8(ascii: "x"), count: 10_000) + [10], at: 0)
        let runbook = RunbookParser.parse(bytes: bytes, path: "/tmp/noise.bin")
        #expect(runbook.title.count <= RunbookAssembler.titleLimit)
        #expect(runbook.warnings.contains { $0.kind == .notARunbook })
        let long = parse("# " + String(repeating: "T", count: 5_000) + "\n\n- [ ] a\n")
        #expect(long.title.count == RunbookAssembler.titleLimit)
        #expect(!long.warnings.contains { $0.kind == .notARunbook })
    }

    // MARK: 7. Lint

    @Test func lintSaysRunbookOnce() {
        let text = RunbookLint.text(parse("# Runbook: Payments\n\n- [ ] a\n"))
        #expect(text.hasPrefix("Runbook: Payments\n"))
    }

    @Test func lintWarnsOnUnsetVariablesUntimedEscalationsAndUncheckedDestruction() {
        let runbook = parse(
            """
            # R

            ## Escalation
            - Escalate to the DBA if replication is broken

            ## Fix
            ```bash
            kubectl -n $NAMESPACE delete pod $POD
            ```

            ```bash
            NS=web
            kubectl -n $NS get pods ${MISSING:-all}
            ```

            - [ ] done
            """)
        let kinds = runbook.warnings.map(\.kind)
        #expect(kinds.contains(.escalationWithoutTime))
        #expect(kinds.contains(.destructiveWithoutCheck))
        let variables = runbook.warnings.filter { $0.kind == .unsetVariable }.map(\.message)
        #expect(variables.count == 2)
        #expect(variables.contains { $0.contains("$NAMESPACE") })
        #expect(!variables.contains { $0.contains("$NS") || $0.contains("MISSING") })
    }
}
