import Foundation
import TriageCore

/// The post-mortem's "What the screen showed", from the incident's recorded picture: the first
/// failure, the order in which things broke, the time to the first tick and the worst moment.
enum ScreenHistorySection {
    /// How many breaks the order lists before it says how many more there were.
    static let orderLimit = 15

    /// The section's lines; nil when nothing was recorded (an incident from before recording, or
    /// one the dashboard never had open).
    static func lines(_ input: ExportInput, detected: Date, time: ExportTime) -> [String]? {
        guard let recording = input.recording, !recording.isEmpty else { return nil }
        let history = ScreenHistory(recording)
        func describe(_ entity: RecordedEntity) -> String {
            "\(entity.kind.rawValue) \(entity.name) \(entity.state.label)" + (entity.reason.map { " (\(IncidentFacts.firstLine($0, limit: 120)))" } ?? "")
        }
        var lines: [String] = []
        if let first = history.firstFailure {
            lines.append("- **First failure:** \(time.short(first.time)): \(describe(first.entity))")
        } else {
            lines.append("- **First failure:** nothing broke while the picture was recorded")
        }
        if history.breaks.count > 1 {
            lines.append("- **The order things broke in:**")
            for (index, item) in history.breaks.prefix(orderLimit).enumerated() {
                lines.append("  \(index + 1). \(time.short(item.time)) \(describe(item.entity))")
            }
            if history.breaks.count > orderLimit { lines.append("  - and \(history.breaks.count - orderLimit) more") }
        }
        if let tick = input.events.first(where: { $0.kind == .tick }) {
            lines.append("- **Time to the first tick:** \(ExportTime.duration(from: detected, to: tick.time)) "
                + "(\(time.short(tick.time)), \(tick.actor): \(IncidentFacts.firstLine(tick.text, limit: 120)))")
        } else {
            lines.append("- **Time to the first tick:** no checklist item was ticked")
        }
        if let worst = history.worst {
            lines.append("- **Worst moment:** \(time.short(worst.time)), \(worst.count) "
                + (worst.count == 1 ? "entity" : "entities") + " failing at once")
        }
        if let start = recording.start, let end = recording.end {
            lines.append("- Recorded \(time.short(start)) to \(time.short(end)); `triage replay \(input.incident.id)` shows it again.")
        }
        return lines
    }
}
