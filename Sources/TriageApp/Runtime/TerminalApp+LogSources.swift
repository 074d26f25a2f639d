import TriageCore
import TriageUI

/// What the log-source picker (`s` in the Logs pane) lists: the followed sources and what could be.
extension TerminalApp {
    /// Containers and pods the other panes show whose logs are not followed yet: the picker offers them.
    func logCandidates() -> [(kind: LogSource.Kind, name: String, label: String)] {
        guard let snapshot = latestSnapshot else { return [] }
        let followed = Set(logs.sources.map(\.source.kind))
        var result: [(LogSource.Kind, String, String)] = []
        for host in snapshot.docker {
            let argument = dockerHostArgument(host.host)
            for container in host.containers.sorted(by: { $0.name < $1.name }) {
                let kind = LogSource.Kind.docker(container: container.name, host: argument)
                if !followed.contains(kind) { result.append((kind, container.name, "container \(container.name) on \(host.host)")) }
            }
        }
        for context in snapshot.kubernetes {
            for pod in context.pods.sorted(by: { ($0.namespace, $0.name) < ($1.namespace, $1.name) }) {
                let kind = LogSource.Kind.kubectl(target: pod.name, selector: nil, namespace: pod.namespace,
                                                  context: pod.context == "current" ? nil : pod.context, container: nil)
                if !followed.contains(kind) { result.append((kind, pod.name, "pod \(pod.namespace)/\(pod.name) (\(pod.context))")) }
            }
        }
        return Array(result.prefix(40))
    }

    func sourceListLines() -> [StyledLine] {
        logs.sources.enumerated().map { index, status in
            let visible = logs.isSourceVisible(status.source.id)
            let spark = Sparkline(values: status.errorsPerMinute.map { Double($0) }).text(width: 15)
            return StyledLine([
                Span("\(index + 1) ", CellStyle(.footerKey, [.bold])),
                Span(visible ? "● " : "○ ", CellStyle(visible ? .ok : .muted)),
                Span(DisplayWidth.pad(TerminalText.clean(status.source.shortName), to: 16), CellStyle(StyleRole.sources[status.source.colorIndex % StyleRole.sources.count])),
                Span(DisplayWidth.pad(LogsPaneBuilder.describe(status).split(separator: ":", maxSplits: 1).last.map(String.init) ?? "", to: 24), CellStyle(.muted)),
                Span(" err/min " + spark, CellStyle(.crit)),
            ])
        }
    }
}
