import Foundation
import TriageCore
import TriageProbes
import TriageUI

/// The header row of one context's group in the Pods pane (several contexts configured): its name,
/// how many pods it has, how many fail and how many are pending, and, when its data is not live,
/// whether it was never reached or how old its rows are.
///
/// The counts go over every pod of the context, so ``PictureCache`` keeps them with its picture:
/// counting four contexts' 1,250 pods each every clock frame was a tenth of the frame's cost
/// (docs/PERFORMANCE.md (a), round four). They do not move with the clock (a pod fails by its
/// status and is pending by its phase; only a warning asks the time), and a context whose pods
/// are the same array keeps them across pictures; one in which a few pods changed has them moved by
/// those pods (``PodEntityIndex``, ``replacing(_:with:now:)``); the age of stale data does move with
/// the time, and is made with each line.
struct PodsContextHeader: Sendable {
    let failing: Int
    let pending: Int

    init(_ context: KubeSnapshot, now: Date) {
        var failing = 0
        var pending = 0
        for pod in context.pods {
            let weight = Self.weight(pod, now: now)
            failing += weight.failing
            pending += weight.pending
        }
        self.failing = failing
        self.pending = pending
    }

    private init(failing: Int, pending: Int) {
        self.failing = failing
        self.pending = pending
    }

    /// The counts after `old`, one of the counted pods, became `new` (``PodEntityIndex`` moves a
    /// context's counts by the pods that changed instead of counting 1,250 pods again).
    func replacing(_ old: PodInfo, with new: PodInfo, now: Date) -> PodsContextHeader {
        let before = Self.weight(old, now: now), after = Self.weight(new, now: now)
        return PodsContextHeader(failing: failing - before.failing + after.failing, pending: pending - before.pending + after.pending)
    }

    /// What one pod adds to the counts: failing when CRIT, else pending when its phase is.
    private static func weight(_ pod: PodInfo, now: Date) -> (failing: Int, pending: Int) {
        if pod.healthState(now: now) == .crit { return (1, 0) }
        return pod.facts.phase == "Pending" ? (0, 1) : (0, 0)
    }

    /// The header of `context`, whose pods these counts are, at `now`.
    func line(_ context: KubeSnapshot, now: Date) -> StyledLine {
        let role: StyleRole = failing > 0 ? .crit : pending > 0 ? .warn : .muted
        var spans = [
            Span("▾ " + TerminalText.clean(context.context), CellStyle(role, [.bold])),
            Span("  \(context.pods.count) pod\(context.pods.count == 1 ? "" : "s")", CellStyle(.muted)),
        ]
        if failing > 0 { spans.append(Span(" · \(failing) failing", CellStyle(.crit))) }
        if pending > 0 { spans.append(Span(" · \(pending) pending", CellStyle(.warn))) }
        if context.failure != nil {
            let state = context.lastGoodAt.map { "stale, data from \(DurationText.age(.seconds(max(0, now.timeIntervalSince($0))))) ago" }
            spans.append(Span(" · " + (state ?? "unreachable"), CellStyle(.unknown, [.bold])))
        }
        return StyledLine(spans)
    }
}
