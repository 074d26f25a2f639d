import Foundation
import TriageCore
import TriageProbes
import TriageUI

/// The Pods pane's warning events, newest first, with their words cleaned: all of a line but its
/// age. The events change only with a new snapshot, so ``PictureCache`` keeps them with its
/// picture; sorting and cleaning some 120 events every clock frame was a third of the Pods
/// pane's cost with four busy contexts (docs/PERFORMANCE.md (a), round three).
struct PodsPaneEvents {
    /// One event as its line shows it, the age left to the frame.
    struct Entry {
        let lastSeen: Date?
        let object: String
        let reason: String
        let message: String
    }

    /// The newest ``PodsPaneBuilder/eventLimit`` warnings.
    let entries: [Entry]
    /// Every warning event, for the badge.
    let count: Int

    init(_ contexts: [KubeSnapshot]) {
        let events = contexts.flatMap(\.events).filter(\.isWarning).sorted { ($0.lastSeen ?? .distantPast) > ($1.lastSeen ?? .distantPast) }
        count = events.count
        entries = events.prefix(PodsPaneBuilder.eventLimit).map { event in
            Entry(lastSeen: event.lastSeen, object: TerminalText.clean(event.object) + " ", reason: TerminalText.clean(event.reason) + ": ",
                  message: TerminalText.clean(event.message) + (event.count > 1 ? " (×\(event.count))" : ""))
        }
    }

    /// The events' lines at `now`: "⚠ 4m cart-1 BackOff: …".
    func lines(now: Date) -> [StyledLine] {
        entries.map { entry in
            let age = entry.lastSeen.map { DurationText.age(.seconds(max(0, now.timeIntervalSince($0)))) } ?? "?"
            return StyledLine([
                Span("⚠ \(age) ", CellStyle(.warn)),
                Span(entry.object, CellStyle(.normal, [.bold])),
                Span(entry.reason, CellStyle(.warn)),
                Span(entry.message, CellStyle(.muted)),
            ])
        }
    }
}
