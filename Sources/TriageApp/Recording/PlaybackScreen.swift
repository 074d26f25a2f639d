import Foundation
import TriageCore
import TriageUI

/// A screen driven by a recording's clock: what ``ReplayRunner`` draws and feeds keys to
/// (`triage replay`'s ``ReplayScreen`` and `triage drill`'s ``DrillScreen``).
public protocol PlaybackScreen {
    var clock: ReplayClock { get set }
    /// Applies one key; `.quit` ends the run.
    mutating func handle(_ key: Key) -> ReplayScreen.Outcome
    /// The whole frame at wall-clock time `now`.
    func frame(width: Int, height: Int, now: Date) -> CellGrid
    /// Called once a loop turn: true when something besides the clock changed what is shown.
    mutating func refresh(now: Date) -> Bool
    /// Called once when the run ends (e.g. to let pending writes finish).
    mutating func finish()
}

extension ReplayScreen: PlaybackScreen {
    public func frame(width: Int, height: Int, now: Date) -> CellGrid { render(width: width, height: height) }
    /// A replay holds nothing that changes by itself.
    public mutating func refresh(now: Date) -> Bool { false }
    public mutating func finish() {}
}
