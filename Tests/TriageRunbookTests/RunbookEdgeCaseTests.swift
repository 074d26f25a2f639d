import Foundation
import Testing
import TriageCore
@testable import TriageRunbook

/// Markdown that trips line-based parsers: fences, quotes, tables, comments, front matter, CRLF, tabs.
@Suite struct RunbookEdgeCaseTests {
    private func parse(_ text: String) -> Runbook { RunbookParser.parse(text: text) }

    @Test func nothingInsideAnyKindOfCodeIsAnItem() {
        let runbook = parse(
            """
            # Fences

            - [ ] real one

            ```
            - [ ] in backticks
            1. numbered in backticks
            ```

            ~~~markdown
            - [ ] in tildes
            ```
            - [ ] still in tildes, the inner backticks do not close it
            ```
            ~~~

            ````
            ```
            - [ ] in a four-backtick fence around a three-backtick one
            ```
            ````

            Paragraph.

                - [ ] indented code, not a list

            - [x] real two
            """)
        #expect(runbook.allItems.map(\.text) == ["real one", "real two"])
        #expect(runbook.allItems.map(\.line) == [3, 27])
        #expect(runbook.allItems.map(\.checked) == [false, true])
    }

    @Test func taskListForms() {
        let runbook = parse(
            """
            # Forms

            1. [ ] ordered task
            2. [x] ordered done
               - [ ] nested under ordered
                 - [ ] nested twice
               - plain detail bullet
            * [X] star with capital X
            + [ ] plus marker
            -\t[ ]\ttabs around the box
            """)
        let items = runbook.allItems
        #expect(items.map(\.text) == [
            "ordered task", "ordered done", "nested under ordered", "nested twice", "star with capital X", "plus marker",
            "tabs around the box",
        ])
        #expect(items.map(\.depth) == [0, 0, 1, 2, 0, 0, 0])
        #expect(items.map(\.checked) == [false, true, false, false, true, false, false])
        #expect(items.map(\.kind).allSatisfy { $0 == .task })
        #expect(items[1].details == ["plain detail bullet"])
        #expect(items.map(\.line) == [3, 4, 5, 6, 8, 9, 10])
    }

    @Test func listsInBlockQuotesAreRead() {
        let runbook = parse(
            """
            # Quoted

            > **Before you start**
            >
            > - [ ] quoted task
            > - [x] quoted done
            >   - [ ] quoted nested

            > 1. [ ] quoted ordered task
            """)
        #expect(runbook.allItems.map(\.text) == ["quoted task", "quoted done", "quoted nested", "quoted ordered task"])
        #expect(runbook.allItems.map(\.checked) == [false, true, false, false])
        #expect(runbook.allItems.map(\.depth) == [0, 0, 1, 0])
        #expect(runbook.allItems.map(\.line) == [5, 6, 7, 9])
    }

    @Test func htmlCommentsAndTablesHoldNoItems() {
        let runbook = parse(
            """
            # Comments

            <!--
            - [ ] commented out
            -->

            | Step | Box |
            |------|-----|
            | - [ ] in a table | [ ] |

            - [ ] visible <!-- - [ ] inline comment -->
            """)
        #expect(runbook.allItems.map(\.text) == ["visible"])
        #expect(runbook.allItems.first?.line == 11)
    }

    @Test func frontMatterIsSkippedAndLinesStayRight() {
        let runbook = parse(
            """
            ---
            title: Not the title
            tags:
              - outage
            owner: sre
            ---
            # Real Title

            - [ ] first
            """)
        #expect(runbook.title == "Real Title")
        #expect(runbook.sections.map(\.line) == [7])
        #expect(runbook.allItems.map(\.line) == [9])
        #expect(runbook.sections.count == 1)
    }

    @Test func aLeadingThematicBreakIsNotFrontMatter() {
        let runbook = parse("---\n\n# Title\n\nSome prose that is not YAML at all.\n\n---\n\n- [ ] kept\n")
        #expect(runbook.title == "Title")
        #expect(runbook.allItems.map(\.line) == [9])
    }

    @Test func crlfAndLoneCRKeepTheSameItemsAndLines() {
        let lf = "# T\n\n## Detection (First 5 minutes)\n\n- [ ] one\n- [x] two\n\n```bash\ndocker ps\n```\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let cr = lf.replacingOccurrences(of: "\n", with: "\r")
        let expected = parse(lf)
        for variant in [crlf, cr] {
            let runbook = parse(variant)
            #expect(runbook.allItems == expected.allItems)
            #expect(runbook.allCommands == expected.allCommands)
            #expect(runbook.phases == expected.phases)
        }
        #expect(expected.allItems.map(\.line) == [5, 6])
        #expect(expected.allCommands.first?.code == "docker ps")
        #expect(!expected.allItems.contains { $0.text.contains("\r") })
    }

    @Test func noTaskListAtAllGivesStepsOrAWarning() {
        let prose = parse("# Notes\n\nJust prose about the service.\n\n- a bullet\n- another\n")
        #expect(prose.allItems.isEmpty)
        #expect(prose.warnings.contains { $0.kind == .noChecklist })

        let procedure = parse(
            """
            # Procedure

            ## Respond

            1. **Acknowledge the page**: within five minutes
               - Open the alert
               - Claim it
            2. Check the dashboard

            ### Step 3: Escalate if stuck

            Call the lead.
            """)
        let respond = procedure.sections[1]
        // A numbered heading is a section of its own, never also a step of the one above.
        #expect(respond.items.map(\.text) == ["Acknowledge the page", "Check the dashboard"])
        #expect(respond.items.map(\.kind) == [.step, .step])
        #expect(respond.items.map(\.line) == [5, 8])
        #expect(procedure.sections.map(\.title) == ["Procedure", "Respond", "Step 3: Escalate if stuck"])
        #expect(respond.items[0].details == ["within five minutes", "Open the alert", "Claim it"])
        #expect(!procedure.warnings.contains { $0.kind == .noChecklist })
    }

    @Test func aTaskListWinsOverNumberedSteps() {
        let runbook = parse(
            """
            # Mixed

            ## Checks

            - [ ] task one

            1. numbered, not a step here
            2. also not
            """)
        #expect(runbook.allItems.map(\.text) == ["task one"])
    }

    @Test func numberedHeadingsWithTheirOwnChecklistAreNotSteps() {
        let runbook = parse(
            """
            # Runbook

            ## 1. Detect

            - [ ] look

            ## 2. Fix

            - [ ] fix it
            """)
        #expect(runbook.sections[0].items.isEmpty)
        #expect(runbook.allItems.map(\.text) == ["look", "fix it"])
        #expect(runbook.stepCount == 0)
    }

    @Test func severityTableWithTargets() {
        let runbook = parse(
            """
            # Incident Levels

            ## Severity

            | Severity | Description | Response Time | Examples |
            |----------|-------------|---------------|----------|
            | SEV1 | Critical outage | 15 min | Site down |
            | SEV-2 | Major degradation | 1 hour | Checkout slow |
            | Sev 3 | Minor | 4h | Typo |
            | SEV4 | Cosmetic | | |
            """)
        #expect(runbook.severities.map(\.name) == ["SEV1", "SEV2", "SEV3", "SEV4"])
        #expect(runbook.severities.map(\.responseMinutes) == [15, 60, 240, nil])
        #expect(runbook.severities.map(\.description) == ["Critical outage", "Major degradation", "Minor", "Cosmetic"])
        #expect(runbook.severities.map(\.line) == [7, 8, 9, 10])
        #expect(runbook.warnings.filter { $0.kind == .severityWithoutTarget }.map(\.line) == [10])
    }

    @Test func severityHeadingsWithResponseTimeLines() {
        let runbook = parse(
            """
            # Runbook

            ## Priority Levels

            ### Critical

            Response Time: 5 minutes

            ### High (respond within 30 minutes)

            ### P3 - Low

            - **Response Time**: 4 hours
            - Who: whoever is on call

            ## Key Metrics

            - **Response Time**: Should be <2s
            """)
        #expect(runbook.severities.map(\.name) == ["Critical", "High", "P3"])
        #expect(runbook.severities.map(\.responseMinutes) == [5, 30, 240])
        #expect(runbook.severities.map(\.description) == ["", "respond within 30 minutes", "Low"])
    }

    @Test func severityListOutsideASeveritySectionIsIgnored() {
        let runbook = parse("# R\n\n## Immediate Response\n\n### P0/P1 Outages\n\n- P1: page everyone\n")
        #expect(runbook.severities.isEmpty)
    }

    @Test func explicitSeverityHeadingsCountAnywhere() {
        let runbook = parse(
            """
            # Playbooks

            ## SEV2 - Major degradation

            Acknowledge within 20 minutes.

            ## Database outage (P1)

            ## P0/P1 checks
            """)
        #expect(runbook.severities.map(\.name) == ["SEV2", "P1"])
        #expect(runbook.severities.map(\.responseMinutes) == [20, nil])
        #expect(runbook.severities.map(\.description) == ["Major degradation", "Database outage"])
    }

    @Test func indentedShellCodeIsACommand() {
        let runbook = parse("# R\n\n## Check\n\nRun:\n\n    $ systemctl status nginx\n    active (running)\n")
        #expect(runbook.allCommands.map(\.code) == ["systemctl status nginx"])
        #expect(runbook.allCommands.map(\.line) == [7])
        #expect(runbook.allCommands.map(\.language) == [""])
    }

    @Test func escalationSentencesAndLists() {
        let runbook = parse(
            """
            # Runbook

            ## Triage

            Escalate to L2 if the issue is not resolved within 30 minutes. Keep notes.
            Escalate to the on-call manager when customers report data loss.

            **Escalate to the incident director if:**

            - Service down > 45 minutes
            - More than one region is affected

            ## Escalation Policy

            - L3: Not mitigated after 2 hours
            - Security involved

            | Level | Condition | After |
            |-------|-----------|-------|
            | L4 | Still down | 4 hours |
            """)
        let triggers = runbook.escalations
        #expect(triggers.map(\.level) == ["L2", "incident director", "incident director", "L3", "", "L4"])
        #expect(triggers.map(\.afterMinutes) == [30, 45, nil, 120, nil, 240])
        #expect(triggers.map(\.condition) == [
            "the issue is not resolved within 30 minutes", "Service down > 45 minutes",
            "More than one region is affected", "Not mitigated after 2 hours", "Security involved", "Still down",
        ])
        #expect(triggers.map(\.line) == [5, 10, 11, 15, 16, 20])
    }

    @Test func theDocumentTitleGivesNoContextToEverythingBelow() {
        let runbook = parse(
            """
            # Escalation and Severity Runbook

            - [ ] Open the incident

            ## Checks

            - [ ] Look at the dashboard
            - High error rates: check the load balancer
            """)
        #expect(runbook.escalations.map(\.condition) == ["Open the incident"])
        #expect(runbook.severities.isEmpty)
        #expect(runbook.taskCount == 2)
    }

    @Test func phaseHeadings() {
        let runbook = parse(
            """
            # Phases

            ## First 5 Minutes
            ## Investigation Phase (15-60 minutes)
            ## Phase 3: Mitigation (1-2 hours)
            ## First hour
            ## After 4 hours
            ## 30+ min
            ## Within 2 days
            ## Notes (2 hours)
            ## Escalate if not fixed within 30 minutes
            """)
        // Windows that start before the one above are read from its end (see PhaseTimeline):
        // "First hour" after "1-2 hours" is 120-180, "30+ min" after "After 4 hours" is 270+.
        #expect(runbook.phases.map(\.startMinutes) == [0, 15, 60, 120, 240, 270, 270])
        #expect(runbook.phases.map(\.endMinutes) == [5, 60, 120, 180, nil, nil, 3150])
        #expect(runbook.warnings.filter { $0.kind == .phaseOrder }.map(\.line) == [6, 8, 9])
        #expect(runbook.phases.map(\.line) == [3, 4, 5, 6, 7, 8, 9])
        #expect(runbook.phase(forSection: 2)?.title == "Investigation Phase (15-60 minutes)")
    }

    @Test func phaseOfASubsectionIsItsParents() {
        let runbook = parse("# R\n\n## Detection (0-10 minutes)\n\n### Checks\n\n- [ ] look\n")
        #expect(runbook.phase(forSection: 2)?.endMinutes == 10)
        #expect(runbook.phase(forSection: 0) == nil)
    }

    @Test func commandsAndTemplates() {
        let runbook = parse(
            """
            # Blocks

            ## Checks

            ```console
            $ kubectl get pods
            NAME    READY
            web-1   1/1
            $ docker ps \\
                --all
            ```

            ```
            curl -fsS http://127.0.0.1:8080/health
            systemctl status nginx
            ```

            ```
            ┌────┐
            │ db │
            └────┘
            ```

            ```sql
            DELETE FROM sessions;
            ```

            ## Status Updates

            ```
            [Time] We are investigating [Affected Services].
            ```

            > Resolved at [Time]: [Status]
            > Thanks for your patience.

            **Slack message:**

            ```text
            Investigating, next update at [Next Update].
            ```
            """)
        let commands = runbook.allCommands
        // A row per command, on the command's own line; prompt-less lines are output, not commands.
        #expect(commands.map(\.language) == ["console", "console", "", ""])
        #expect(commands[0].code == "kubectl get pods")
        #expect(commands[1].code == "docker ps \\\n    --all")
        #expect(commands[2].code.hasPrefix("curl -fsS"))
        #expect(commands[3].code == "systemctl status nginx")
        #expect(commands.map(\.line) == [6, 9, 14, 15])
        let templates = runbook.allTemplates
        #expect(templates.map(\.title) == ["Status Updates", "Status Updates", "Slack message"])
        #expect(templates[1].body == "Resolved at [Time]: [Status]\nThanks for your patience.")
        #expect(templates.map(\.line) == [30, 34, 39])
        #expect(templates[0].placeholders == ["Time", "Affected Services"])
    }

    @Test func contentBeforeTheFirstHeadingGoesToAPreamble() {
        let runbook = parse("- [ ] before any heading\n\n# Later\n\n- [ ] after\n", )
        #expect(runbook.sections.map(\.level) == [0, 1])
        #expect(runbook.sections.map(\.title) == ["", "Later"])
        #expect(runbook.title == "Later")
        #expect(runbook.sections[1].parentIndex == nil)
        #expect(runbook.allItems.map(\.text) == ["before any heading", "after"])
    }

    @Test func sectionTreeFollowsHeadingLevels() {
        let runbook = parse("# A\n## B\n#### C\n### D\n## E\n# F\n### G\n")
        #expect(runbook.sections.map(\.parentIndex) == [nil, 0, 1, 1, 0, nil, 5])
        #expect(runbook.titlePath(ofSection: 3) == ["A", "B", "D"])
    }

    @Test func duplicateItemsInOneSectionAreWarnedAndKeyedApart() {
        let runbook = parse("# D\n\n- [ ] Restart the worker\n- [ ] check logs\n- [ ] restart the **worker**!\n")
        let items = runbook.allItems
        #expect(items[0].key == "d/restart the worker#0")
        #expect(items[2].key == "d/restart the worker#1")
        let duplicates = runbook.warnings.filter { $0.kind == .duplicateItem }
        #expect(duplicates.map(\.line) == [5])
    }

    @Test func statusUpdateCadence() {
        #expect(parse("# R\n\nPost a status update every 30 minutes.\n").statusUpdateMinutes == 30)
        #expect(parse("# R\n\nNothing about cadence.\n").statusUpdateMinutes == nil)
    }

    @Test func titleFallsBackToTheFileName() {
        #expect(RunbookParser.parse(bytes: Array("- [ ] x\n".utf8), path: "/srv/runbooks/db-failover.md").title == "db-failover")
        #expect(RunbookParser.parse(bytes: [], path: nil).title == "Untitled runbook")
    }
}
