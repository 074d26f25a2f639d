import Foundation
import TriageCore
import TriageUI

extension TerminalApp {
    /// Enter on a command row: the code, why it is destructive, and its last run.
    mutating func showCommand(_ command: RunbookCommand) {
        var body = command.code.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(TerminalText.clean(String($0)), CellStyle(.accent)) }
        if let reason = command.destructiveReason { body.append(StyledLine("⚠ \(TerminalText.clean(reason))", CellStyle(.warn, [.bold]))) }
        if let entry = session.commandOutputs.get(command.code) {
            body.append(StyledLine(""))
            body.append(StyledLine("last run: \(entry.status)", CellStyle(.muted, [.bold])))
            body += entry.output.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(String($0)) }
        }
        ui.show(command.destructive ? "Command (destructive)" : "Command", body: body)
    }

    /// `x` on a command row: binds the selection's variables, refuses a command whose variables are
    /// still unset or empty in the environment it would run with, else asks (a typed "yes" and the
    /// reason for a destructive one), and runs it once confirmed with the values the question showed.
    mutating func runCommand(_ command: RunbookCommand, confirmed: Bool) {
        if confirmed {
            // The values shown in the confirmation, not the cursor's now: rows re-sort while it is open.
            session.run(command, environment: confirmedBindings ?? [:])
            confirmedBindings = nil
            ui.flash = StyledLine("running: \(TerminalText.clean(command.summary))", CellStyle(.accent))
            return
        }
        let bound = RunbookVariables.bound(latestSnapshot, ui: ui, sources: sources, now: Date(), picture: framePicture.current,
                                           dockerHostArgument: dockerHostArgument)
        let dialog = RunCommandDialog(command: command, environment: IncidentSession.commandEnvironment, bound: bound)
        if dialog.refuses {
            ui.show(dialog.title, body: dialog.body)
            return
        }
        confirmedBindings = bound
        ui.confirm(dialog.title, for: .runCommand, body: dialog.body, phrase: dialog.phrase)
    }
}
