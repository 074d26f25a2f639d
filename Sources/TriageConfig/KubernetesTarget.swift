/// One kubectl scope to watch (`kubernetes:` in triage.yaml).
public struct KubernetesTarget: Sendable, Equatable {
    /// A kubeconfig context; nil: kubectl's current context.
    public var context: String?
    /// Namespaces to watch; empty: all namespaces.
    public var namespaces: [String]
    /// A label selector (`app=auth,tier!=cache`); nil: every pod.
    public var selector: String?

    public init(context: String? = nil, namespaces: [String] = [], selector: String? = nil) {
        self.context = context
        self.namespaces = namespaces
        self.selector = selector
    }
}
