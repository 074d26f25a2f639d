import Foundation
import TriageCore
import TriageUI

/// Host figures → the Host pane: a gauge per disk, memory and swap, load, CPU and memory history.
///
/// The border carries the pane's state like every pane's: "✖ load 13.0 on 2 CPUs" with the worst
/// figure's reason, "● ok" when nothing is past its threshold (``HostThresholds``, load per CPU in
/// ``LoadAverage/state(cpuCount:)``). The summary strip puts the reasons first, so the narrowest
/// strip still says why.
enum HostPaneBuilder {
    /// A figure past its threshold, in the words the badge and the strip use.
    struct Finding {
        var state: HealthState
        var reason: String
    }

    /// What is wrong with the host, worst first (load, disks, memory within a state): "load 13.0 on
    /// 2 CPUs", "/ 97% full", "memory 95%", or why a figure could not be read.
    static func findings(_ host: HostSnapshot) -> [Finding] {
        var found: [Finding] = []
        if let load = host.load, load.state(cpuCount: host.cpuCount) > .ok {
            let cpus = host.cpuCount == 1 ? "1 CPU" : "\(host.cpuCount) CPUs"
            found.append(Finding(state: load.state(cpuCount: host.cpuCount), reason: "load " + FixedDecimal.text(load.one, digits: 1) + " on " + cpus))
        }
        for disk in host.disks.sorted(by: { $0.usedPercent > $1.usedPercent }) where disk.state > .ok {
            found.append(Finding(state: disk.state, reason: "\(TerminalText.clean(disk.mountPoint)) \(Int(disk.usedPercent))% full"))
        }
        if let memory = host.memory, memory.state > .ok {
            found.append(Finding(state: memory.state, reason: "memory \(Int(memory.usedPercent.rounded()))%"))
        }
        for problem in host.problems { found.append(Finding(state: .unknown, reason: TerminalText.clean(problem))) }
        // Stable: within a state, the order above.
        return found.enumerated().sorted { ($0.element.state, $1.offset) > ($1.element.state, $0.offset) }.map(\.element)
    }

    /// "✖ load 13.0 on 2 CPUs +1 · vm": the worst reason, how many more, the host name.
    static func badge(_ host: HostSnapshot, findings: [Finding]) -> StyledLine {
        var spans: [Span] = []
        if let worst = findings.first {
            spans.append(Span("\(worst.state.symbol) \(worst.reason)", CellStyle(worst.state.styleRole, [.bold])))
            if findings.count > 1 { spans.append(Span(" +\(findings.count - 1)", CellStyle(worst.state.styleRole))) }
        } else {
            spans.append(Span("\(HealthState.ok.symbol) ok", CellStyle(HealthState.ok.styleRole, [.bold])))
        }
        spans.append(Span(" · \(TerminalText.clean(host.hostname))", CellStyle(.muted)))
        return StyledLine(spans)
    }

    static func build(_ snapshot: DashboardSnapshot, now: Date) -> PaneModel {
        guard let host = snapshot.host else {
            return .unavailable(.host, message: "reading /proc…")
        }
        var body: [PaneBlock] = []
        let found = findings(host)
        // Reasons first: the 80x24 strip cuts from the right, and the figures are the part to lose.
        var summary: [Span] = found.map { Span($0.reason + "  ", CellStyle($0.state.styleRole, [.bold])) }
        var named = Set<String>()
        if let load = host.load, load.state(cpuCount: host.cpuCount) > .ok { named.insert("load") }
        if let memory = host.memory, memory.state > .ok { named.insert("mem") }
        if host.disks.contains(where: { $0.state > .ok }) { named.insert("disk") }
        if let memory = host.memory {
            body.append(.gauge(Gauge(label: "memory", percent: memory.usedPercent,
                                     detail: "\(bytes(memory.usedKiB * 1024))/\(bytes(memory.totalKiB * 1024))",
                                     state: memory.state)))
            if memory.swapTotalKiB > 0 {
                body.append(.gauge(Gauge(label: "swap", percent: memory.swapUsedPercent,
                                         detail: "\(bytes(memory.swapUsedKiB * 1024))/\(bytes(memory.swapTotalKiB * 1024))",
                                         state: memory.swapUsedPercent >= 80 ? .warn : .ok)))
            }
            if !named.contains("mem") { summary.append(Span("mem \(Int(memory.usedPercent.rounded()))%  ", CellStyle(memory.state.styleRole))) }
        }
        for disk in host.disks {
            body.append(.gauge(Gauge(label: disk.mountPoint, percent: disk.usedPercent,
                                     detail: "\(bytes(disk.usedBytes))/\(bytes(disk.totalBytes))", state: disk.state)))
        }
        if !named.contains("disk"), let worstDisk = host.disks.max(by: { $0.usedPercent < $1.usedPercent }) {
            summary.append(Span("disk \(worstDisk.mountPoint) \(Int(worstDisk.usedPercent))%  ", CellStyle(worstDisk.state.styleRole)))
        }
        if let load = host.load {
            let state = load.state(cpuCount: host.cpuCount)
            body.append(.sparkline(label: "load", Sparkline(values: snapshot.loadHistory.values, ceiling: max(Double(host.cpuCount), snapshot.loadHistory.values.compactMap { $0 }.max() ?? 0), style: CellStyle(state.styleRole)),
                                   trailing: StyledLine([Span([load.one, load.five, load.fifteen].map { FixedDecimal.text($0, digits: 2) }.joined(separator: " "), CellStyle(state.styleRole)),
                                                         Span(" /\(host.cpuCount) CPU", CellStyle(.muted))])))
            if !named.contains("load") { summary.append(Span("load " + FixedDecimal.text(load.one, digits: 2), CellStyle(state.styleRole))) }
        }
        let cpuText = host.cpuPercent.map { FixedDecimal.text($0, digits: 1, width: 5) + "%" } ?? "    …"
        body.append(.sparkline(label: "cpu", Sparkline(values: snapshot.cpuHistory.values, ceiling: 100), trailing: StyledLine(cpuText, CellStyle(.accent))))
        if let memory = host.memory {
            body.append(.sparkline(label: "mem", Sparkline(values: snapshot.memoryHistory.values, ceiling: 100, style: CellStyle(memory.state.styleRole)),
                                   trailing: StyledLine(FixedDecimal.text(memory.usedPercent, digits: 1, width: 5) + "%", CellStyle(memory.state.styleRole))))
        }
        for problem in host.problems {
            body.append(.line(StyledLine(problem, CellStyle(.unknown))))
        }
        return PaneModel(id: .host, state: host.state, badge: badge(host, findings: found), body: body, summary: StyledLine(summary))
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
        return amount < 10 && unit > 0 ? FixedDecimal.text(amount, digits: 1) + units[unit] : "\(Int(amount.rounded()))\(units[unit])"
    }
}

/// Outside text made safe for one table cell or title: one line, no controls.
enum TerminalText {
    /// `text` with each line feed, carriage return and tab a space (the grid makes other controls
    /// safe). Every table row cleans its names and reasons every frame it is drawn, and a copy
    /// character by character cost 6,000 instructions a call in a big state's frame
    /// (docs/PERFORMANCE.md (m)), so text without them is returned as it is, and text with them
    /// is mended byte by byte: they are ASCII, so a space in their place keeps the UTF-8 valid.
    /// A CRLF (one `Character` in Swift, which the old loop let through) is two spaces.
    static func clean(_ text: String) -> String {
        guard text.utf8.contains(where: isBreak) else { return text }
        return String(decoding: text.utf8.map { isBreak($0) ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    private static func isBreak(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }
}
