import TriageCore

/// One selectable row of the Incident pane: a section heading, a checklist item or a command.
public enum ChecklistRow: Sendable, Equatable {
    case section(index: Int)
    case item(section: Int, item: ChecklistItem)
    case command(section: Int, command: RunbookCommand)

    public var sectionIndex: Int {
        switch self {
        case .section(let index), .item(let index, _), .command(let index, _): index
        }
    }
}

/// The runbook flattened into pane rows, in document order. Sections with nothing to do are left
/// out, unless a section below them has something: then they stay as a header, so that items never
/// look as if they belonged to the section before.
public enum ChecklistRows {
    public static func rows(for runbook: Runbook) -> [ChecklistRow] {
        var rows: [ChecklistRow] = []
        let shown = shownSections(runbook)
        for (index, section) in runbook.sections.enumerated() where shown[index] {
            rows.append(.section(index: index))
            for item in section.items { rows.append(.item(section: index, item: item)) }
            for command in section.commands { rows.append(.command(section: index, command: command)) }
        }
        return rows
    }

    /// Per section, whether it or a section below it has an item or a command.
    static func shownSections(_ runbook: Runbook) -> [Bool] {
        var shown = runbook.sections.map { !$0.items.isEmpty || !$0.commands.isEmpty }
        // The document title (the first `#` heading) is above everything: a header for it says nothing.
        let title = runbook.sections.firstIndex { $0.level == 1 }
        // Children come after their parent, so one backward pass carries "has content" upward.
        for index in runbook.sections.indices.reversed() where shown[index] {
            if let parent = runbook.sections[index].parentIndex, parent < index, parent != title { shown[parent] = true }
        }
        return shown
    }

    /// Done and total items of a section.
    public static func progress(_ section: RunbookSection, ticks: [String: ChecklistTick]) -> (done: Int, total: Int) {
        let done = section.items.count { ticks[$0.key]?.checked ?? $0.checked }
        return (done, section.items.count)
    }

    /// Per section, the phase window that covers it (its own, else its nearest enclosing section's),
    /// as `Runbook.phase(forSection:)` says, for every section at once: O(sections + phases), where
    /// asking section by section costs O(sections × phases) on a large runbook, every frame.
    public static func sectionPhases(_ runbook: Runbook) -> [PhaseWindow?] {
        var own: [Int: PhaseWindow] = [:]
        for phase in runbook.phases where own[phase.sectionIndex] == nil { own[phase.sectionIndex] = phase }
        var out: [PhaseWindow?] = []
        out.reserveCapacity(runbook.sections.count)
        for (index, section) in runbook.sections.enumerated() {
            if let phase = own[index] {
                out.append(phase)
            } else if let parent = section.parentIndex, parent < index {
                out.append(out[parent])
            } else {
                out.append(nil)
            }
        }
        return out
    }

    /// Whether a phase window (from `sectionPhases`) has passed.
    public static func isOverdue(phase: PhaseWindow?, elapsedMinutes: Double) -> Bool {
        guard let end = phase?.endMinutes else { return false }
        return elapsedMinutes > Double(end)
    }

    /// Whether an unticked item's phase window has passed.
    public static func isOverdue(section index: Int, runbook: Runbook, elapsedMinutes: Double) -> Bool {
        guard let end = runbook.phase(forSection: index)?.endMinutes else { return false }
        return elapsedMinutes > Double(end)
    }
}
