/// One docker engine to watch (`docker:` in triage.yaml) and which of its containers.
public struct DockerTarget: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        /// The CLI's own default (its current context or `DOCKER_HOST`).
        case `default`
        /// A `DOCKER_HOST` value: `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376`, `ssh://ops@db1`.
        case host(String)
        /// A docker context name (`docker --context NAME`).
        case context(String)
    }

    public var endpoint: Endpoint
    /// Name globs (`codexos-*`); empty means all containers.
    public var containers: [String]

    public init(endpoint: Endpoint = .default, containers: [String] = []) {
        self.endpoint = endpoint
        self.containers = containers
    }

    /// The label rows are tagged with: the host URL, the context name, or `local`.
    public var label: String {
        switch endpoint {
        case .default: "local"
        case .host(let host): host
        case .context(let context): context
        }
    }
}
