import Foundation
import TriageCore
import TriageUI

/// The open incident → the Incident pane: the runbook checklist by section with progress, who
/// ticked what and when, overdue items of passed phases, runnable commands; or the timeline.
enum IncidentPaneBuilder {
    /// - Parameter suggestion: the severity the outage suggests (``SuggestedSeverity``), shown under the title.
    static func build(_ session: IncidentSession?, ui: UIState, showTimeline: Bool, now: Date, timeZone: TimeZone?,
                      suggestion: SeveritySuggestion? = nil) -> (PaneModel, rows: [ChecklistRow]) {
        guard let session else {
            return (.unavailable(.incident, message: "incident state unavailable"), [])
        }
        if session.isLoading {
            return (.unavailable(.incident, message: "loading the incident…", state: .unknown), [])
        }
        if let problem = session.problem {
            // A store that could not be opened is retried by the writer: say when.
            let retry = session.store == nil ? session.writeStatus.retryAt.map { "retrying in \(max(0, Int($0.timeIntervalSince(now).rounded(.up))))s" } : nil
            return (.unavailable(.incident, message: TerminalText.clean(problem), hint: retry, state: .crit), [])
        }
        guard let incident = session.incident else {
            if let declaring = session.pendingDeclaration {
                return (.unavailable(.incident, message: "declaring \(TerminalText.clean(declaring.severity)) \"\(TerminalText.clean(declaring.title))\": not saved yet",
                                     hint: pendingNotice(session.writeStatus, now: now)?.plainText, state: .warn), [])
            }
            let hint = session.readOnly ? "waiting for an incident to be declared" : "press N to declare one (runbook: \(TerminalText.clean(session.runbook.title)))"
            return (.unavailable(.incident, message: "no incident open", hint: hint, state: .ok), [])
        }
        let runbook = session.runbook
        let rows = session.checklistRows
        let elapsedMinutes = now.timeIntervalSince(incident.startedAt) / 60
        let phases = session.sectionPhases
        // The time matters to the rows and counts only through the phase windows it has passed.
        let passedPhaseEnds = session.passedPhaseEnds(elapsedMinutes: elapsedMinutes)
        let counts = session.rowCache.counts(generation: session.generation, passedPhaseEnds: passedPhaseEnds) {
            var counts = IncidentRowCache.Counts()
            for (index, p) in session.sectionProgress.enumerated() {
                counts.done += p.done
                counts.total += p.total
                if ChecklistRows.isOverdue(phase: phases[index], elapsedMinutes: elapsedMinutes) { counts.overdue += p.total - p.done }
            }
            return counts
        }
        let (done, total, overdue) = (counts.done, counts.total, counts.overdue)
        let state: HealthState = incident.status == .resolved ? .ok : severityState(incident.severity)
        var badge = [Span("\(TerminalText.clean(incident.severity))", CellStyle(.badge, [.bold])), Span(" \(incident.status.displayName) · \(done)/\(total)", CellStyle(.accent))]
        if overdue > 0 { badge.append(Span(" · \(overdue) overdue", CellStyle(.warn, [.bold]))) }
        var body: [PaneBlock] = []
        let title = session.isDrill ? DrillTitle.shown(incident.title) : incident.title
        var info = [Span(incident.id + " ", CellStyle(.muted)), Span(TerminalText.clean(title), CellStyle(.normal, [.bold]))]
        if let commander = incident.commander { info.append(Span("  IC \(TerminalText.clean(commander))", CellStyle(.accent))) }
        body.append(.line(StyledLine(info)))
        if let suggestion {
            body.append(.line(StyledLine([
                Span("⚑ " + TerminalText.clean(suggestion.text), CellStyle(.warn, [.bold])),
                Span(session.readOnly ? "" : "  P accepts", CellStyle(.muted)),
            ])))
        }
        if let warning = session.runbookWarning { body.append(.line(StyledLine("⚠ " + TerminalText.clean(warning), CellStyle(.warn)))) }
        if let notice = pendingNotice(session.writeStatus, now: now) { body.append(.line(notice)) }
        if let failing = session.notifier?.problemLine { body.append(.line(StyledLine("⚠ " + TerminalText.clean(failing), CellStyle(.crit, [.bold])))) }
        let selected = ui.focus == .incident ? min(ui.selection[.incident] ?? 0, max(0, rows.count - 1)) : nil
        if showTimeline {
            body.append(.text(TextView(lines: timelineLines(session.events, timeZone: timeZone))))
        } else {
            // Keep the cursor in view: scroll so the selection sits a third from the top. Only a
            // window of rows around it is built (no pane is taller), so a 5,000-item runbook costs
            // a frame what a short one does.
            let offset = max(0, (selected ?? 0) - 4)
            let first = max(0, min(offset, rows.count - visibleRowLimit))
            let window = rows[first..<min(rows.count, first + visibleRowLimit)]
            // A clock frame re-uses the last frame's lines: building and cleaning them is what a
            // large runbook added to an idle frame.
            let key = IncidentRowCache.Key(generation: session.generation, outputsVersion: session.commandOutputs.version,
                                           window: window.indices, selected: selected, passedPhaseEnds: passedPhaseEnds, timeZone: timeZone)
            let lines = session.rowCache.lines(for: key) {
                zip(window.indices, window).map { index, row in
                    line(for: row, session: session, runbook: runbook, phase: phases[row.sectionIndex], elapsedMinutes: elapsedMinutes,
                         timeZone: timeZone, selected: index == selected)
                }
            }
            body.append(.text(TextView(lines: lines, offset: offset - first)))
        }
        let footer = showTimeline ? StyledLine("timeline · T checklist", CellStyle(.muted)) : StyledLine("T timeline", CellStyle(.muted))
        let summary = StyledLine([Span(incident.severity + " ", CellStyle(.badge, [.bold])), Span("\(incident.status.displayName) \(done)/\(total)", CellStyle(.accent))])
        return (PaneModel(id: .incident, state: state, badge: StyledLine(badge), footer: footer, body: body, summary: summary), rows)
    }

