import Foundation
import TriageCore
import TriageUI

/// What the keys on a selected row or open detail view do: its detail view, its logs (`l`, `p`),
/// actions on it (SelectionAction: restart, stop, start a container; delete a pod; rollout restart
/// its deployment; cordon, uncordon a node), the runbook commands `x` offers for a row, and the
/// views `i` (kubectl describe) and `n` (the node).
/// Each action asks first, showing the exact argv (a typed "yes" for a destructive one), runs
/// without a shell, and lands on the timeline with its output (IncidentSession.run(argv:)).
extension TerminalApp {
    mutating func performOnSelection(_ action: Action, input: String?) {
        switch action {
        case .showDetail: details.open(&ui, snapshot: latestSnapshot, now: Date(), picture: framePicture.current)
        case .previousSelectionLogs:
            details.openPrevious(&ui, snapshot: latestSnapshot, now: Date(), picture: framePicture.current, dockerHostArgument: dockerHostArgument)
        case .describeSelection: details.openDescribe(&ui, snapshot: latestSnapshot)
        case .showNode: details.openNode(&ui, snapshot: latestSnapshot, now: Date(), picture: framePicture.current)
        case .selectionAction(let id):
            if input == nil { ask(SelectionAction.action(id)) } else { runConfirmed(id) }
        case .rowRunbookCommands: rowRunbookCommands(input: input)
        case .silenceAlert, .expireSilence: silenceFlow(action, input: input)
        default: break
        }
    }

    /// Called each frame: a rollout restart's deployment lookup that finished becomes its question.
    mutating func pollSelectionAction() {
        guard case .resolving(let action, let lookup, let replicaSet, let namespace, let context) = actionFlow.phase else { return }
        let result = lookup.current
        guard result.done else { return }
        actionFlow.phase = .idle
        // Closed while it looked: the person changed their mind.
        guard ui.modal?.title == SelectionActionFlow.resolvingTitle else { return }
        let deployment = result.lines.first?.trimmingCharacters(in: .whitespaces) ?? ""
        if result.status.hasPrefix("failed") {
            ui.show("Cannot rollout restart", body: [StyledLine("reading ReplicaSet/\(TerminalText.clean(replicaSet)) " + TerminalText.clean(result.status), CellStyle(.crit, [.bold]))])
        } else if deployment.isEmpty {
            ui.show("Cannot rollout restart", body: [
                StyledLine("ReplicaSet/\(TerminalText.clean(replicaSet)) has no Deployment owner: there is no deployment to restart", CellStyle(.warn, [.bold])),
                StyledLine("delete the pod (D) to have its ReplicaSet replace it", CellStyle(.muted)),
            ])
        } else {
            confirm(action, target: .deployment(name: deployment, namespace: namespace, context: context))
        }
    }

    /// The key of an action: resolve what it acts on, then ask.
    private mutating func ask(_ action: SelectionAction) {
        guard !ui.readOnly else { return }
        guard needIncident(), let snapshot = latestSnapshot,
              let entity = ui.detail ?? SelectedEntity.target(snapshot, ui: ui, now: Date(), picture: framePicture.current) else { return }
        guard let target = ActionTargets.target(action, entity: entity, snapshot: snapshot, dockerHostArgument: dockerHostArgument) else {
            ui.flash = StyledLine(action.kind == .node ? "the pod is not scheduled on a node" : "select a \(action.kind.rawValue) first", CellStyle(.muted))
            return
        }
        guard action.id == .rolloutRestart else { return confirm(action, target: target) }
        guard case .pod(let id) = entity, let pod = ActionTargets.pod(id, snapshot), case .pod(_, let namespace, let context) = target else { return }
        guard let replicaSet = ActionTargets.replicaSet(of: pod) else {
            let owner = pod.owner.isEmpty ? "no owner" : "owner " + TerminalText.clean(pod.owner)
            ui.show("Cannot rollout restart", body: [
                StyledLine("pod \(TerminalText.clean(pod.name)) has \(owner), not a ReplicaSet: there is no deployment to restart", CellStyle(.warn, [.bold])),
            ])
            return
        }
        let lookup = FetchedOutput(title: "owner of ReplicaSet/" + replicaSet,
                                   argv: SelectionAction.ownerLookupArgv(replicaSet: replicaSet, namespace: namespace, context: context), emptyNote: "")
        lookup.start()
        actionFlow.phase = .resolving(action, lookup: lookup, replicaSet: replicaSet, namespace: namespace, context: context)
        ui.show(SelectionActionFlow.resolvingTitle, body: [StyledLine("reading the owner of ReplicaSet/\(TerminalText.clean(replicaSet))…", CellStyle(.muted))])
    }

