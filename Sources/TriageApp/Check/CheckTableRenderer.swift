import TriageCore

/// Lays a `CheckReport` out as plain-text tables for a person at a terminal or reading a cron mail.
///
/// One section per kind that has entries (services, checks, queries, containers, pods, nodes, warning
/// events, alerts, host),
/// the worst state first in each row, then notes and a one-line summary with the exit status. Every
/// piece of outside text (names, reasons, statuses) goes through `TerminalSanitizer.clean`, so a
/// container name or error body cannot move the cursor or recolour the terminal; columns are
/// measured with `DisplayWidth`, so wide and combining characters stay aligned.
public enum CheckTableRenderer {
    /// A column: its header and how to get a cell's text from an entry.
    struct Column {
        var header: String
        var text: (CheckEntry) -> String
        /// Wider cells are cut with `…` (the reason column, last, is never cut).
        var maxWidth: Int = 48
    }

    public static func render(_ report: CheckReport) -> String {
        var out: [String] = []
        let state = Column(header: "STATE") { $0.state.label }
        let name = Column(header: "NAME") { $0.name }
        let reason = Column(header: "REASON", text: { $0.reason ?? "" }, maxWidth: .max)
        func field(_ header: String, _ key: String, maxWidth: Int = 48) -> Column {
            Column(header: header, text: { cell($0.value(key)) }, maxWidth: maxWidth)
        }

        section(&out, "SERVICES", report.services, [
            // A DNS, TCP or TLS check has no status code: its kind stands there instead.
            state, name, Column(header: "CODE") { cell($0.value("statusCode") ?? $0.value("kind")) }, Column(header: "LATENCY") { latency($0.value("latencyMs")) }, reason,
        ])
        section(&out, "CHECKS", report.checks, [state, name, field("EXIT", "exitCode"), reason])
        section(&out, "PROMETHEUS", report.prometheus, [state, name, Column(header: "VALUE") { sampleValues($0.value("samples")) }, reason])
        section(&out, "CONTAINERS", report.containers, [
            state, field("HOST", "host", maxWidth: 32), name, field("STATUS", "status"), field("HEALTH", "health"),
            field("RESTARTS", "restarts"), reason,
        ])
        section(&out, "PODS", report.pods, [
            state, field("CONTEXT", "context", maxWidth: 24), field("NAMESPACE", "namespace", maxWidth: 32), name,
            field("READY", "ready"), field("STATUS", "status"), field("RESTARTS", "restarts"), field("AGE", "age"), reason,
        ])
        section(&out, "NODES", report.nodes, [state, field("CONTEXT", "context", maxWidth: 24), name, field("STATUS", "status"), reason])
        section(&out, "EVENTS", report.events, [state, Column(header: "CONTEXT", text: { $0.name }, maxWidth: 24), field("WARNINGS", "count"), reason])
        section(&out, "ALERTS", report.alerts, [
            state, field("ALERTMANAGER", "alertmanager", maxWidth: 24), name, field("SEVERITY", "severity", maxWidth: 12),
            Column(header: "LABELS", text: { alertLabels($0) }, maxWidth: 40), reason,
        ])
        section(&out, "HOST " + report.host.name + (report.hostCounted ? "" : " (not counted)"), report.hostFigures, [
            state, Column(header: "FIGURE") { $0.name }, Column(header: "VALUE") { hostValue($0) }, reason,
        ], count: false)

        let unreachable = report.sources.filter { $0.state != .ok }
        let notes = report.notes + report.sources.flatMap { source -> [String] in
            guard case .array(let items)? = source.value("notes") else { return [] }
            return items.map { "\(source.name): \(cell($0))" }
        }
        if !notes.isEmpty || !unreachable.isEmpty {
            out.append("NOTES")
            for source in unreachable { out.append("  " + clean(sourceLine(source))) }
            for note in notes { out.append("  " + clean(note)) }
            out.append("")
        }
        let counts = report.counts
        out.append(
            "\(report.state.label): \(counts[.crit] ?? 0) critical, \(counts[.warn] ?? 0) warning, "
                + "\(counts[.unknown] ?? 0) unknown, \(counts[.ok] ?? 0) ok (exit \(report.exitStatus.rawValue))")
        return out.joined(separator: "\n") + "\n"
    }

