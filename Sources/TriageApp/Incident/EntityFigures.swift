import Foundation
import TriageCore

/// An entity's key figures, one short phrase, from the snapshot it was judged from: what a tick's
/// evidence keeps beside the state and reason ("latency 2.1s", "cpu 93% mem 71%", "4 restarts").
enum EntityFigures {
    static func text(_ entity: OutageEntity, snapshot: DashboardSnapshot) -> String? {
        switch entity.kind {
        case .service, .check, .query:
            let name = String(entity.key.dropFirst("service:".count))
            guard let latency = snapshot.services[name]?.latest?.latency else { return nil }
            let ms = latency.milliseconds
            return "latency " + (ms < 1000 ? "\(ms)ms" : String(format: "%.1fs", Double(ms) / 1000))
        case .container:
            guard let container = snapshot.docker.flatMap(\.containers).first(where: { "container:\($0.host)/\($0.name)" == entity.key }),
                  let stats = container.stats else { return nil }
            var parts: [String] = []
            if let cpu = stats.cpuPercent { parts.append("cpu \(Int(cpu.rounded()))%") }
            if let memory = stats.memoryPercent { parts.append("mem \(Int(memory.rounded()))%") }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        case .pod:
            guard let pod = snapshot.kubernetes.flatMap(\.pods).first(where: { OutageEntities.podKey($0) == entity.key }) else { return nil }
            return "\(pod.readyText) ready, \(pod.restarts) restart\(pod.restarts == 1 ? "" : "s")"
        case .node, .events, .host, .source, .alert:
            return nil
        }
    }
}
