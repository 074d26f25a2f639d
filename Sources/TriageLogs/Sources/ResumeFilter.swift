import TriageCore

/// Remembers how far a timestamped stream got, so a re-run with `--since <last stamp>` does not show
/// lines again.
///
/// `--since` is inclusive and some engines stamp only whole seconds (podman's Docker API), so the
/// resumed stream repeats the lines of the last stamp. The filter keeps the texts seen at the newest
/// stamp (a multiset) and, while replaying, drops lines stamped earlier and those seen texts; the
/// first line stamped later ends the replay.
public struct ResumeFilter: Sendable {
    public private(set) var lastStamp: LogTimestamp?
    private var seenAtLast: [String: Int] = [:]
    private var pendingReplay: [String: Int] = [:]
    public private(set) var replaying = false
    /// Lines dropped as replays so far.
    public private(set) var droppedReplays = 0

    public init() {}

    /// Call before re-running the stream from ``lastStamp``.
    public mutating func beginResume() {
        guard lastStamp != nil else { return }
        replaying = true
        pendingReplay = seenAtLast
    }

    /// Whether to show `line`; records it when shown.
    public mutating func admit(_ line: LogLine) -> Bool {
        guard let stamp = line.timestamp else { return true }
        if replaying, let last = lastStamp {
            if stamp < last {
                droppedReplays += 1
                return false
            }
            if stamp == last, let n = pendingReplay[line.text], n > 0 {
                pendingReplay[line.text] = n - 1
                droppedReplays += 1
                return false
            }
            if stamp > last {
                replaying = false
                pendingReplay = [:]
            }
        }
        if let last = lastStamp, stamp < last { return true }  // an out-of-order pod: shown, not tracked
        if stamp != lastStamp {
            lastStamp = stamp
            seenAtLast.removeAll(keepingCapacity: true)
        }
        if seenAtLast.count < 10_000 { seenAtLast[line.text, default: 0] += 1 }
        return true
    }
}
