/// One Kubernetes scope a `KubeProbe` watches: a context, its namespaces (or all) and a label selector.
///
/// Everything is passed to kubectl on its argv (`--context`, `-n`, `-l`, `--kubeconfig`), so several
/// contexts can be watched side by side without touching the user's current context.
public struct KubeTarget: Sendable, Hashable {
    /// nil: kubectl's current context.
    public var context: String?
    /// Empty: all namespaces (`-A`).
    public var namespaces: [String]
    /// A label selector (`app=auth`), or nil.
    public var selector: String?
    /// An explicit kubeconfig file, or nil for kubectl's own resolution (`KUBECONFIG`, ~/.kube/config).
    public var kubeconfig: String?

    public init(context: String? = nil, namespaces: [String] = [], selector: String? = nil, kubeconfig: String? = nil) {
        self.context = context
        self.namespaces = namespaces
        self.selector = selector.flatMap { $0.isEmpty ? nil : $0 }
        self.kubeconfig = kubeconfig
    }

    /// The name rows and reasons carry: the context, or "current" for kubectl's current context.
    public var contextName: String { context ?? "current" }

    /// `--kubeconfig` and `--context`, placed before the subcommand.
    public var globalArguments: [String] {
        var args: [String] = []
        if let kubeconfig { args += ["--kubeconfig", kubeconfig] }
        if let context { args += ["--context", context] }
        return args
    }

    /// One namespace scope per watch stream: each namespace, or all of them.
    public var scopes: [[String]] {
        namespaces.isEmpty ? [["-A"]] : namespaces.map { ["-n", $0] }
    }

    public var selectorArguments: [String] { selector.map { ["-l", $0] } ?? [] }
}
