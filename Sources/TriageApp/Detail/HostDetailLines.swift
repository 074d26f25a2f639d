import Foundation
import TriageCore
import TriageUI

/// The Host detail view: the load next to what causes it, the processes using the most CPU and
/// memory right now, and the ones stuck in uninterruptible (disk) wait, which load counts too.
enum HostDetailLines {
    static func lines(_ host: HostSnapshot?, processes: [HostProcessSampler.Row], limit: Int = 10) -> [StyledLine] {
        var out: [StyledLine] = []
        if let host {
            let load = host.load.map { String(format: "%.2f %.2f %.2f", $0.one, $0.five, $0.fifteen) } ?? "unknown"
            out.append(DetailText.field("load", "\(load) on \(host.cpuCount) CPU", host.state.styleRole))
            out.append(DetailText.field("cpu", host.cpuPercent.map { String(format: "%.1f%%", $0) } ?? "measuring…"))
            if let memory = host.memory {
                out.append(DetailText.field("memory", String(format: "%.1f%% of %@", memory.usedPercent, bytes(memory.totalKiB * 1024)), memory.state.styleRole))
            }
            for problem in host.problems { out.append(DetailText.field("problem", problem, .warn)) }
        }
        out.append(DetailText.field("processes", "\(processes.count)"))
        let waiting = processes.filter { $0.state == "D" }
        if !waiting.isEmpty {
            out.append(DetailText.field("disk wait (D)", waiting.prefix(8).map { "\($0.command) (\($0.pid))" }.joined(separator: ", "), .warn))
        }
        out.append("")
        out.append(DetailText.heading("Most CPU now"))
        if processes.allSatisfy({ $0.cpuPercent == nil }) {
            out.append(StyledLine("  measuring (a second sample comes within a second)…", CellStyle(.muted)))
        } else {
            out.append(header)
            for row in processes.sorted(by: { ($0.cpuPercent ?? 0, $0.residentBytes) > ($1.cpuPercent ?? 0, $1.residentBytes) }).prefix(limit) {
                out.append(line(row))
            }
        }
        out.append("")
        out.append(DetailText.heading("Most memory"))
        out.append(header)
        for row in processes.sorted(by: { ($0.residentBytes, $0.pid) > ($1.residentBytes, $1.pid) }).prefix(limit) { out.append(line(row)) }
        return out
    }

    private static let header = StyledLine("  " + DisplayWidth.pad("PID", to: 8) + DisplayWidth.pad("CPU%", to: 8, align: .right)
                                           + DisplayWidth.pad("RSS", to: 9, align: .right) + "  S  COMMAND", CellStyle(.muted, [.bold]))

    private static func line(_ row: HostProcessSampler.Row) -> StyledLine {
        let cpu = row.cpuPercent.map { String(format: "%.1f", $0) } ?? "—"
        return StyledLine("  " + DisplayWidth.pad("\(row.pid)", to: 8) + DisplayWidth.pad(cpu, to: 8, align: .right)
                          + DisplayWidth.pad(bytes(row.residentBytes), to: 9, align: .right) + "  \(row.state)  " + TerminalText.clean(row.command))
    }

    static func bytes(_ value: UInt64) -> String {
        let units = ["B", "K", "M", "G", "T"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024 && unit < units.count - 1 { amount /= 1024; unit += 1 }
        return unit == 0 ? "\(value)B" : String(format: amount < 10 ? "%.1f" : "%.0f", amount) + units[unit]
    }
}
