/// Which docker engine a `DockerProbe` talks to, and which of its containers it shows.
///
/// The engine is named on every docker argv (`--host unix:///...`, `--context prod`), never through a
/// shell or a changed environment, so several hosts can be probed side by side from one process.
public struct DockerHostTarget: Sendable, Hashable {
    public enum Endpoint: Sendable, Hashable {
        /// A `DOCKER_HOST`-style address: `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376`, `ssh://user@host`.
        case host(String)
        /// A docker context by name (`docker context ls`).
        case context(String)
        /// Whatever the docker CLI would use by itself (`DOCKER_HOST`, then the current context).
        case cliDefault
    }

    public var endpoint: Endpoint
    /// Shell-style globs on container names (`codexos-*`); empty means every container.
    public var nameGlobs: [String]
    /// The tag each row carries; defaults to the address, the context name, or "local" (as the config labels it).
    public var tag: String

    public init(endpoint: Endpoint, nameGlobs: [String] = [], tag: String? = nil) {
        self.endpoint = endpoint
        self.nameGlobs = nameGlobs
        switch endpoint {
        case .host(let address): self.tag = tag ?? address
        case .context(let name): self.tag = tag ?? name
        case .cliDefault: self.tag = tag ?? "local"
        }
    }

    /// The global options that select the engine, placed before the subcommand.
    public var globalArguments: [String] {
        switch endpoint {
        case .host(let address): ["--host", address]
        case .context(let name): ["--context", name]
        case .cliDefault: []
        }
    }

    /// True when `name` matches one of the globs (or there are none).
    public func includes(name: String) -> Bool {
        nameGlobs.isEmpty || nameGlobs.contains { Glob.matches(pattern: $0, name) }
    }
}
