import Foundation
import TriageCore
import TriageUI

/// `S` and `E` in an alert's view (``AlertSilenceFlow``): `S` asks for how long (1h by default),
/// then confirms the exact request, then silences; `E` confirms, then expires the alert's silences.
extension TerminalApp {
    mutating func silenceFlow(_ action: Action, input: String?) {
        if let input {
            answerSilence(action, input: input)
            return
        }
        guard !ui.readOnly, needIncident() else { return }
        switch AlertSilenceFlow.request(for: ui.detail, snapshot: latestSnapshot, sources: sources, session: session) {
        case .failure(let refusal):
            ui.flash = StyledLine(TerminalText.clean(refusal.reason), CellStyle(.warn, [.bold]))
        case .success(let request) where action == .silenceAlert:
            actionFlow.phase = .silenceDuration(request)
            ui.prompt("Silence \(TerminalText.clean(request.alert.alertname)) for how long?", for: .silenceAlert,
                      body: [StyledLine("e.g. 30m, 1h, 4h (1 minute to 7 days)", CellStyle(.muted))], initial: "1h")
        case .success(let request):
            guard request.alert.isSilenced else {
                ui.flash = StyledLine("the alert is not silenced", CellStyle(.muted))
                return
            }
            actionFlow.phase = .confirmingExpiry(request)
            ui.confirm("Expire the silence?", for: .expireSilence, body: [
                StyledLine("DELETE " + TerminalText.clean(SecretRedactor.redact(request.spec.endpoint("silence/…"))), CellStyle(.accent, [.bold])),
                StyledLine("silences: " + TerminalText.clean(request.alert.silencedBy.joined(separator: ", "))),
                StyledLine("the alert notifies again; the expiry goes to the timeline", CellStyle(.muted)),
            ], phrase: nil)
        }
    }

    private mutating func answerSilence(_ action: Action, input: String) {
        switch actionFlow.phase {
        case .silenceDuration(var request) where action == .silenceAlert:
            guard let duration = AlertSilenceFlow.duration(input) else {
                actionFlow.phase = .idle
                ui.flash = StyledLine("not silenced: \"\(TerminalText.clean(input))\" is not a duration from 1m to 7d", CellStyle(.warn, [.bold]))
                return
            }
            request.duration = duration
            actionFlow.phase = .confirmingSilence(request)
            ui.confirm("Silence the alert?", for: .silenceAlert, body: AlertSilenceFlow.confirmationBody(request, now: Date()), phrase: nil)
        case .confirmingSilence(let request) where action == .silenceAlert:
            actionFlow.phase = .idle
            AlertSilenceFlow.silence(request, session: session)
            ui.flash = StyledLine("silencing \(TerminalText.clean(request.alert.alertname))…", CellStyle(.accent))
        case .confirmingExpiry(let request) where action == .expireSilence:
            actionFlow.phase = .idle
            AlertSilenceFlow.expire(request, session: session)
            ui.flash = StyledLine("expiring the silence of \(TerminalText.clean(request.alert.alertname))…", CellStyle(.accent))
        default:
            actionFlow.phase = .idle
        }
    }
}
