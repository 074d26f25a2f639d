import TriageCore
import TriageUI

/// What `x` on a runbook command shows: the confirmation, which says why a destructive command needs
/// a typed "yes", or the refusal when the command expands variables that are unset or empty in the
/// environment it would run with (`docker restart ""` is never run). `bound` are the variables the
/// selected rows bind (RunbookVariables): they are added to the environment and shown with the
/// values the shell will get.
struct RunCommandDialog: Equatable {
    var title: String
    var body: [StyledLine]
    /// The phrase to type ("yes" for destructive commands); nil for y/n.
    var phrase: String?
    /// The unset or empty variables (without `$`); not empty means the command is refused.
    var unsetVariables: [String]

    var refuses: Bool { !unsetVariables.isEmpty }

    init(command: RunbookCommand, environment: [String: String], bound: [String: String] = [:]) {
        var lines = command.code.split(separator: "\n").prefix(12).map {
            StyledLine(TerminalText.clean(String($0)), CellStyle(.accent))
        }
        lines += RunbookVariables.confirmationLines(code: command.code, bound: bound)
        let substituted = RowRunbookCommands.substituted(command.code, bound: bound)
        if substituted != command.code {
            lines.append(StyledLine("as the shell receives it:", CellStyle(.muted)))
            lines += substituted.split(separator: "\n").prefix(12).map { StyledLine("  " + TerminalText.clean(String($0)), CellStyle(.accent, [.bold])) }
        }
        unsetVariables = RunbookCommand.unsetVariables(command.code, environment: environment.merging(bound) { $1 })
        if !unsetVariables.isEmpty {
            let names = unsetVariables.prefix(8).map { "$" + TerminalText.clean($0) }.joined(separator: ", ")
            let verb = unsetVariables.count == 1 ? "is" : "are"
            lines.append(StyledLine("✖ not run: \(names) \(verb) unset or empty", CellStyle(.crit, [.bold])))
            let pronoun = unsetVariables.count == 1 ? "it" : "them"
            lines.append(StyledLine("select a row that binds \(pronoun) (see `vars:` and the README), or set \(pronoun) in the environment triage runs in",
                                    CellStyle(.muted)))
            title = "Cannot run this command"
            body = lines
            phrase = nil
            return
        }
        if command.destructive {
            let reason = command.destructiveReason ?? RunbookCommand.destructiveReason(command.code) ?? "destructive"
            lines.append(StyledLine("⚠ \(TerminalText.clean(reason))", CellStyle(.warn, [.bold])))
        }
        lines.append(StyledLine("runs through sh -c with a 120 s deadline; output goes to the timeline", CellStyle(.muted)))
        title = "Run this command?"
        body = lines
        phrase = command.destructive ? "yes" : nil
        unsetVariables = []
    }

    /// The dialog as the dashboard draws it.
    var modal: Modal {
        Modal(title: title, body: body, kind: refuses ? .message : .confirm(requiredPhrase: phrase, input: ""))
    }
}
