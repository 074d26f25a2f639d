import TriageCore
import TriageUI

/// The prompts that set an incident's fields (declare, severity, status, commander) and what their
/// answers do. Severity and status are pick lists, so only a runbook level or a documented status
/// can be stored; a value typed some other way (a paste, a script) that is not one is refused with
/// the list shown.
struct IncidentFieldPrompts {
    /// The title typed when declaring an incident, while its severity is asked for.
    private(set) var pendingTitle: String?

    /// The levels offered: the runbook's, or the usual four when it defines none.
    static func severityChoices(_ runbook: Runbook) -> [String] {
        let levels = runbook.severities.map(\.name)
        return levels.isEmpty ? ["P1", "P2", "P3", "P4"] : levels
    }

    static let statusChoices = IncidentStatus.allCases.map(\.displayName)

    /// Whether an incident is open to change; says why not in the footer otherwise.
    static func needIncident(ui: inout UIState, session: IncidentSession) -> Bool {
        if session.incident == nil, let declaring = session.pendingDeclaration {
            ui.flash = StyledLine("incident \"\(TerminalText.clean(declaring.title))\" is not saved yet: wait for it", CellStyle(.warn))
            return false
        }
        if session.incident == nil {
            ui.flash = StyledLine(ui.readOnly ? "no incident open" : "no incident open: press N to declare one", CellStyle(.warn))
            return false
        }
        return true
    }

    /// Carries out one of the field actions: with `input` nil it asks, otherwise it applies the answer.
    mutating func perform(_ action: Action, input: String?, ui: inout UIState, session: IncidentSession) {
        switch action {
        case .declareIncident: declare(input: input, ui: &ui, session: session)
        case .declareSecondIncident:
            pendingTitle = nil
            ui.prompt("Declare a second incident: title", for: .declareIncident)
        case .setSeverity:
            guard Self.needIncident(ui: &ui, session: session) else { return }
            let choices = Self.severityChoices(session.runbook)
            if let input {
                guard let level = Self.choice(input, in: choices, what: "severity", ui: &ui) else { return }
                session.setSeverity(level)
            } else {
                ui.pick("Severity", for: .setSeverity, options: choices, current: session.incident?.severity)
            }
        case .setStatus:
            guard Self.needIncident(ui: &ui, session: session) else { return }
            if let input {
                guard let word = Self.choice(input, in: Self.statusChoices, what: "status", ui: &ui),
                      let status = IncidentStatus(userText: word) else { return }
                session.setStatus(status)
            } else {
                ui.pick("Status", for: .setStatus, options: Self.statusChoices, current: session.incident?.status.displayName)
            }
        case .setCommander:
            guard Self.needIncident(ui: &ui, session: session) else { return }
            if let input {
                let name = input.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { ui.flash = StyledLine("commander unchanged: no name given", CellStyle(.muted)); return }
                session.setCommander(name)
            } else {
                ui.prompt("Incident commander", for: .setCommander, initial: session.incident?.commander ?? session.actor)
            }
        default:
            break
        }
    }

    private mutating func declare(input: String?, ui: inout UIState, session: IncidentSession) {
        if let input, pendingTitle == nil {
            guard !input.isEmpty else { return }
            pendingTitle = input
            ui.pick("Severity of \"\(TerminalText.clean(input))\"", for: .declareIncident,
                    options: Self.severityChoices(session.runbook), current: nil)
        } else if let input, let title = pendingTitle {
            pendingTitle = nil
            guard let level = Self.choice(input, in: Self.severityChoices(session.runbook), what: "severity", ui: &ui) else { return }
            session.declare(title: title, severity: level)
            ui.focus = .incident
        } else if let open = session.incident {
            // One open incident is the usual case; a second one is a decision, not a keystroke.
            pendingTitle = nil
            ui.confirm("Open a second incident?", for: .declareSecondIncident, body: [
                StyledLine("\(open.id) \"\(TerminalText.clean(open.title))\" is open (\(open.status.displayName)).", CellStyle(.warn, [.bold])),
                StyledLine("Press y to declare another one alongside it, any other key to keep working on this one.", CellStyle(.muted)),
            ], phrase: nil)
        } else {
            pendingTitle = nil
            ui.prompt("Declare an incident: title", for: .declareIncident)
        }
    }

    /// `input` as one of `choices` (case-insensitive), or nil with the list shown in the footer.
    private static func choice(_ input: String, in choices: [String], what: String, ui: inout UIState) -> String? {
        let wanted = input.trimmingCharacters(in: .whitespaces).lowercased()
        if let match = choices.first(where: { $0.lowercased() == wanted }) { return match }
        ui.flash = StyledLine("not a \(what): \"\(TerminalText.clean(input))\"; choose one of " + choices.joined(separator: ", "), CellStyle(.warn, [.bold]))
        return nil
    }
}