    /// The question: the exact argv, what it acts on, why it needs a typed "yes".
    private mutating func confirm(_ action: SelectionAction, target: ActionTarget) {
        guard let argv = action.argv(for: target) else { return }
        let shown = argv.map(CheckDefinition.shellWord).joined(separator: " ")
        var body = [StyledLine("$ " + TerminalText.clean(shown), CellStyle(.accent, [.bold])),
                    StyledLine("on " + TerminalText.clean(target.displayName), CellStyle(.muted))]
        if action.destructive {
            let reason = RunbookCommand.destructiveReason(shown) ?? action.label
            body.append(StyledLine("⚠ \(TerminalText.clean(reason))", CellStyle(.warn, [.bold])))
        }
        body.append(StyledLine("runs without a shell with a 60 s deadline; output goes to the timeline", CellStyle(.muted)))
        actionFlow.phase = .confirming(action, argv: argv)
        ui.confirm(action.label.prefix(1).uppercased() + action.label.dropFirst() + "?", for: .selectionAction(action.id), body: body,
                   phrase: action.destructive ? "yes" : nil)
    }

    /// The answer: runs the argv the question showed.
    private mutating func runConfirmed(_ id: SelectionAction.ID) {
        guard case .confirming(let action, let argv) = actionFlow.phase, action.id == id else { return }
        actionFlow.phase = .idle
        session.run(argv: argv)
        ui.flash = StyledLine("running: " + TerminalText.clean(argv.map(CheckDefinition.shellWord).joined(separator: " ")), CellStyle(.accent))
    }

    /// `x` on a row: offers the runbook commands that use its variables (one is asked at once), then
    /// asks with the values substituted; a command with a variable still unset is refused by name.
    private mutating func rowRunbookCommands(input: String?) {
        if let input {
            switch actionFlow.phase {
            case .offering(let commands):
                actionFlow.phase = .idle
                if let index = Int(input.prefix { $0.isNumber }), index >= 1, index <= commands.count { askRowCommand(commands[index - 1]) }
            case .confirmingCommand(let command, let bound):
                actionFlow.phase = .idle
                session.run(command, environment: bound)
                ui.flash = StyledLine("running: \(TerminalText.clean(command.summary))", CellStyle(.accent))
            default:
                break
            }
            return
        }
        guard needIncident() else { return }
        guard let snapshot = latestSnapshot, SelectedEntity.target(snapshot, ui: ui, now: Date(), picture: framePicture.current) != nil else {
            ui.flash = StyledLine("nothing selected", CellStyle(.muted))
            return
        }
        let commands = RowRunbookCommands.applying(session.runbook.allCommands, to: ui.focus)
        switch commands.count {
        case 0:
            let names = RowRunbookCommands.variables(of: ui.focus).map { "$" + $0 }.joined(separator: ", ")
            ui.flash = StyledLine("no runbook command uses \(names)", CellStyle(.muted))
        case 1:
            askRowCommand(commands[0])
        default:
            actionFlow.phase = .offering(commands)
            let options = commands.enumerated().map { "\($0.offset + 1). " + TerminalText.clean($0.element.summary) }
            ui.pick("Runbook commands for this row", for: .rowRunbookCommands, options: options, current: nil)
        }
    }

    private mutating func askRowCommand(_ command: RunbookCommand) {
        let bound = RunbookVariables.bound(latestSnapshot, ui: ui, sources: sources, now: Date(), picture: framePicture.current,
                                           dockerHostArgument: dockerHostArgument)
        let dialog = RunCommandDialog(command: command, environment: IncidentSession.commandEnvironment, bound: bound)
        if dialog.refuses {
            ui.show(dialog.title, body: dialog.body)
            return
        }
        actionFlow.phase = .confirmingCommand(command, bound: bound)
        ui.confirm(dialog.title, for: .rowRunbookCommands, body: dialog.body, phrase: dialog.phrase)
    }
}
