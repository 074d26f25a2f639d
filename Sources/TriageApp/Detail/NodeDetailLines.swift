import Foundation
import TriageCore
import TriageUI

/// A node as the Pods pane's probe reads it: its readiness, pressures and kubelet version (a few
/// lines in a pod's view), and in its own view every condition with reason, message and since when,
/// its taints, and what is allocatable of its capacity.
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

    /// The node's own view (`n` on a pod).
    static func view(_ node: NodeInfo, now: Date) -> [StyledLine] {
        let state = node.healthState
        var out = [
            DetailText.field("status", "\(state.symbol) \(node.statusText)", state.styleRole),
            DetailText.field("schedulable", node.unschedulable ? "no (cordoned)" : "yes", node.unschedulable ? .warn : .normal),
            DetailText.field("kubelet", node.kubeletVersion),
            DetailText.field("context", node.context),
            "",
            DetailText.heading("Conditions"),
        ]
        if node.conditions.isEmpty { out.append(StyledLine("  none reported", CellStyle(.muted))) }
        for condition in node.conditions {
            out.append(DetailText.field(condition.type, condition.status + (condition.reason.isEmpty ? "" : "  " + condition.reason),
                                        condition.isHealthy ? .normal : (condition.type == "Ready" ? .crit : .warn), indent: 2))
            let since = condition.lastTransition.map { "since " + DetailText.time($0, now: now) }
            let detail = [condition.message.isEmpty ? nil : condition.message, since].compactMap { $0 }.joined(separator: " · ")
            if !detail.isEmpty { out.append(StyledLine(String(repeating: " ", count: 20) + TerminalText.clean(detail), CellStyle(.muted))) }
        }
        out.append("")
        out.append(DetailText.heading("Taints"))
        if node.taints.isEmpty { out.append(StyledLine("  none", CellStyle(.muted))) }
        for taint in node.taints { out.append(StyledLine("  " + TerminalText.clean(taint), CellStyle(taint.hasSuffix(":NoExecute") ? .warn : .normal))) }
        out.append("")
        out.append(DetailText.heading("Allocatable of capacity"))
        let resources = Set(node.capacity.keys).union(node.allocatable.keys)
        if resources.isEmpty { out.append(StyledLine("  not reported", CellStyle(.muted))) }
        // The ones a scheduling failure names first, then the rest by name.
        let first = ["cpu", "memory", "pods", "ephemeral-storage"]
        for name in first.filter(resources.contains) + resources.subtracting(first).sorted() {
            out.append(StyledLine([Span("  " + DisplayWidth.pad(TerminalText.clean(name), to: 18) + " ", CellStyle(.muted)),
                                   Span(TerminalText.clean((node.allocatable[name] ?? "?") + " of " + (node.capacity[name] ?? "?")))]))
        }
        return out
    }
}
