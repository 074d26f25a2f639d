import Foundation
import Synchronization
import TriageCore
import TriageLogs
import TriageProbes
import TriageUI

/// A command's output fetched once in the background and shown in a detail view (sanitized) as
/// soon as it arrives: `p`, the logs of a container's or pod's previous run, and `i`,
/// `kubectl describe` of a pod or node in full.
final class FetchedOutput: Sendable {
    struct State: Sendable {
        var lines: [String] = []
        var status: String = "fetching…"
        var done = false
    }

    let title: String
    /// The argv, executable first.
    let argv: [String]
    /// Said when the command succeeds and prints nothing.
    let emptyNote: String
    private let state = Mutex(State())
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    init(title: String, argv: [String], emptyNote: String) {
        self.title = title
        self.argv = argv
        self.emptyNote = emptyNote
    }

    /// The previous run's logs (`p`).
    convenience init(title: String, previousLogs command: PreviousLogsCommand) {
        self.init(title: title, argv: [command.executable] + command.arguments,
                  emptyNote: "no lines: the previous run printed nothing, or there is none")
    }

    var current: State { state.withLock { $0 } }

    /// The command for a container or pod target, and the view's title; nil for other targets.
    static func previousLogsCommand(for target: DetailTarget, snapshot: DashboardSnapshot,
                        dockerHostArgument: (String) -> String?) -> (PreviousLogsCommand, String)? {
        switch target {
        case .container(let id):
            guard let container = snapshot.docker.flatMap(\.containers).first(where: { $0.id == id }) else { return nil }
            // Running: its previous run ended when this one started. Stopped: its last run is the current one.
            let started = container.state == .running || container.state == .restarting
                ? container.startedAt.map { LogTimestamp(seconds: Int64($0.timeIntervalSince1970)) } : nil
            return (.docker(container: container.name, host: dockerHostArgument(container.host), currentRunStartedAt: started),
                    "Last run of container " + container.name)
        case .pod(let id):
            guard let pod = snapshot.kubernetes.flatMap(\.pods).first(where: { $0.id == id }) else { return nil }
            // The container that restarted, when there are several.
            let restarted = pod.facts.containerStatuses.max { $0.restartCount < $1.restartCount }
            let container = pod.facts.containerStatuses.count > 1 ? restarted?.name : nil
            return (.kubectl(pod: pod.name, namespace: pod.namespace, context: pod.context == "current" ? nil : pod.context, container: container),
                    "Previous run of pod \(pod.namespace)/\(pod.name)" + (container.map { " (\($0))" } ?? ""))
        case .service, .alert, .host, .node, .previousLogs, .describe:
            return nil
        }
    }

    /// Runs the command once (20 s at most) and keeps its lines.
    func start() {
        let argv = argv
        let handle = Task { [self] in
            let outcome = await ProcessRunner.run(argv[0], Array(argv.dropFirst()), deadline: .seconds(20))
            let text = outcome.succeeded ? outcome.stdoutText : outcome.stderrText
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalSanitizer.clean(String($0), newline: " ") }
            self.state.withLock {
                $0.lines = lines.last == "" ? Array(lines.dropLast()) : lines
                $0.status = outcome.succeeded ? "\($0.lines.count) lines" : "failed: " + (outcome.failureReason ?? "no output")
                $0.done = true
            }
        }
        task.withLock { $0 = handle }
    }

    func cancel() { task.withLock { $0?.cancel() } }

    var view: [StyledLine] {
        let now = current
        let shown = argv.map(CheckDefinition.shellWord).joined(separator: " ")
        var out = [StyledLine("$ " + TerminalSanitizer.clean(shown, newline: " "), CellStyle(.muted)),
                   StyledLine(now.status, CellStyle(now.done && now.status.hasPrefix("failed") ? .crit : .muted))]
        if now.done && now.lines.isEmpty { out.append(StyledLine(emptyNote, CellStyle(.muted))) }
        out += now.lines.map { StyledLine($0) }
        return out
    }
}
