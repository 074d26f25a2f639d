import Foundation
import TriageCore

/// Parses `kubectl get nodes -o json` into `NodeInfo` values.
public enum KubeNodeListParser {
    public static func parse(_ data: Data, context: String) throws(KubeParseError) -> [NodeInfo] {
        let list: KubeJSON.List<KubeJSON.Node>
        do {
            list = try JSONDecoder().decode(KubeJSON.List<KubeJSON.Node>.self, from: data)
        } catch {
            throw KubeParseError("kubectl printed something that is not a node list: \(KubePodListParser.describe(error))")
        }
        guard let items = list.items else { throw KubeParseError(list.message ?? "kubectl's JSON has no items") }
        return items.compactMap { $0.value.flatMap { node($0, context: context) } }
    }

    /// One node object (a list item or a watch event's object); nil without a name.
    static func node(_ node: KubeJSON.Node, context: String) -> NodeInfo? {
        guard let name = node.metadata?.name else { return nil }
        var byType: [String: KubeJSON.Condition] = [:]
        for condition in node.status?.conditions ?? [] {
            if let type = condition.type { byType[type] = condition }
        }
        func isTrue(_ type: String) -> Bool { byType[type]?.status == "True" }
        let ready = byType["Ready"]
        var info = NodeInfo(
            context: context, name: name, readyStatus: ready?.status,
            memoryPressure: isTrue("MemoryPressure"), diskPressure: isTrue("DiskPressure"),
            pidPressure: isTrue("PIDPressure"), networkUnavailable: isTrue("NetworkUnavailable"),
            unschedulable: node.spec?.unschedulable ?? false,
            kubeletVersion: node.status?.nodeInfo?.kubeletVersion ?? "",
            readyMessage: ready?.status == "True" ? "" : (ready?.message ?? ""))
        info.conditions = (node.status?.conditions ?? []).compactMap { condition in
            guard let type = condition.type else { return nil }
            return NodeCondition(type: type, status: condition.status ?? "Unknown", reason: condition.reason ?? "",
                                 message: condition.message ?? "", lastTransition: condition.lastTransitionTime.flatMap(RFC3339.parse))
        }
        info.taints = (node.spec?.taints ?? []).compactMap { taint in
            guard let key = taint.key else { return nil }
            return key + (taint.value.map { $0.isEmpty ? "" : "=" + $0 } ?? "") + ":" + (taint.effect ?? "")
        }
        info.capacity = node.status?.capacity ?? [:]
        info.allocatable = node.status?.allocatable ?? [:]
        return info
    }
}
