import Foundation
import TriageUI

/// The Incident pane's checklist lines and progress counts from the last frame, kept until
/// something they show changes.
///
/// Most frames are clock frames: the header clock and ages move, the checklist does not. With a
/// 5,000-item runbook, building and cleaning the window of rows around the cursor every second
/// was what an idle dashboard spent above a small runbook's (issue 15 §6, docs/PERFORMANCE.md).
/// A checklist line depends on the session's state (runbook, ticks, pending ticks: its
/// `generation`), the command outputs (their `version`), which rows are in the window and which
/// one is selected, the time zone (tick times), and on the time only through which phase windows
/// have ended (an item is overdue after its phase's end): that is the key. The pane's width is
/// not part of it: lines are cut to the pane when the pane is drawn, not here.
final class IncidentRowCache {
    struct Key: Equatable {
        var generation: Int
        var outputsVersion: Int
        var window: Range<Int>
        var selected: Int?
        var passedPhaseEnds: Int
        var timeZone: TimeZone?
    }

    /// Done, total and overdue items over all sections, for the pane's badge.
    struct Counts: Equatable {
        var done = 0
        var total = 0
        var overdue = 0
    }

    private var linesKey: Key?
    private var lines: [StyledLine] = []
    private var countsKey: (generation: Int, passedPhaseEnds: Int)?
    private var counts = Counts()
    /// Checklist lines built since the cache was made: a frame in which nothing shown changed
    /// builds none (`IncidentRowCacheTests` counts them).
    private(set) var linesBuilt = 0
    /// Times the progress counts were summed over all sections.
    private(set) var countsSummed = 0

    /// The lines for `key`: the last frame's when its key is the same, else `build()`'s.
    func lines(for key: Key, build: () -> [StyledLine]) -> [StyledLine] {
        if key == linesKey { return lines }
        lines = build()
        linesKey = key
        linesBuilt += lines.count
        return lines
    }

    /// The counts for a session state and the phase windows passed: summed again only when either changes.
    func counts(generation: Int, passedPhaseEnds: Int, sum: () -> Counts) -> Counts {
        if let key = countsKey, key.generation == generation, key.passedPhaseEnds == passedPhaseEnds { return counts }
        counts = sum()
        countsKey = (generation, passedPhaseEnds)
        countsSummed += 1
        return counts
    }
}
