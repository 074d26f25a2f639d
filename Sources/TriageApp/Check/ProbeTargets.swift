import TriageConfig
import TriageProbes

/// Turns the config's docker and kubernetes entries into the targets the probes take.
///
/// The config describes what a person wrote (`host:`, `context:`, globs); the probes take argv-ready
/// targets. Both `triage check` and the dashboard convert through here, so a config entry means the
/// same engine and the same row tag everywhere.
extension DockerHostTarget {
    public init(_ target: DockerTarget) {
        switch target.endpoint {
        case .default: self.init(endpoint: .cliDefault, nameGlobs: target.containers, tag: target.label)
        case .host(let host): self.init(endpoint: .host(host), nameGlobs: target.containers, tag: target.label)
        case .context(let name): self.init(endpoint: .context(name), nameGlobs: target.containers, tag: target.label)
        }
    }

    /// The engine as the log followers name it: nil for the CLI default, the address, or "context:NAME".
    public var followerHost: String? {
        switch endpoint {
        case .cliDefault: nil
        case .host(let address): address
        case .context(let name): "context:" + name
        }
    }
}

extension DockerTarget.Endpoint {
    /// The engine as the log followers name it: nil for the CLI default, the address, or "context:NAME".
    public var followerHost: String? {
        switch self {
        case .default: nil
        case .host(let address): address
        case .context(let name): "context:" + name
        }
    }
}

extension KubeTarget {
    public init(_ target: KubernetesTarget) {
        self.init(context: target.context, namespaces: target.namespaces, selector: target.selector)
    }
}
