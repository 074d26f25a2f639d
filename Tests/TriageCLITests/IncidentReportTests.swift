import Foundation
import Testing
import TriageApp
import TriageCore
import TriageRunbook

/// The pure pieces behind `incident show` and the wall: progress, overdue marks, what is due next.
@Suite struct IncidentReportTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let runbook = RunbookParser.parse(text: """
        # Outage

        ## Severity Levels

        | Severity | Description | Response Time |
        |----------|-------------|---------------|
        | P1 | Critical | 5 minutes |

        ## Detection (First 5 minutes)

        - [ ] Acknowledge
        - [ ] Confirm

        ## Investigation (5-30 minutes)

        - [ ] Look at logs

        ## Escalation

        - Escalate to L2 if not resolved within 30 minutes
        """)

    func incident(acknowledged: Bool = false, resolved: Bool = false) -> Incident {
        Incident(
            id: "INC-1", title: "T", severity: "P1", status: resolved ? .resolved : .investigating, startedAt: Self.start,
            acknowledgedAt: acknowledged ? Self.start.addingTimeInterval(60) : nil,
            resolvedAt: resolved ? Self.start.addingTimeInterval(3600) : nil)
    }

    @Test func progressCountsStoreTicksAndOverdueWindows() {
        let items = Self.runbook.allItems
        #expect(items.count == 3)
        let ticks = [items[0].key: ChecklistTick(itemKey: items[0].key, checked: true, actor: "a", time: Self.start)]
        let early = ChecklistProgress.sections(runbook: Self.runbook, ticks: ticks, incident: incident(), now: Self.start.addingTimeInterval(120))
        #expect(early.map(\.title) == ["Detection (First 5 minutes)", "Investigation (5-30 minutes)"])
        #expect(early.map(\.done) == [1, 0])
        #expect(early.map(\.overdue) == [false, false])
        let late = ChecklistProgress.sections(runbook: Self.runbook, ticks: ticks, incident: incident(), now: Self.start.addingTimeInterval(6 * 60))
        #expect(late.map(\.overdue) == [true, false])
        let resolved = ChecklistProgress.sections(runbook: Self.runbook, ticks: ticks, incident: incident(resolved: true), now: Self.start.addingTimeInterval(7200))
        #expect(resolved.allSatisfy { !$0.overdue })
        // An untick in the store beats nothing; a later untick counts as not done.
        let unticked = [items[0].key: ChecklistTick(itemKey: items[0].key, checked: false, actor: "a", time: Self.start)]
        #expect(ChecklistProgress.sections(runbook: Self.runbook, ticks: unticked, incident: incident(), now: Self.start)[0].done == 0)
    }

    /// The same clocks as the header (`IncidentTimers`): the ack target first, then the next of
    /// update and escalation; a missed update gives way to an upcoming escalation.
    @Test func nextDueFollowsTheResponseTargetThenUpdatesAndEscalations() {
        #expect(NextDue.compute(incident: incident(), runbook: Self.runbook, events: [], now: Self.start.addingTimeInterval(170))
            == NextDue(text: "ack due in 2:10", state: .ok))
        #expect(NextDue.compute(incident: incident(), runbook: Self.runbook, events: [], now: Self.start.addingTimeInterval(270))?.state == .warn)
        #expect(NextDue.compute(incident: incident(), runbook: Self.runbook, events: [], now: Self.start.addingTimeInterval(345))
            == NextDue(text: "ack missed by 0:45", state: .crit))
        #expect(NextDue.compute(incident: incident(acknowledged: true), runbook: Self.runbook, events: [], now: Self.start.addingTimeInterval(120))
            == NextDue(text: "update #1 due in 13:00", state: .ok))
        #expect(Self.runbook.escalations.contains { $0.afterMinutes == 30 })
        #expect(NextDue.compute(incident: incident(acknowledged: true), runbook: Self.runbook, events: [], now: Self.start.addingTimeInterval(17 * 60 + 57))?.text
            == "L2 in 12:03")
        #expect(NextDue.compute(incident: incident(resolved: true), runbook: Self.runbook, events: [], now: Self.start) == nil)
    }

    @Test func listTextIsAlignedAndSanitized() {
        var hostile = incident()
        hostile.title = "DB \u{1B}[2Jdown"
        let text = IncidentReport.listText([hostile], now: Self.start.addingTimeInterval(125), timeZone: TimeZone(identifier: "UTC")!)
        #expect(!text.contains("\u{1B}"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("2:05"))
        #expect(lines[0].firstRange(of: "TITLE")?.lowerBound.utf16Offset(in: lines[0]) == lines[1].firstRange(of: "DB ")?.lowerBound.utf16Offset(in: lines[1]))
        #expect(IncidentReport.elapsedText(incident(resolved: true), now: Self.start.addingTimeInterval(99999)) == "resolved after 1:00:00")
    }

    @Test func timesShowUTCAndLocal() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(IncidentTimeText.utcAndLocal(Self.start, timeZone: berlin).hasPrefix(IncidentTimeText.utc(Self.start) + " ("))
        #expect(IncidentTimeText.utcAndLocal(Self.start, timeZone: TimeZone(identifier: "UTC")!) == IncidentTimeText.utc(Self.start))
        #expect(IncidentTimeText.rfc3339(Self.start) == "2026-11-18T11:06:40Z")
    }
}
