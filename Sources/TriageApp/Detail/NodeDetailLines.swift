import Foundation
import TriageCore
import TriageUI

/// A node as the Pods pane's probe reads it: its readiness, pressures and kubelet version (a few
/// lines in a pod's view), and in its own view every condition with reason, message and since when,
/// its taints, what is allocatable of its capacity, the pods on it with their states and the
/// recent events about it: all from what the informer already holds (`i` runs `kubectl describe
/// node` for the rest).
enum NodeDetailLines {
    /// Events about the node shown at most, newest first.
    static let eventLimit = 10

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

    /// The node's own view (Enter or `d` on its row, `n` on a pod): `pods` and `events` are its
    /// context's (the ones on it and about it are picked here).
    static func view(_ node: NodeInfo, pods: [PodInfo] = [], events: [KubeEvent] = [], now: Date) -> [StyledLine] {
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
        out.append("")
        out += podLines(node, pods: pods, now: now)
        out.append("")
        out += eventLines(node, events: events, now: now)
        return out
    }

    /// The pods scheduled on the node, worst first, each with its state, READY and STATUS.
    static func podLines(_ node: NodeInfo, pods: [PodInfo], now: Date) -> [StyledLine] {
        let on = pods.filter { $0.context == node.context && $0.node == node.name }
            .map { (state: $0.healthState(now: now), pod: $0) }
            .sorted { ($0.state, $1.pod.namespace, $1.pod.name) > ($1.state, $0.pod.namespace, $0.pod.name) }
        let failing = on.count { $0.state != .ok }
        var out = [DetailText.heading("Pods on it (\(on.count)" + (failing > 0 ? ", \(failing) not ok" : "") + ")")]
        if on.isEmpty { out.append(StyledLine("  none seen", CellStyle(.muted))) }
        for (state, pod) in on {
            out.append(StyledLine([
                Span("  \(state.symbol) ", CellStyle(state.styleRole, [.bold])),
                Span(DisplayWidth.pad(TerminalText.clean(pod.namespace + "/" + pod.name), to: 40) + " "),
                Span(DisplayWidth.pad(pod.readyText, to: 5) + " ", CellStyle(.muted)),
                Span(TerminalText.clean(pod.status), CellStyle(state.styleRole)),
            ]))
        }
        return out
    }

    /// The recent events whose object is the node, newest first.
    static func eventLines(_ node: NodeInfo, events: [KubeEvent], now: Date) -> [StyledLine] {
        let about = events.filter { $0.context == node.context && $0.objectKind == "Node" && $0.objectName == node.name }
            .sorted { ($0.lastSeen ?? .distantPast) > ($1.lastSeen ?? .distantPast) }
        var out = [DetailText.heading("Recent events")]
        if about.isEmpty { out.append(StyledLine("  none about this node", CellStyle(.muted))) }
        for event in about.prefix(eventLimit) {
            let age = event.lastSeen.map { DurationText.age(.seconds(max(0, now.timeIntervalSince($0)))) } ?? "?"
            out.append(StyledLine([
                Span("  " + (event.isWarning ? "⚠" : "·") + " " + age + " ", CellStyle(event.isWarning ? .warn : .muted)),
                Span(TerminalText.clean(event.reason) + ": ", CellStyle(event.isWarning ? .warn : .normal, [.bold])),
                Span(TerminalText.clean(event.message) + (event.count > 1 ? " (×\(event.count))" : ""), CellStyle(.muted)),
            ]))
        }
        if about.count > eventLimit { out.append(StyledLine("  +\(about.count - eventLimit) older", CellStyle(.muted))) }
        return out
    }
}
