import Foundation
import TriageCore

/// Joins a runbook's checklist with an incident's ticks: per-section progress and overdue marks.
///
/// `incident show` and the wall display count with `ChecklistRows` (the incident pane's rules),
/// so all three agree on what is done and what is overdue.
public enum ChecklistProgress {
    /// Whether an item counts as done: the incident's own tick when there is one (an untick
    /// included), else the `[x]` in the runbook file.
    public static func isDone(_ item: ChecklistItem, ticks: [String: ChecklistTick]) -> Bool {
        ticks[item.key]?.checked ?? item.checked
    }

    /// Progress of every section that has checklist items, in document order.
    ///
    /// A section is overdue when its phase window (its own or an enclosing section's) ended before
    /// `now` while items are unticked. A resolved incident has nothing overdue.
    public static func sections(
        runbook: Runbook, ticks: [String: ChecklistTick], incident: Incident, now: Date
    ) -> [SectionProgress] {
        var result: [SectionProgress] = []
        let elapsedMinutes = now.timeIntervalSince(incident.startedAt) / 60
        let phases = ChecklistRows.sectionPhases(runbook)
        for (index, section) in runbook.sections.enumerated() where !section.items.isEmpty {
            let (done, total) = ChecklistRows.progress(section, ticks: ticks)
            let overdue = incident.isOpen && done < total
                && ChecklistRows.isOverdue(phase: phases[index], elapsedMinutes: elapsedMinutes)
            let title = section.level == 0 ? runbook.title : section.title
            result.append(
                SectionProgress(
                    sectionIndex: index, title: title, level: section.level, done: done, total: total, overdue: overdue))
        }
        return result
    }

    /// Done and total over the whole checklist.
    public static func totals(_ sections: [SectionProgress]) -> (done: Int, total: Int) {
        (sections.reduce(0) { $0 + $1.done }, sections.reduce(0) { $0 + $1.total })
    }
}
