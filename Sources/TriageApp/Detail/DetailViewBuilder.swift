import Foundation
import TriageCore
import TriageUI

/// A detail target and the newest snapshot → the view to draw. Pure but for the process table,
/// which the caller samples; an entity that is gone says so rather than closing under the reader.
enum DetailViewBuilder {
    static func build(_ target: DetailTarget, snapshot: DashboardSnapshot, sources: DashboardSources,
                      processes: [HostProcessSampler.Row], scroll: Int, now: Date, incidentStart: Date? = nil) -> DetailView {
        switch target {
        case .service(let name):
            guard let track = snapshot.services[name] else { return gone("Check \(name)", scroll: scroll) }
            return DetailView(title: "Check " + TerminalText.clean(name),
                              lines: ServiceDetailLines.lines(
                                  track, definition: sources.checkDefinitions[name] ?? [], now: now,
                                  window: AvailabilityWindow.window(incidentStart: incidentStart, now: now)), scroll: scroll)
        case .container(let id):
            guard let container = snapshot.docker.flatMap(\.containers).first(where: { $0.id == id }) else { return gone("Container", scroll: scroll) }
            return DetailView(title: "Container " + TerminalText.clean(container.name), lines: ContainerDetailLines.lines(container, now: now),
                              scroll: scroll, hint: "l logs · p previous run · R restart")
        case .pod(let id):
            guard let round = snapshot.kubernetes.first(where: { $0.pods.contains { $0.id == id } }),
                  let pod = round.pods.first(where: { $0.id == id }) else { return gone("Pod", scroll: scroll) }
            return DetailView(title: "Pod " + TerminalText.clean(pod.namespace + "/" + pod.name),
                              lines: PodDetailLines.lines(pod, events: round.events, nodes: round.nodes, now: now),
                              scroll: scroll, hint: "l/p logs, last run · i describe · n node")
        case .node(let id):
            guard let round = snapshot.kubernetes.first(where: { $0.nodes.contains { $0.id == id } }),
                  let node = round.nodes.first(where: { $0.id == id }) else { return gone("Node", scroll: scroll) }
            return DetailView(title: "Node " + TerminalText.clean(node.name),
                              lines: NodeDetailLines.view(node, pods: round.pods, events: round.events, now: now),
                              scroll: scroll, hint: "i describe · C cordon · U uncordon · no logs")
        case .alert(let key):
            guard let (source, alert) = AlertDetailLines.find(key, in: snapshot) else {
                // The Alertmanager itself, when it could not be read: its reason.
                if let source = snapshot.alertmanagers.first(where: { "source:alertmanager/" + $0.source == key }), let failure = source.failure {
                    return DetailView(title: "Alertmanager " + TerminalText.clean(source.source),
                                      lines: [DetailText.field("state", "? UNKNOWN", .unknown), DetailText.field("reason", failure, .unknown)], scroll: scroll)
                }
                return gone("Alert", scroll: scroll)
            }
            return DetailView(title: "Alert " + TerminalText.clean(alert.alertname), lines: AlertDetailLines.lines(alert, source: source, now: now),
                              scroll: scroll, hint: AlertSilenceFlow.hint)
        case .previousLogs, .describe:
            return gone("Previous run", scroll: scroll)
        case .host:
            return DetailView(title: "Host " + TerminalText.clean(snapshot.host?.hostname ?? ""),
                              lines: HostDetailLines.lines(snapshot.host, processes: processes), scroll: scroll)
        }
    }

    private static func gone(_ title: String, scroll: Int) -> DetailView {
        DetailView(title: title, lines: [StyledLine("no longer seen by the probes (removed, or the probe is failing)", CellStyle(.warn))], scroll: scroll)
    }
}