    /// "⚠ 2 changes not saved: database or disk is full; retrying in 4s" while the writer fails,
    /// "saving 1 change…" while it is merely busy, nil when everything shown is on disk.
    static func pendingNotice(_ status: IncidentWriter.Status, now: Date) -> StyledLine? {
        let count = status.pending.count
        guard count > 0 else { return nil }
        let changes = count == 1 ? "1 change" : "\(count) changes"
        guard let failure = status.failure else { return StyledLine("saving \(changes)…", CellStyle(.muted)) }
        var text = "⚠ \(changes) not saved: \(TerminalText.clean(failure.shortReason))"
        if let retryAt = status.retryAt {
            text += "; retrying in \(max(0, Int(retryAt.timeIntervalSince(now).rounded(.up))))s"
        }
        return StyledLine(text, CellStyle(.crit, [.bold]))
    }

    static func severityState(_ severity: String) -> HealthState {
        let s = severity.uppercased()
        if ["P0", "P1", "SEV0", "SEV1", "SEV2", "CRITICAL", "HIGH"].contains(s) { return .crit }
        return .warn
    }

    /// More rows than any terminal shows in the pane (a zoomed pane on a 4K portrait screen at a
    /// small font is under 200): the window built around the selection. Each row costs a frame its
    /// text cleaning, so the window is no larger than that (400 was a third of an idle frame).
    static let visibleRowLimit = 200

