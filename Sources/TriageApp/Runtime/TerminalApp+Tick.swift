import Foundation
import TriageCore
import TriageUI

extension TerminalApp {
    /// Space on an item: unticks a ticked one; ticks an open one with the evidence of what it is
    /// about (``TickEvidenceMatcher``). An item worded as a confirmation of health ("confirm backend
    /// is healthy") whose entity still fails asks first; `y` (typed, not pasted) ticks it anyway.
    mutating func toggleTick(confirmed: Bool) {
        guard case .item(let sectionIndex, let item)? = selectedRow else { return }
        if session.isChecked(item) {
            session.toggle(item)
            return
        }
        let now = Date()
        let evidence = tickEvidence(for: item, section: sectionIndex, now: now)
        let answered = confirmed && pendingTickKey == item.key
        pendingTickKey = nil
        if !answered, TickEvidenceMatcher.confirmsHealth(item.text), evidence.entityFailing,
           let name = evidence.entityName, let state = evidence.state {
            pendingTickKey = item.key
            ui.confirm("\(TerminalText.clean(name)) is still \(state.label): tick anyway?", for: .toggleTick, body: [
                StyledLine(TerminalText.clean(item.text), CellStyle(.normal, [.bold])),
                StyledLine("now: " + TerminalText.clean(evidence.text), CellStyle(state == .crit ? .crit : .warn, [.bold])),
                StyledLine(""),
                StyledLine("y ticks it (the evidence is kept with the tick); any other key leaves it open", CellStyle(.muted)),
            ], phrase: nil)
            return
        }
        session.toggle(item, evidence: evidence, at: now)
    }

    /// What `item` is about right now, from the newest snapshot: the entity it names or its
    /// commands target (with the variables `x` would bind), else what is failing. Judged by the
    /// picture the frame on screen was built from, as the other keys on a row are (a picture of its
    /// own cost a whole `OutageEntities` per key and could disagree with the panes); only before a
    /// frame of the newest snapshot is there one built here.
    func tickEvidence(for item: ChecklistItem, section sectionIndex: Int, now: Date) -> TickEvidence {
        let snapshot = latestSnapshot ?? DashboardSnapshot(startedAt: now)
        let picture = framePicture.current ?? OutageEntities(snapshot, now: now, sources: sources)
        let runbook = session.runbook
        let commands = runbook.sections.indices.contains(sectionIndex)
            ? TickEvidenceMatcher.commands(under: item, in: runbook.sections[sectionIndex]) : []
        let bound = RunbookVariables.bound(latestSnapshot, ui: ui, sources: sources, now: now, picture: picture, dockerHostArgument: dockerHostArgument)
        return TickEvidenceMatcher.evidence(
            for: item, commands: commands, bound: bound, entities: picture.all,
            figures: { EntityFigures.text($0, snapshot: snapshot) }, at: now)
    }

    /// Enter in the Incident pane: the command or item under the cursor; on a header, zoom.
    mutating func showSelectedRow() {
        switch selectedRow {
        case .command(_, let command)?: showCommand(command)
        case .item(_, let item)?: showItem(item)
        default: ui.zoomed.toggle()
        }
    }

    /// Enter on an item: its text and details, and who ticked it when with what it was about then.
    mutating func showItem(_ item: ChecklistItem) {
        var body = [StyledLine(TerminalText.clean(item.text), CellStyle(.normal, [.bold]))]
        body += item.details.map { StyledLine("  " + TerminalText.clean($0), CellStyle(.muted)) }
        body.append(StyledLine(""))
        if let tick = session.ticks[item.key], tick.checked {
            var line = "ticked \(IncidentPaneBuilder.hm(tick.time, .current)) by \(TerminalText.clean(tick.actor))"
            if let evidence = session.tickEvidence[item.key] { line += " — " + TerminalText.clean(evidence.text) }
            body.append(StyledLine(line, CellStyle(.ok, [.bold])))
        } else {
            body.append(StyledLine("not ticked (Space ticks it)", CellStyle(.muted)))
        }
        ui.show("Item", body: body)
    }

    /// When the Incident pane gets focus, the cursor goes to the first open item (a section header
    /// is where Space does nothing); an open item already under it stays.
    mutating func landOnOpenItem() {
        let rows = session.checklistRows
        let current = min(ui.selection[.incident] ?? 0, max(0, rows.count - 1))
        func isOpen(_ row: ChecklistRow) -> Bool {
            if case .item(_, let item) = row { return !session.isChecked(item) }
            return false
        }
        if rows.indices.contains(current), isOpen(rows[current]) { return }
        let target = rows.firstIndex(where: isOpen) ?? rows.firstIndex { if case .item = $0 { true } else { false } }
        if let target { ui.selection[.incident] = target }
    }
}
