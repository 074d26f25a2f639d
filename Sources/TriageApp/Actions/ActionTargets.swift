import Foundation
import TriageCore
import TriageUI

/// The entity of a detail view or selected row → what a selection action acts on, from the newest
/// snapshot (so an action acts on the entity the person looked at, not on a row that moved under it).
enum ActionTargets {
    /// The target `action` acts on for `entity`; nil when it does not apply. A rollout restart gets
    /// the pod (its deployment is resolved before asking); a node action on a pod gets its node.
    static func target(_ action: SelectionAction, entity: DetailTarget, snapshot: DashboardSnapshot,
                       dockerHostArgument: (String) -> String?) -> ActionTarget? {
        switch action.kind {
        case .container:
            guard case .container(let id) = entity, let container = snapshot.docker.flatMap(\.containers).first(where: { $0.id == id }) else { return nil }
            return .container(name: container.name, host: dockerHostArgument(container.host))
        case .pod:
            guard case .pod(let id) = entity, let pod = pod(id, snapshot) else { return nil }
            return .pod(name: pod.name, namespace: pod.namespace, context: kubectlContext(pod.context))
        case .node:
            return node(of: entity, snapshot: snapshot)
        }
    }

    /// What `kubectl describe` describes for a pod's or node's view.
    static func described(_ entity: DetailTarget, snapshot: DashboardSnapshot) -> ActionTarget? {
        switch entity {
        case .pod(let id):
            guard let pod = pod(id, snapshot) else { return nil }
            return .pod(name: pod.name, namespace: pod.namespace, context: kubectlContext(pod.context))
        case .node: return node(of: entity, snapshot: snapshot)
        default: return nil
        }
    }

    /// A node's view's node, or the node a pod runs on.
    static func node(of entity: DetailTarget, snapshot: DashboardSnapshot) -> ActionTarget? {
        switch entity {
        case .node(let id):
            guard let node = snapshot.kubernetes.flatMap(\.nodes).first(where: { $0.id == id }) else { return nil }
            return .node(name: node.name, context: kubectlContext(node.context))
        case .pod(let id):
            guard let pod = pod(id, snapshot), let name = pod.node else { return nil }
            return .node(name: name, context: kubectlContext(pod.context))
        default:
            return nil
        }
    }

    /// The node view's target for a pod: its node's id as the probe keys nodes (context/name); a
    /// node's row is its own.
    static func nodeView(of entity: DetailTarget, snapshot: DashboardSnapshot) -> DetailTarget? {
        if case .node = entity { return entity }
        guard case .pod(let id) = entity, let pod = pod(id, snapshot), let name = pod.node else { return nil }
        return .node(pod.context + "/" + name)
    }

    /// The pod's owning ReplicaSet's name, when its owner is one (`ReplicaSet/payments-6b8d`).
    static func replicaSet(of pod: PodInfo) -> String? {
        let parts = pod.owner.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, parts[0] == "ReplicaSet" else { return nil }
        return String(parts[1])
    }

    static func pod(_ id: String, _ snapshot: DashboardSnapshot) -> PodInfo? {
        snapshot.kubernetes.flatMap(\.pods).first { $0.id == id }
    }

    /// The probe calls kubectl's current context "current": no `--context` for it.
    static func kubectlContext(_ context: String) -> String? {
        context == "current" ? nil : context
    }
}
