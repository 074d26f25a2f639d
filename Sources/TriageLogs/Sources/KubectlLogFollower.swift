import TriageCore

/// `kubectl [--context C] [--namespace NS] logs --follow --timestamps --tail=N (TARGET | -l SELECTOR)`.
///
/// TARGET is a pod name or `deployment/NAME` (kubectl picks one of its pods). With a label selector
/// every matching pod is followed with `--prefix`, so each line carries `[pod/NAME/CONTAINER]`.
/// kubectl never notices pods created after it started, and stops when a followed pod goes away: the
/// follower re-runs it (resuming from the last stamp, `--since-time`) when it ends and, for
/// selectors, every ``maxRunTime`` so new pods join.
public struct KubectlLogFollower: LogCommand {
    public var target: String?
    public var selector: String?
    public var namespace: String?
    public var context: String?
    public var container: String?
    public var tail: Int
    /// How far back the first run starts (`--since=5m`, everything); resumes ignore it.
    public var window: LogWindow
    public var executable: String
    public var maxRunTime: Duration
    /// Extra global flags before the verb (e.g. `--kubeconfig PATH` in tests).
    public var globalArguments: [String]

    public init(target: String? = nil, selector: String? = nil, namespace: String? = nil, context: String? = nil,
                container: String? = nil, tail: Int = 200, window: LogWindow = .recentLines, executable: String = "kubectl",
                maxRunTime: Duration? = nil, globalArguments: [String] = []) {
        precondition(target != nil || selector != nil, "a pod, deployment/NAME or a selector")
        self.target = target
        self.selector = selector
        self.namespace = namespace
        self.context = context
        self.container = container
        self.tail = max(0, tail)
        self.window = window
        self.executable = executable
        self.maxRunTime = maxRunTime ?? (selector != nil ? .seconds(60) : .seconds(1800))
        self.globalArguments = globalArguments
    }

    public var multiPod: Bool { selector != nil }

    public func arguments(since: LogTimestamp?) -> [String] {
        var args = globalArguments
        if let context { args += ["--context", context] }
        if let namespace { args += ["--namespace", namespace] }
        args += ["logs", "--follow", "--timestamps"]
        if let since {
            args += ["--since-time=\(since.rfc3339)", "--tail=-1"]
        } else {
            switch window {
            case .recentLines: args += ["--tail=\(tail)"]
            case .last(let seconds): args += ["--since=\(seconds)s", "--tail=-1"]
            case .everything: args += ["--tail=-1"]
            }
        }
        if let container { args += ["--container", container] }
        if let selector {
            args += ["--selector", selector, "--prefix", "--max-log-requests=20", "--ignore-errors"]
        } else if let target {
            // `--` first: a pod name comes from the API server (the log-source picker) and one
            // spelled `--kubeconfig=…` would otherwise be read by kubectl as an option.
            args += ["--", target]
        }
        return args
    }
}
