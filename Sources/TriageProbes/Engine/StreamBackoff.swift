/// How long a long-running stream (`docker stats`, `docker events`, a kubectl watch) waits before it
/// is started again after it ended: `range.lowerBound` after the first short run, twice that after
/// the next, up to `range.upperBound`; a run that lasted `healthyRun` starts over from the shortest.
///
/// A source that refuses connections ends every run at once, and each restart is a process start
/// (kubectl's is ~50 ms of CPU); with 2 s growing to 60 s such a source costs one start a minute per
/// stream once the first minute has passed, while one that comes back is seen within a minute.
public struct StreamBackoff: Sendable, Equatable {
    public let range: ClosedRange<Duration>
    /// A run at least this long worked: the next wait is the shortest again.
    public static let healthyRun: Duration = .seconds(30)
    /// The range the dashboard's streams use.
    public static let standard: ClosedRange<Duration> = .seconds(2)...(.seconds(60))
    private var last: Duration?

    public init(_ range: ClosedRange<Duration> = Self.standard) {
        self.range = range
    }

    /// The wait after a run that lasted `ran`.
    public mutating func next(afterRunOf ran: Duration) -> Duration {
        let wait =
            if ran >= Self.healthyRun { range.lowerBound } else { last.map { min($0 * 2, range.upperBound) } ?? range.lowerBound }
        last = wait
        return wait
    }
}
