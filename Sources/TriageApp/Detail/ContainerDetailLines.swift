import Foundation
import TriageCore
import TriageUI

/// The Containers detail view: why a container is down (state, exit code, OOM kill, the engine's
/// error, the last health-check output) and what it is (image, ports, mounts, labels, host).
enum ContainerDetailLines {
    static func lines(_ container: ContainerInfo, now: Date) -> [StyledLine] {
        let state = container.healthState
        let details = container.details
        var out = [
            DetailText.field("state", "\(state.symbol) \(container.state.word)" + (container.reason.map { " — \($0)" } ?? ""), state.styleRole),
            DetailText.field("status", container.statusText),
            DetailText.field("exit code", container.exitCode.map(String.init) ?? "", (container.exitCode ?? 0) != 0 ? .crit : .normal),
            DetailText.field("OOM-killed", container.oomKilled ? "yes" : "no", container.oomKilled ? .crit : .normal),
        ]
        if let error = details?.error, !error.isEmpty { out.append(DetailText.field("error", error, .crit)) }
        out += [
            DetailText.field("restarts", container.restarts.map(String.init) ?? "", container.restartedRecently ? .warn : .normal),
            DetailText.field("restart policy", details?.restartPolicy ?? ""),
            DetailText.field("started", DetailText.time(container.startedAt, now: now)),
            DetailText.field("finished", DetailText.time(container.finishedAt, now: now)),
        ]
        if container.health != .none {
            out.append(DetailText.field("health", container.health.rawValue + ((details?.healthFailingStreak ?? 0) > 0 ? ", failing \(details?.healthFailingStreak ?? 0) in a row" : ""),
                                        container.health == .unhealthy ? .crit : .normal))
            if let output = details?.lastHealthOutput, !output.isEmpty {
                out.append(DetailText.field("last check", "", .muted))
                for line in output.split(separator: "\n").prefix(8) { out.append(StyledLine("    " + TerminalText.clean(String(line)), CellStyle(.muted))) }
            }
        }
        out += [
            DetailText.field("image", container.image),
            DetailText.field("host", container.host),
            DetailText.field("id", String(container.containerID.prefix(12))),
        ]
        if let stats = container.stats {
            out.append(DetailText.field("cpu", stats.cpuPercent.map { String(format: "%.1f%%", $0) } ?? ""))
            if let used = stats.memoryUsageBytes {
                out.append(DetailText.field("memory", HostDetailLines.bytes(UInt64(max(0, used))) + (stats.memoryLimitBytes.map { " of " + HostDetailLines.bytes(UInt64(max(0, $0))) } ?? "")))
            }
        }
        guard let details else {
            out.append(StyledLine("docker inspect has not read this container yet", CellStyle(.muted)))
            return out
        }
        out.append(DetailText.field("ports", details.ports.isEmpty ? "none published" : details.ports.joined(separator: ", ")))
        if !details.mounts.isEmpty {
            out.append("")
            out.append(DetailText.heading("Mounts"))
            for mount in details.mounts { out.append(StyledLine("  " + TerminalText.clean(mount))) }
        }
        if !details.labels.isEmpty {
            out.append("")
            out.append(DetailText.heading("Labels"))
            for key in details.labels.keys.sorted() { out.append(DetailText.field(key, details.labels[key] ?? "", indent: 2)) }
        }
        return out
    }
}
