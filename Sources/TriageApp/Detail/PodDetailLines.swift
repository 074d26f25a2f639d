import Foundation
import TriageCore
import TriageUI

/// The Pods detail view: what `kubectl describe pod` would answer first in a crash loop (each
/// container's state and last state with its reason and exit code, restarts, readiness), the pod's
/// conditions, its node, and its own events newest first.
enum PodDetailLines {
    static func lines(_ pod: PodInfo, events: [KubeEvent], nodes: [NodeInfo], now: Date) -> [StyledLine] {
        let state = pod.healthState(now: now)
        var out: [StyledLine] = [
            DetailText.field("status", "\(state.symbol) \(pod.status)", state.styleRole),
            DetailText.field("phase", pod.facts.phase + (pod.facts.reason.isEmpty ? "" : " (\(pod.facts.reason))")),
        ]
        if !pod.facts.message.isEmpty { out.append(DetailText.field("message", pod.facts.message, .warn)) }
        out += [
            DetailText.field("namespace", pod.namespace),
            DetailText.field("context", pod.context),
            DetailText.field("node", pod.node ?? "not scheduled", pod.node == nil ? .warn : .normal),
            DetailText.field("IP", pod.podIP),
            DetailText.field("owner", pod.owner),
            DetailText.field("QoS", pod.qosClass),
            DetailText.field("age", pod.ageText(now: now)),
            DetailText.field("ready", pod.readyText, pod.readyContainers < pod.totalContainers ? .warn : .normal),
            DetailText.field("restarts", pod.columns.restartsText(now: now)),
        ]
        for (title, statuses) in [("Init containers", pod.facts.initContainerStatuses), ("Containers", pod.facts.containerStatuses)] where !statuses.isEmpty {
            out.append("")
            out.append(DetailText.heading(title))
            for container in statuses { out += containerLines(container, image: pod.images[container.name], now: now) }
        }
        let missing = pod.facts.containerNames.filter { name in !pod.facts.containerStatuses.contains { $0.name == name } }
        if !missing.isEmpty { out.append(DetailText.field("no status yet", missing.joined(separator: ", "), .muted, indent: 2)) }
        if !pod.facts.conditions.isEmpty {
            out.append("")
            out.append(DetailText.heading("Conditions"))
            for type in pod.facts.conditions.keys.sorted() {
                let value = pod.facts.conditions[type] ?? ""
                let reason = pod.facts.conditionReasons[type].map { " (\($0))" } ?? ""
                out.append(DetailText.field(type, value + reason, value == "True" ? .normal : .warn, indent: 2))
            }
        }
        if let name = pod.node, let node = nodes.first(where: { $0.context == pod.context && $0.name == name }) {
            out.append("")
            out.append(DetailText.heading("Node \(name)"))
            out += NodeDetailLines.lines(node)
        }
        out.append("")
        let own = events.filter { $0.context == pod.context && $0.namespace == pod.namespace && $0.objectKind == "Pod" && $0.objectName == pod.name }
            .sorted { ($0.lastSeen ?? .distantPast) > ($1.lastSeen ?? .distantPast) }
        out.append(DetailText.heading("Events (\(own.count), newest first)"))
        if own.isEmpty { out.append(StyledLine("  none seen (triage reads warning events)", CellStyle(.muted))) }
        for event in own {
            let age = event.lastSeen.map { DurationText.age(.seconds(max(0, now.timeIntervalSince($0)))) } ?? "?"
            out.append(StyledLine([
                Span("  \(DisplayWidth.pad(age, to: 5)) ", CellStyle(.muted)),
                Span(TerminalText.clean(event.type) + " ", CellStyle(event.isWarning ? .warn : .normal)),
                Span(TerminalText.clean(event.reason) + ": ", CellStyle(event.isWarning ? .warn : .normal, [.bold])),
                Span(TerminalText.clean(event.message) + (event.count > 1 ? " (×\(event.count))" : "")),
            ]))
        }
        if !pod.labels.isEmpty {
            out.append("")
            out.append(DetailText.heading("Labels"))
            for key in pod.labels.keys.sorted() { out.append(DetailText.field(key, pod.labels[key] ?? "", indent: 2)) }
        }
        return out
    }

    static func containerLines(_ container: KubeContainerStatus, image: String?, now: Date) -> [StyledLine] {
        var out = [StyledLine([Span("  " + TerminalText.clean(container.name), CellStyle(.normal, [.bold])),
                               Span(container.ready ? "  ready" : "  not ready", CellStyle(container.ready ? .ok : .warn))])]
        if let image { out.append(DetailText.field("image", image, indent: 4)) }
        switch container.state {
        case .waiting(let reason, let message):
            out.append(DetailText.field("state", "Waiting: \(reason)", .crit, indent: 4))
            if !message.isEmpty { out.append(DetailText.field("message", message, .warn, indent: 4)) }
        case .running(let started):
            out.append(DetailText.field("state", "Running since " + DetailText.time(started, now: now), .ok, indent: 4))
        case .terminated(let done):
            out += terminated("state", done, now: now)
        case .unset:
            out.append(DetailText.field("state", "unknown", .muted, indent: 4))
        }
        if let last = container.lastTerminated { out += terminated("last state", last, now: now) }
        out.append(DetailText.field("restarts", "\(container.restartCount)", container.restartCount > 0 ? .warn : .normal, indent: 4))
        return out
    }

    private static func terminated(_ label: String, _ done: KubeContainerStatus.Terminated, now: Date) -> [StyledLine] {
        let signal = done.signal != 0 ? ", signal \(done.signal)" : ""
        var out = [DetailText.field(label, "Terminated: \(done.reason.isEmpty ? "exited" : done.reason), exit code \(done.exitCode)\(signal)",
                                    done.exitCode == 0 ? .normal : .crit, indent: 4)]
        if !done.message.isEmpty { out.append(DetailText.field("message", done.message, .warn, indent: 6)) }
        out.append(DetailText.field("started", DetailText.time(done.startedAt, now: now), indent: 6))
        out.append(DetailText.field("finished", DetailText.time(done.finishedAt, now: now), indent: 6))
        return out
    }
}
