import TriageCore

/// `docker [--host H] logs --follow --timestamps --tail N [--since T] NAME`.
///
/// Works against any Docker API engine the CLI reaches (podman's included). A resume asks for
/// everything since the last stamp shown (`--tail all`), and ``ResumeFilter`` drops the repeats.
public struct DockerLogFollower: LogCommand {
    public var container: String
    public var host: String?
    public var tail: Int
    /// How far back the first run starts (`--since 5m`, everything); resumes ignore it.
    public var window: LogWindow
    public var executable: String
    public var maxRunTime: Duration

    public init(container: String, host: String? = nil, tail: Int = 200, window: LogWindow = .recentLines,
                executable: String = "docker", maxRunTime: Duration = .seconds(1800)) {
        self.container = container
        self.host = host
        self.tail = max(0, tail)
        self.window = window
        self.executable = executable
        self.maxRunTime = maxRunTime
    }

    public func arguments(since: LogTimestamp?) -> [String] {
        var args: [String] = []
        // "context:NAME" selects a docker context; anything else is a DOCKER_HOST address.
        if let host {
            if host.hasPrefix("context:") { args += ["--context", String(host.dropFirst("context:".count))] } else { args += ["--host", host] }
        }
        args += ["logs", "--follow", "--timestamps"]
        if let since {
            args += ["--since", since.rfc3339, "--tail", "all"]
        } else {
            switch window {
            case .recentLines: args += ["--tail", String(tail)]
            case .last(let seconds): args += ["--since", "\(seconds)s", "--tail", "all"]
            case .everything: args += ["--tail", "all"]
            }
        }
        args += ["--", container]
        return args
    }
}
