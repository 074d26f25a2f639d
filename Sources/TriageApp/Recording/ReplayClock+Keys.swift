import TriageCore
import TriageUI

extension ReplayClock {
    /// The playback keys replay and drill share: ← → one minute, [ ] previous/next transition,
    /// + - speed. Pausing is left to each screen (space in a replay, `p` in a drill, where space ticks).
    /// - Returns: false when `key` is none of them.
    mutating func applyPlaybackKey(_ key: Key) -> Bool {
        switch key {
        case .left: seek(minutes: -1)
        case .right: seek(minutes: 1)
        case .char("["): previousTransition()
        case .char("]"): nextTransition()
        case .char("+"), .char("="): faster()
        case .char("-"): slower()
        default: return false
        }
        return true
    }
}