    static func line(for row: ChecklistRow, session: IncidentSession, runbook: Runbook, phase: PhaseWindow?, elapsedMinutes: Double,
                     timeZone: TimeZone?, selected: Bool) -> StyledLine {
        var spans: [Span] = []
        let cursor = selected ? Span("▶", CellStyle(.accent, [.bold])) : Span(" ")
        spans.append(cursor)
        switch row {
        case .section(let index):
            let section = runbook.sections[index]
            let progress = session.sectionProgress.indices.contains(index) ? session.sectionProgress[index] : ChecklistRows.progress(section, ticks: session.ticks)
            let indent = String(repeating: " ", count: max(0, min(4, section.level - 2)))
            let complete = progress.total > 0 && progress.done == progress.total
            spans.append(Span(indent + TerminalText.clean(section.title), CellStyle(.title, [.bold])))
            if progress.total > 0 { spans.append(Span("  \(progress.done)/\(progress.total)", CellStyle(complete ? .ok : .accent))) }
            if let end = phase?.endMinutes {
                spans.append(Span("  ≤" + DurationText.minutes(end), CellStyle(.muted)))
            }
        case .item(_, let item):
            let checked = session.isChecked(item)
            let indent = String(repeating: "  ", count: min(3, item.depth))
            let box = checked ? "[x]" : "[ ]"
            let overdue = !checked && ChecklistRows.isOverdue(phase: phase, elapsedMinutes: elapsedMinutes)
            spans.append(Span(" " + indent + box + " ", CellStyle(checked ? .ok : overdue ? .warn : .normal, [.bold])))
            let pending = session.isPending(item)
            // First after the box, so a long item text cannot push it out of the pane.
            if pending { spans.append(Span("⟳ unsaved ", CellStyle(.warn, [.bold]))) }
            spans.append(Span(TerminalText.clean(item.text), CellStyle(checked ? .muted : .normal)))
            if !pending, let tick = session.ticks[item.key], tick.checked {
                spans.append(Span("  ✓ \(TerminalText.clean(tick.actor)) \(hm(tick.time, timeZone))", CellStyle(.muted)))
            }
            if overdue { spans.append(Span("  overdue", CellStyle(.warn, [.bold]))) }
        case .command(_, let command):
            spans.append(Span("   $ ", CellStyle(.accent, [.bold])))
            spans.append(Span(TerminalText.clean(command.summary), CellStyle(.accent)))
            // The block's comment, beside what runs and never instead of it.
            if !command.note.isEmpty { spans.append(Span("  # " + TerminalText.clean(command.note), CellStyle(.muted))) }
            if command.destructive { spans.append(Span("  ⚠ destructive", CellStyle(.warn))) }
            if let entry = session.commandOutputs.get(command.code) {
                spans.append(Span("  [\(entry.status)]", CellStyle(entry.status == "exit 0" ? .ok : entry.finishedAt == nil ? .muted : .crit)))
            }
        }
        var line = StyledLine(spans)
        if selected { line.spans = line.spans.map { Span($0.text, CellStyle($0.style.role, $0.style.emphasis.union(.reverse))) } }
        return line
    }

    /// The timeline's kind column: as wide as the longest kind ("commander"), so no kind is cut
    /// into another word ("command…") and none runs into the actor ("severityroot@vm").
    static let kindWidth = TimelineKind.allCases.map { DisplayWidth.of($0.rawValue) }.max() ?? 0

    static func timelineLines(_ events: [TimelineEvent], timeZone: TimeZone?) -> [StyledLine] {
        if events.isEmpty { return [StyledLine("no events yet", CellStyle(.muted))] }
        return events.map { event in
            let role: StyleRole = event.automatic ? .muted : .normal
            let first = event.text.split(separator: "\n").first.map(String.init) ?? ""
            return StyledLine([
                Span(hms(event.time, timeZone) + " ", CellStyle(.logTime)),
                Span(DisplayWidth.pad(event.kind.rawValue, to: kindWidth) + " ", CellStyle(event.automatic ? .muted : .accent)),
                Span(DisplayWidth.pad(TerminalText.clean(event.actor), to: 14) + " ", CellStyle(.muted)),
            ] + (event.id < 0 ? [Span("⟳ unsaved ", CellStyle(.warn, [.bold]))] : []) + [  // pending: before the text, which may be cut
                Span(TerminalText.clean(first), CellStyle(role, event.automatic ? [.dim] : [])),
            ])
        }
    }

    static func hm(_ date: Date, _ zone: TimeZone?) -> String { String(hms(date, zone).prefix(5)) }

    static func hms(_ date: Date, _ zone: TimeZone?) -> String { DashboardViewModel.WallClock.hms(date, zone) }
}
