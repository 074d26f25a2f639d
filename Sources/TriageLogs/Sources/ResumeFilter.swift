import TriageCore

/// Remembers how far a timestamped stream got, so a re-run with `--since <last stamp>` does not show
/// lines again.
///
/// `--since` is inclusive and some engines stamp only whole seconds (podman's Docker API), so the
/// resumed stream repeats the lines of the last stamp. The filter keeps the texts seen at the newest
/// stamp (a multiset); after a resume it drops lines stamped before that stamp and, once each, the
/// texts already seen at it. Several pods in one stream (kubectl `--prefix`) interleave their stamps,
/// so the replay is never considered over early: the rule holds until the next resume.
public struct ResumeFilter: Sendable {
    /// The newest stamp shown.
    public private(set) var lastStamp: LogTimestamp?
    private var seenAtLast: [String: Int] = [:]
    /// The stamp the current run resumed from, and the texts at it still expected again.
    public private(set) var replayStamp: LogTimestamp?
    private var pendingReplay: [String: Int] = [:]
    /// Lines dropped as replays so far.
    public private(set) var droppedReplays = 0

    public init() {}

    /// Call before re-running the stream from ``lastStamp``.
    public mutating func beginResume() {
        guard lastStamp != nil else { return }
        replayStamp = lastStamp
        pendingReplay = seenAtLast
    }

    /// Whether to show `line`; records it when shown.
    public mutating func admit(_ line: LogLine) -> Bool {
        guard let stamp = line.timestamp else { return true }
        if let replayStamp {
            if stamp < replayStamp {
                droppedReplays += 1
                return false
            }
            if stamp == replayStamp, let n = pendingReplay[line.text], n > 0 {
                pendingReplay[line.text] = n - 1
                droppedReplays += 1
                return false
            }
        }
        if lastStamp == nil || stamp > lastStamp! {
            lastStamp = stamp
            seenAtLast.removeAll(keepingCapacity: true)
        }
        if stamp == lastStamp, seenAtLast.count < 10_000 { seenAtLast[line.text, default: 0] += 1 }
        return true
    }
}
