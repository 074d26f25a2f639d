/// Critical lines counted per minute over a recent window, for a source's sparkline.
public struct ErrorRateHistory: Sendable, Hashable {
    /// How many minutes are kept (the last one is the current, partial minute).
    public let minutes: Int
    private var buckets: [Int]
    /// Minute number (since the epoch) of the last bucket.
    private var currentMinute: Int64?

    public init(minutes: Int = 30) {
        self.minutes = max(1, minutes)
        buckets = Array(repeating: 0, count: self.minutes)
    }

    /// Counts a line of that severity arriving at `time` (only critical lines add).
    public mutating func record(_ severity: LogSeverity, at time: LogTimestamp) {
        advance(to: time)
        if severity == .crit { buckets[buckets.count - 1] += 1 }
    }

    /// Moves the window so its last bucket is the minute of `time`; older minutes scroll out.
    public mutating func advance(to time: LogTimestamp) {
        let minute = LogTimestamp.floorDivide(time.nanoseconds, 60_000_000_000).0
        guard let current = currentMinute else {
            currentMinute = minute
            return
        }
        guard minute > current else { return }
        let shift = Int(min(Int64(minutes), minute - current))
        buckets.removeFirst(shift)
        buckets.append(contentsOf: repeatElement(0, count: shift))
        currentMinute = minute
    }

    /// Counts per minute, oldest first, as of `time`.
    public func values(at time: LogTimestamp) -> [Int] {
        var copy = self
        copy.advance(to: time)
        return copy.buckets
    }

    /// Counts per minute as last advanced.
    public var values: [Int] { buckets }
}
