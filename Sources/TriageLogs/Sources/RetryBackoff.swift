/// Delay before re-running an ended log stream: doubles from `initial` to `maximum`, and starts over
/// once a stream has run long enough to count as healthy.
public struct RetryBackoff: Sendable, Equatable {
    public let initial: Duration
    public let maximum: Duration
    /// A stream that ran at least this long resets the delay.
    public let healthyAfter: Duration
    public private(set) var current: Duration

    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(30), healthyAfter: Duration = .seconds(30)) {
        self.initial = initial
        self.maximum = max(initial, maximum)
        self.healthyAfter = healthyAfter
        current = initial
    }

    /// The delay to wait after a stream that ran for `ranFor`; advances the next one.
    public mutating func next(after ranFor: Duration) -> Duration {
        if ranFor >= healthyAfter { current = initial }
        let delay = current
        current = min(maximum, current * 2)
        return delay
    }
}
