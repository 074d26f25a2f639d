/// Critical lines over the last minutes, counted per second, for a source's "err/min" and sparkline.
///
/// Rates are sliding windows: "per minute" is the count of the last 60 seconds, not of the current
/// clock minute, which dropped to 0 at every :00 while the source kept failing. Memory is bounded:
/// one counter per second of the window, in a ring that `advance` moves.
public struct ErrorRateHistory: Sendable, Hashable {
    /// How many one-minute windows ``values`` has (the last one ends at the last advance).
    public let minutes: Int
    /// Counts per second, a ring indexed by the epoch second modulo its length.
    private var perSecond: [Int]
    /// Epoch second of the newest counter; nil before the first line or advance.
    private var newestSecond: Int64?

    public init(minutes: Int = 30) {
        self.minutes = max(1, minutes)
        perSecond = Array(repeating: 0, count: self.minutes * 60)
    }

    /// Counts a line of that severity arriving at `time` (only critical lines add). A line older
    /// than the window (an arrival stamped before the last advance by more than the window) is not
    /// counted.
    public mutating func record(_ severity: LogSeverity, at time: LogTimestamp) {
        advance(to: time)
        guard severity == .crit, let newest = newestSecond else { return }
        let second = time.epochSecond
        guard second > newest - Int64(perSecond.count) else { return }
        perSecond[slot(second)] += 1
    }

    /// Moves the window so it ends at `time`; the seconds that scroll out are forgotten. Time never
    /// goes back: an earlier `time` changes nothing.
    public mutating func advance(to time: LogTimestamp) {
        let second = time.epochSecond
        guard let newest = newestSecond else {
            newestSecond = second
            return
        }
        guard second > newest else { return }
        let cleared = min(Int64(perSecond.count), second - newest)
        for offset in 1...cleared { perSecond[slot(newest + offset)] = 0 }
        newestSecond = second
    }

    /// Critical lines in the 60 seconds up to the last advance.
    public var lastMinute: Int { values.last ?? 0 }

    /// Counts per sliding minute, oldest first: the last is the 60 seconds up to the last advance,
    /// the one before it the 60 seconds before those, and so on.
    public var values: [Int] {
        guard let newest = newestSecond else { return Array(repeating: 0, count: minutes) }
        var out = Array(repeating: 0, count: minutes)
        for back in 0..<Int64(perSecond.count) {
            out[minutes - 1 - Int(back / 60)] += perSecond[slot(newest - back)]
        }
        return out
    }

    /// Counts per sliding minute as of `time` (see ``values``).
    public func values(at time: LogTimestamp) -> [Int] {
        var copy = self
        copy.advance(to: time)
        return copy.values
    }

    private func slot(_ second: Int64) -> Int {
        let count = Int64(perSecond.count)
        return Int(((second % count) + count) % count)
    }
}
