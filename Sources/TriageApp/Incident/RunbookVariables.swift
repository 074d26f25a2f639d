import Foundation
import TriageConfig
import TriageCore
import TriageUI

/// The environment a runbook command runs with, bound from what the panes' cursors are on: the
/// Containers cursor gives `$CONTAINER` and `$DOCKER_HOST`, the Pods cursor `$POD`, `$NAMESPACE`,
/// `$CONTEXT` and `$NODE`, the Services cursor `$SERVICE` and `$SERVICE_URL`. So the runbook's
/// `docker restart "$CONTAINER"` restarts the container under the cursor instead of running with
/// `$CONTAINER` empty.
///
/// Values reach the shell as environment variables, never spliced into the command text, so a
/// container or pod name cannot inject shell syntax (the command quotes `"$CONTAINER"` itself).
enum RunbookVariables {
    static let names = TriageConfiguration.runbookVariableNames

    /// The bound variables (only those with a value): the config's `vars:`, then the cursors'.
    static func bound(_ snapshot: DashboardSnapshot?, ui: UIState, sources: DashboardSources, now: Date,
                      picture: OutageEntities? = nil, dockerHostArgument: (String) -> String?) -> [String: String] {
        // `vars:` first; a row under a cursor overrides it.
        var env = sources.runbookVars
        guard let snapshot else { return env }
        func selected(_ pane: PaneID) -> DetailTarget? {
            var probe = ui
            probe.focus = pane
            return SelectedEntity.target(snapshot, ui: probe, now: now, picture: picture)
        }
        if case .container(let id)? = selected(.containers), let container = snapshot.docker.flatMap(\.containers).first(where: { $0.id == id }) {
            env["CONTAINER"] = container.name
            if let host = dockerHostArgument(container.host), !host.hasPrefix("context:") { env["DOCKER_HOST"] = host }
        }
        if case .pod(let id)? = selected(.pods), let pod = snapshot.kubernetes.flatMap(\.pods).first(where: { $0.id == id }) {
            env["POD"] = pod.name
            env["NAMESPACE"] = pod.namespace
            if pod.context != "current" { env["CONTEXT"] = pod.context }
            if let node = pod.node { env["NODE"] = node }
        }
        if case .node(let id)? = selected(.pods), let node = snapshot.kubernetes.flatMap(\.nodes).first(where: { $0.id == id }) {
            env["NODE"] = node.name
            if node.context != "current" { env["CONTEXT"] = node.context }
        }
        if case .service(let name)? = selected(.services) {
            env["SERVICE"] = name
            if let url = sources.checkDefinitions[name]?.first(where: { $0.0 == "URL" })?.1 { env["SERVICE_URL"] = url }
        }
        return env
    }

    /// The binding names `code` uses (`$POD`, `${POD}`), in first-use order.
    static func referenced(in code: String) -> [String] {
        names.filter { name in
            code.contains("${\(name)}") || code.ranges(of: "$" + name).contains { range in
                // `$POD` but not `$PODS`: the next character must end the name.
                range.upperBound == code.endIndex || !(code[range.upperBound].isLetter || code[range.upperBound].isNumber || code[range.upperBound] == "_")
            }
        }
    }

    /// Lines for the confirmation: each variable the command uses, with the value the shell will get.
    static func confirmationLines(code: String, bound: [String: String]) -> [StyledLine] {
        referenced(in: code).map { name in
            if let value = bound[name] {
                return StyledLine([Span("  \(name)=", CellStyle(.muted)), Span(CheckDefinition.shellWord(TerminalText.clean(value)), CellStyle(.accent, [.bold]))])
            }
            return StyledLine("  \(name) is not set: select a row in its pane first", CellStyle(.warn, [.bold]))
        }
    }
}
