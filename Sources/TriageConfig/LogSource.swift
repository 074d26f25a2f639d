/// One log stream for the log pane (`logs:` in triage.yaml).
public enum LogSource: Sendable, Equatable {
    /// `- docker: web` or a glob (`api-*`), optionally on another engine (`host:` or `context:`).
    case docker(container: String, endpoint: DockerTarget.Endpoint)
    /// `- kubectl: deployment/auth` (or `pod/NAME`, or a bare pod name) with optional scope.
    case kubectl(target: String, context: String?, namespace: String?, selector: String?)
    /// `- file: /var/log/app.log`
    case file(path: String)

    /// What the log pane shows as the stream's name.
    public var label: String {
        switch self {
        case .docker(let container, let endpoint):
            if case .default = endpoint { return "docker:\(container)" }
            return "docker:\(container)@\(DockerTarget(endpoint: endpoint).label)"
        case .kubectl(let target, let context, let namespace, _):
            return "kubectl:" + [context, namespace].compactMap { $0 }.map { $0 + "/" }.joined() + target
        case .file(let path):
            return path
        }
    }
}
