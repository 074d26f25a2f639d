/// One action on the selected row, k9s style: the kind of row it applies to, its key, what it says,
/// whether it needs a typed "yes", and the argv it runs (no shell). The registry is ``all``: the
/// keymap, the footer, the help and the detail views read it, so a key does the same on every row of
/// its kind.
public struct SelectionAction: Sendable, Hashable {
    public enum ID: String, Sendable, Hashable, CaseIterable {
        case containerRestart, containerStop, containerStart, podDelete, rolloutRestart, nodeCordon, nodeUncordon
    }

    /// The rows an action applies to. Node actions also apply to a pod row: to the node it runs on.
    public enum Kind: String, Sendable, Hashable {
        case container, pod, node
    }

    public let id: ID
    public let kind: Kind
    public let key: Character
    public let label: String
    /// Needs a typed "yes" (SelectionActionTests checks this agrees with the runbook classifier).
    public let destructive: Bool
    /// Shown in the footer of its pane (the footer has room for a few).
    public let inFooter: Bool

    public static func == (a: SelectionAction, b: SelectionAction) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// The registry.
    public static let all: [SelectionAction] = [
        SelectionAction(id: .containerRestart, kind: .container, key: "R", label: "restart the container", destructive: true, inFooter: true),
        SelectionAction(id: .containerStop, kind: .container, key: "S", label: "stop the container", destructive: true, inFooter: false),
        SelectionAction(id: .containerStart, kind: .container, key: "U", label: "start the container", destructive: false, inFooter: false),
        SelectionAction(id: .podDelete, kind: .pod, key: "D", label: "delete the pod", destructive: true, inFooter: true),
        SelectionAction(id: .rolloutRestart, kind: .pod, key: "R", label: "rollout restart the pod's deployment", destructive: true, inFooter: false),
        SelectionAction(id: .nodeCordon, kind: .node, key: "C", label: "cordon the node", destructive: true, inFooter: false),
        SelectionAction(id: .nodeUncordon, kind: .node, key: "U", label: "uncordon the node", destructive: false, inFooter: false),
    ]

    public static func action(_ id: ID) -> SelectionAction {
        all.first { $0.id == id }!
    }

    /// The action a key asks for on a row of `kind`.
    public static func action(key: Character, kind: Kind) -> SelectionAction? {
        all.first { $0.key == key && $0.kind == kind }
    }

    /// The argv (executable first), or nil when `target` is not what this action acts on (a rollout
    /// restart needs the pod's deployment resolved first).
    public func argv(for target: ActionTarget) -> [String]? {
        switch (id, target) {
        case (.containerRestart, .container(let name, let host)): Self.docker(host) + ["restart", "--", name]
        case (.containerStop, .container(let name, let host)): Self.docker(host) + ["stop", "--", name]
        case (.containerStart, .container(let name, let host)): Self.docker(host) + ["start", "--", name]
        case (.podDelete, .pod(let name, let namespace, let context)):
            // --wait=false: the API server accepting the deletion is the answer; the Pods pane shows the rest.
            Self.kubectl(context, namespace) + ["delete", "pod", "--wait=false", "--", name]
        case (.rolloutRestart, .deployment(let name, let namespace, let context)):
            Self.kubectl(context, namespace) + ["rollout", "restart", "deployment/" + name]
        case (.nodeCordon, .node(let name, let context)): Self.kubectl(context, nil) + ["cordon", "--", name]
        case (.nodeUncordon, .node(let name, let context)): Self.kubectl(context, nil) + ["uncordon", "--", name]
        default: nil
        }
    }

    /// Reads the Deployment that owns a ReplicaSet (prints its name, or nothing when there is none).
    public static func ownerLookupArgv(replicaSet: String, namespace: String, context: String?) -> [String] {
        kubectl(context, namespace) + ["get", "replicaset", "-o", "jsonpath={.metadata.ownerReferences[?(@.kind==\"Deployment\")].name}",
                                       "--", replicaSet]
    }

    /// `kubectl describe` of a pod or node, in full.
    public static func describeArgv(_ target: ActionTarget) -> [String]? {
        switch target {
        case .pod(let name, let namespace, let context): kubectl(context, namespace) + ["describe", "pod", "--", name]
        case .node(let name, let context): kubectl(context, nil) + ["describe", "node", "--", name]
        case .container, .deployment: nil
        }
    }

    static func docker(_ host: String?) -> [String] {
        guard let host else { return ["docker"] }
        if host.hasPrefix("context:") { return ["docker", "--context", String(host.dropFirst("context:".count))] }
        return ["docker", "--host", host]
    }

    static func kubectl(_ context: String?, _ namespace: String?) -> [String] {
        ["kubectl"] + (context.map { ["--context", $0] } ?? []) + (namespace.map { ["--namespace", $0] } ?? [])
    }
}
