import Foundation
import TriageCore
import TriageUI

/// Small pieces the detail views share: headings, `label  value` rows and times with their age.
enum DetailText {
    static func heading(_ text: String) -> StyledLine {
        StyledLine(TerminalText.clean(text), CellStyle(.accent, [.bold]))
    }

    /// `label` padded to a column, then the value (outside text, cleaned to one line).
    static func field(_ label: String, _ value: String, _ role: StyleRole = .normal, indent: Int = 0) -> StyledLine {
        let pad = String(repeating: " ", count: indent)
        return StyledLine([Span(pad + DisplayWidth.pad(label, to: 15) + " ", CellStyle(.muted)),
                           Span(TerminalText.clean(value.isEmpty ? "—" : value), CellStyle(role, role == .normal ? [] : [.bold]))])
    }

    /// `2026-12-06 18:40:03 UTC (5m ago)`, or "—".
    static func time(_ date: Date?, now: Date) -> String {
        guard let date else { return "" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date) + " (" + DurationText.age(.seconds(max(0, now.timeIntervalSince(date)))) + " ago)"
    }

    /// As the Services pane writes latencies (`<1ms`, `38ms`, `2.30s`), or "—" when there is none.
    static func latency(_ duration: Duration?) -> String {
        duration.map(ServicesPaneBuilder.format) ?? "—"
    }
}
