import Foundation
import TriageCore
import TriageExport
import TriageUI

/// `y`: the status update previewed in full (wrapped, exactly what is sent), its placeholders
/// filled in place (`e`, one prompt each), and sent as OSC 52 only when nothing is left unfilled
/// or the responder confirmed sending the blanks.
extension TerminalApp {
    /// The status update as triage would send it now: incident, timeline and what the probes see.
    func statusUpdateInput(now: Date) -> ExportInput? {
        guard let incident = session.incident else { return nil }
        let live = latestSnapshot?.liveFacts(now: now) ?? LiveFacts.notCollected(reason: "no probe data yet")
        return ExportInput(incident: incident, events: session.events, ticks: session.ticks, runbook: session.runbook,
                           live: live, now: now, timeZone: .current, actor: session.actor)
    }

    /// `input`: nil opens the preview; `UIState.editAnswer` starts filling its placeholders; an
    /// answer to the preview (Enter) sends it, after asking when placeholders are still unfilled;
    /// `yes` (that question answered) sends it as it is.
    mutating func statusUpdate(input: String?) throws {
        guard needIncident(), let exportInput = statusUpdateInput(now: Date()) else { return }
        let number = exportInput.updateNumber
        statusFills.keep(for: number)
        let draft = StatusUpdate.draft(exportInput, format: .text).filling(statusFills.answers)
        switch input {
        case nil:
            previewStatusUpdate(draft, number: number)
        case UIState.editAnswer?:
            statusFills.ask(draft.leftForHuman)
            askNextPlaceholder()
        case "yes"?:
            try send(draft, input: exportInput)
        default:
            guard !ui.readOnly else { return }
            if draft.leftForHuman.isEmpty { try send(draft, input: exportInput); return }
            let blanks = draft.leftForHuman.joined(separator: ", ")
            ui.confirm("Send status update #\(number) with \(draft.leftForHuman.count) unfilled?", for: .previewStatusUpdate,
                       body: [StyledLine("still in the text, bracketed: \(blanks)", CellStyle(.warn, [.bold])),
                              StyledLine("y sends it as it is · n cancels (then y and e fill them in)", CellStyle(.muted))],
                       phrase: nil)
        }
    }

    /// One placeholder answered (empty leaves it); the next is asked, or the preview comes back.
    mutating func fillStatusPlaceholder(answer: String?) throws {
        guard !statusFills.queue.isEmpty else { return }
        let placeholder = statusFills.queue.removeFirst()
        if let answer { statusFills.answers[placeholder] = answer }
        if statusFills.queue.isEmpty { try statusUpdate(input: nil) } else { askNextPlaceholder() }
    }

    private mutating func askNextPlaceholder() {
        guard let placeholder = statusFills.queue.first else { return }
        let position = statusFills.roundSize - statusFills.queue.count + 1
        ui.prompt("Fill \(placeholder) (\(position) of \(statusFills.roundSize); empty leaves it)", for: .fillStatusPlaceholder,
                  initial: statusFills.answers[placeholder] ?? "")
    }

    private mutating func previewStatusUpdate(_ draft: MessageDraft, number: Int) {
        var body = draft.message.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(String($0)) }
        while body.last?.plainText.isEmpty == true { body.removeLast() }
        if !draft.leftForHuman.isEmpty {
            body.append(StyledLine(""))
            body.append(StyledLine("── not part of the message ──", CellStyle(.muted)))
            body.append(StyledLine("unfilled: " + draft.leftForHuman.joined(separator: ", "), CellStyle(.warn, [.bold])))
        }
        if ui.readOnly {
            ui.show("Status update #\(number) (preview; send it from the interactive session)", body: body)
        } else {
            ui.preview("Status update #\(number)", body: body, hint: "send (OSC 52) and record", for: .previewStatusUpdate,
                       editHint: draft.leftForHuman.isEmpty ? nil : "fill blanks")
        }
    }

    private mutating func send(_ draft: MessageDraft, input exportInput: ExportInput) throws {
        guard !ui.readOnly else { return }
        let number = exportInput.updateNumber
        pendingClipboard = OSC52.sequence(for: draft.message, insideTmux: OSC52.isInsideTmux(environment: ProcessInfo.processInfo.environment))
        let file = try session.issueStatusUpdate(number: number,
                                                 markdown: StatusUpdate.render(exportInput, format: .markdown, fills: statusFills.answers),
                                                 message: draft.message,
                                                 eventText: StatusUpdateLog.issuedText(number: number))
        statusFills = StatusUpdateFills()
        // OSC 52 is a request: a terminal without clipboard access drops it without a word.
        ui.flash = StyledLine("status update #\(number) sent to the terminal as OSC 52 (the terminal may drop it); saved to \(file)",
                              CellStyle(.ok, [.bold]))
    }
}