    private static func section(_ out: inout [String], _ title: String, _ entries: [CheckEntry], _ columns: [Column], count: Bool = true) {
        guard !entries.isEmpty else { return }
        out.append(clean(title) + (count ? " (\(entries.count))" : ""))
        let cells = entries.map { entry in
            columns.map { column in DisplayWidth.truncate(clean(column.text(entry)), to: column.maxWidth) }
        }
        let headers = columns.map(\.header)
        var widths = headers.map { DisplayWidth.of($0) }
        for row in cells {
            for (index, text) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(text)) }
        }
        for row in [headers] + cells {
            var line = "  "
            for (index, text) in row.enumerated() {
                let last = index == row.count - 1
                line += last ? text : text + String(repeating: " ", count: widths[index] - DisplayWidth.of(text) + 2)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out.append(line)
        }
        out.append("")
    }

    static func clean(_ text: String) -> String { TerminalSanitizer.clean(text) }

    /// "docker host local: docker: not found on PATH"; kubectl reasons already name their context.
    static func sourceLine(_ source: CheckEntry) -> String {
        let reason = source.reason ?? "did not answer"
        if case .string("kubernetes")? = source.value("kind") {
            return reason.hasPrefix("context ") ? reason : "context \(source.name): \(reason)"
        }
        if case .string("alertmanager")? = source.value("kind") {
            return reason.hasPrefix("alertmanager ") ? reason : "alertmanager \(source.name): \(reason)"
        }
        return "docker host \(source.name): \(reason)"
    }

    static func cell(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: "-"
        case .bool(let flag)?: flag ? "yes" : "no"
        case .int(let number)?: String(number)
        case .double(let number)?: CheckReport.format(number)
        case .string(let text)?: text.isEmpty ? "-" : text
        case .array(let items)?: items.isEmpty ? "-" : items.map { cell($0) }.joined(separator: ",")
        case .object?: "…"
        }
    }

    /// An alert's labels but its name and severity, "instance=db-1,service=checkout".
    static func alertLabels(_ entry: CheckEntry) -> String {
        guard case .object(let labels)? = entry.value("labels") else { return "-" }
        let shown = labels.filter { $0.key != "alertname" && $0.key != "severity" }.map { "\($0.key)=\(cell($0.value))" }
        return shown.isEmpty ? "-" : shown.joined(separator: ",")
    }

    static func latency(_ value: JSONValue?) -> String {
        guard case .double(let ms)? = value else {
            if case .int(let ms)? = value { return "\(ms)ms" }
            return "-"
        }
        return ms >= 1000 ? CheckReport.format(ms / 1000) + "s" : "\(Int(ms.rounded()))ms"
    }

    /// The first few sample values of a query, "1, 0" or "0.07".
    static func sampleValues(_ value: JSONValue?) -> String {
        guard case .array(let samples)? = value, !samples.isEmpty else { return "-" }
        let shown = samples.prefix(4).map { sample -> String in
            if case .double(let number)? = sample["value"] { return NumberText.si(number) }
            return cell(sample["value"])
        }
        return shown.joined(separator: ", ") + (samples.count > 4 ? ", …" : "")
    }

    static func hostValue(_ figure: CheckEntry) -> String {
        switch figure.name {
        case "cpu":
            let percent = figure.value("percent").map(cell) ?? "-"
            return (percent == "-" ? "-" : percent + "%") + " of " + cell(figure.value("count")) + " CPUs"
        case "load":
            return [cell(figure.value("one")), cell(figure.value("five")), cell(figure.value("fifteen"))].joined(separator: " ")
        default:
            if let used = figure.value("usedPercent") { return cell(used) + "% used" }
            return "-"
        }
    }
}
