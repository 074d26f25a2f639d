import TriageCore

/// The one-shot command for the logs of a container's *previous* run, where a crash loop's cause
/// is: `kubectl logs --previous` for a pod, and for docker the lines from before the current run
/// started (`docker logs --until STARTED`), or the whole last run of a stopped container.
public enum PreviousLogsCommand: Sendable, Equatable {
    case kubectl(pod: String, namespace: String, context: String?, container: String?)
    case docker(container: String, host: String?, currentRunStartedAt: LogTimestamp?)

    public static let tail = 500

    public var executable: String {
        switch self {
        case .kubectl: "kubectl"
        case .docker: "docker"
        }
    }

    /// argv after the executable. Names come from the API server or the engine, so each goes after
    /// `--`: one spelled `--kubeconfig=…` is never read as an option.
    public var arguments: [String] {
        switch self {
        case .kubectl(let pod, let namespace, let context, let container):
            var args: [String] = []
            if let context { args += ["--context", context] }
            args += ["--namespace", namespace, "logs", "--previous", "--timestamps", "--tail=\(Self.tail)"]
            if let container { args += ["--container", container] }
            return args + ["--", pod]
        case .docker(let container, let host, let started):
            var args: [String] = []
            if let host {
                if host.hasPrefix("context:") { args += ["--context", String(host.dropFirst("context:".count))] } else { args += ["--host", host] }
            }
            args += ["logs", "--timestamps", "--tail", String(Self.tail)]
            if let started { args += ["--until", started.rfc3339] }
            return args + ["--", container]
        }
    }
}
