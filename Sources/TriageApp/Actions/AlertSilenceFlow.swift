import Foundation
import TriageCore
import TriageProbes
import TriageUI

/// What `S` and `E` in an alert's view say and do, apart from the terminal: the alert and its
/// Alertmanager for a request, the questions, and the silence or expiry run in the background with
/// its outcome on the timeline.
///
/// Like every action, only with an incident open (its comment names the incident), only after a
/// confirmation, never on the wall, and never from an untrusted `./triage.yaml` (its URL and
/// headers are not trusted with the alert's labels and the actor's name).
enum AlertSilenceFlow {
    static let defaultDuration: Duration = .seconds(3600)
    static let hint = "S silence · E expire its silence"

    /// The request for the open view's alert, or why there is none.
    static func request(for target: DetailTarget?, snapshot: DashboardSnapshot?, sources: DashboardSources, session: IncidentSession)
        -> Result<AlertSilenceRequest, Refusal>
    {
        guard case .alert(let key)? = target, let snapshot, let (source, alert) = AlertDetailLines.find(key, in: snapshot) else {
            return .failure(Refusal("open an alert's view first (Enter on an alert row)"))
        }
        if let withheld = sources.commandsWithheld { return .failure(Refusal("not from an untrusted configuration: " + withheld)) }
        guard let spec = sources.alertmanagers.first(where: { $0.name == source.source }) else {
            return .failure(Refusal("alertmanager \(source.source) is not configured"))
        }
        guard let incident = session.incident else { return .failure(Refusal("no incident open: press N to declare one")) }
        let comment = "incident \(incident.id) \"\(incident.title)\": silenced from triage by \(session.actor)"
        return .success(AlertSilenceRequest(spec: spec, alert: alert, createdBy: session.actor, comment: comment))
    }

    struct Refusal: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// "1h", "30m", "2h30m": the answer to the duration question; at least a minute, at most a week.
    static func duration(_ answer: String) -> Duration? {
        let text = answer.trimmingCharacters(in: .whitespaces)
        guard let value = try? DurationText.parse(text.isEmpty ? "1h" : text), value >= .seconds(60), value <= .seconds(7 * 86400) else { return nil }
        return value
    }

    /// The confirmation's lines: the request exactly as it will be sent.
    static func confirmationBody(_ request: AlertSilenceRequest, now: Date) -> [StyledLine] {
        let matchers = request.alert.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ", ")
        return [
            StyledLine("POST " + TerminalText.clean(SecretRedactor.redact(request.spec.endpoint("silences"))), CellStyle(.accent, [.bold])),
            StyledLine("matchers: " + TerminalText.clean(matchers)),
            StyledLine("for \(DurationText.format(request.duration)), until " + OutageEntities.clock(now.addingTimeInterval(request.duration.seconds))),
            StyledLine("createdBy: " + TerminalText.clean(request.createdBy), CellStyle(.muted)),
            StyledLine("comment: " + TerminalText.clean(request.comment), CellStyle(.muted)),
            StyledLine("the silence and its id go to the timeline; E in this view expires it", CellStyle(.muted)),
        ]
    }

    /// Sends the silence in the background; the outcome (the id, or Alertmanager's words) goes on the timeline.
    static func silence(_ request: AlertSilenceRequest, session: IncidentSession) {
        guard !session.readOnly, let writer = session.writer, let incident = session.incident else { return }
        Task.detached(priority: .userInitiated) {
            let silencer = AlertmanagerSilencer(spec: request.spec)
            let outcome = await silencer.create(
                labels: request.alert.labels, duration: request.duration, createdBy: request.createdBy, comment: request.comment)
            let text = switch outcome {
            case .success(let id): "silenced alert \(request.title) on \(request.spec.name) for \(DurationText.format(request.duration)) (silence \(id))"
            case .failure(let error): "could not silence alert \(request.title) on \(request.spec.name): \(error)"
            }
            writer.enqueue(.event(incidentID: incident.id, kind: .command, text: TerminalSanitizer.clean(text), actor: request.createdBy,
                                  automatic: false, at: Date()))
        }
    }

    /// Expires every silence that silences the alert, in the background, each outcome on the timeline.
    static func expire(_ request: AlertSilenceRequest, session: IncidentSession) {
        guard !session.readOnly, let writer = session.writer, let incident = session.incident else { return }
        Task.detached(priority: .userInitiated) {
            let silencer = AlertmanagerSilencer(spec: request.spec)
            for id in request.alert.silencedBy {
                let text = switch await silencer.expire(id: id) {
                case .success: "expired silence \(id) of alert \(request.title) on \(request.spec.name)"
                case .failure(let error): "could not expire silence \(id) of alert \(request.title) on \(request.spec.name): \(error)"
                }
                writer.enqueue(.event(incidentID: incident.id, kind: .command, text: TerminalSanitizer.clean(text), actor: request.createdBy,
                                      automatic: false, at: Date()))
            }
        }
    }
}
