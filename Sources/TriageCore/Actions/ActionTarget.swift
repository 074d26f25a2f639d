/// What an action on the selection acts on, with what its argv needs. Names come from the engine or
/// the API server (outside text): they only ever become single argv words, after `--` where the
/// tool takes one, never shell text.
public enum ActionTarget: Sendable, Equatable {
    /// A container; `host` is the docker CLI's host argument (`unix://…`, `tcp://…`, or
    /// `context:NAME` for a docker context), nil for the CLI's default.
    case container(name: String, host: String?)
    /// A pod; `context` nil for kubectl's current context.
    case pod(name: String, namespace: String, context: String?)
    /// The Deployment a pod's ReplicaSet belongs to (resolved with ``SelectionAction/ownerLookupArgv(replicaSet:namespace:context:)``).
    case deployment(name: String, namespace: String, context: String?)
    /// A node.
    case node(name: String, context: String?)

    /// How the confirmation and the timeline name it.
    public var displayName: String {
        switch self {
        case .container(let name, _): "container \(name)"
        case .pod(let name, let namespace, _): "pod \(namespace)/\(name)"
        case .deployment(let name, let namespace, _): "deployment \(namespace)/\(name)"
        case .node(let name, _): "node \(name)"
        }
    }
}
