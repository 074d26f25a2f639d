import Foundation
import TriageCore
import TriageUI

/// Host figures → the Host pane: a gauge per disk, memory and swap, load, CPU and memory history.
enum HostPaneBuilder {
    static func build(_ snapshot: DashboardSnapshot, now: Date) -> PaneModel {
        guard let host = snapshot.host else {
            return .unavailable(.host, message: "reading /proc…")
        }
        var body: [PaneBlock] = []
        var summary: [Span] = []
        if let memory = host.memory {
            body.append(.gauge(Gauge(label: "memory", percent: memory.usedPercent,
                                     detail: "\(bytes(memory.usedKiB * 1024))/\(bytes(memory.totalKiB * 1024))",
                                     state: memory.state)))
            if memory.swapTotalKiB > 0 {
                body.append(.gauge(Gauge(label: "swap", percent: memory.swapUsedPercent,
                                         detail: "\(bytes(memory.swapUsedKiB * 1024))/\(bytes(memory.swapTotalKiB * 1024))",
                                         state: memory.swapUsedPercent >= 80 ? .warn : .ok)))
            }
            summary.append(Span("mem \(Int(memory.usedPercent.rounded()))%  ", CellStyle(memory.state.styleRole)))
        }
        for disk in host.disks {
            body.append(.gauge(Gauge(label: disk.mountPoint, percent: disk.usedPercent,
                                     detail: "\(bytes(disk.usedBytes))/\(bytes(disk.totalBytes))", state: disk.state)))
        }
        if let worstDisk = host.disks.max(by: { $0.usedPercent < $1.usedPercent }) {
            summary.append(Span("disk \(worstDisk.mountPoint) \(Int(worstDisk.usedPercent))%  ", CellStyle(worstDisk.state.styleRole)))
        }
        if let load = host.load {
            let state = load.state(cpuCount: host.cpuCount)
            body.append(.sparkline(label: "load", Sparkline(values: snapshot.loadHistory.values, ceiling: max(Double(host.cpuCount), snapshot.loadHistory.values.compactMap { $0 }.max() ?? 0), style: CellStyle(state.styleRole)),
                                   trailing: StyledLine([Span(String(format: "%.2f %.2f %.2f", load.one, load.five, load.fifteen), CellStyle(state.styleRole)),
                                                         Span(" /\(host.cpuCount) CPU", CellStyle(.muted))])))
            summary.append(Span(String(format: "load %.2f", load.one), CellStyle(state.styleRole)))
        }
        let cpuText = host.cpuPercent.map { String(format: "%5.1f%%", $0) } ?? "    …"
        body.append(.sparkline(label: "cpu", Sparkline(values: snapshot.cpuHistory.values, ceiling: 100), trailing: StyledLine(cpuText, CellStyle(.accent))))
        if let memory = host.memory {
            body.append(.sparkline(label: "mem", Sparkline(values: snapshot.memoryHistory.values, ceiling: 100, style: CellStyle(memory.state.styleRole)),
                                   trailing: StyledLine(String(format: "%5.1f%%", memory.usedPercent), CellStyle(memory.state.styleRole))))
        }
        for problem in host.problems {
            body.append(.line(StyledLine(problem, CellStyle(.unknown))))
        }
        let state = host.state
        return PaneModel(id: .host, state: state, badge: StyledLine(TerminalText.clean(host.hostname), CellStyle(.muted)), body: body, summary: StyledLine(summary))
    }

    /// Bytes in the units `df -h` and `free -h` use (powers of 1024): "16G", "252G", "980M".
    static func bytes(_ value: UInt64) -> String {
        let units = ["B", "K", "M", "G", "T", "P"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024 && unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return amount < 10 && unit > 0 ? String(format: "%.1f", amount) + units[unit] : "\(Int(amount.rounded()))\(units[unit])"
    }
}

/// Outside text made safe for one table cell or title: one line, no controls.
enum TerminalText {
    static func clean(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\n" || character == "\r" || character == "\t" { out.append(" ") } else { out.append(character) }
        }
        return out
    }
}
