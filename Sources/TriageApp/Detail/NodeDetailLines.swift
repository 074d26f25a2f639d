import TriageCore
import TriageUI

/// A node's readiness, pressures and kubelet version, as the probe's node list has them.
enum NodeDetailLines {
    static func lines(_ node: NodeInfo) -> [StyledLine] {
        var out = [
            DetailText.field("Ready", (node.readyStatus ?? "Unknown") + (node.readyMessage.isEmpty ? "" : " (\(node.readyMessage))"),
                             node.isReady ? .ok : .crit, indent: 2),
        ]
        let pressures = node.pressures
        out.append(DetailText.field("pressure", pressures.isEmpty ? "none" : pressures.joined(separator: ", "), pressures.isEmpty ? .normal : .warn, indent: 2))
        out.append(DetailText.field("schedulable", node.unschedulable ? "no (cordoned)" : "yes", node.unschedulable ? .warn : .normal, indent: 2))
        out.append(DetailText.field("kubelet", node.kubeletVersion, indent: 2))
        return out
    }
}
