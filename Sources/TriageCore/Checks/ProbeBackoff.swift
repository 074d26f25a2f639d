/// How long a failing source is left alone before it is asked again: twice the interval after one
/// failure, four times after two, and so on up to `cap`; back to the interval after a success.
///
/// A dead docker engine or API server is then asked every 10 s instead of every 2 s, which keeps a
/// broken source from spending the CPU and processes the working ones need, while a source that
/// comes back is seen within the cap (a responder waits for that; hence 10 s, not minutes).
public struct ProbeBackoff: Sendable, Equatable {
    /// The longest wait between two attempts (never shorter than the interval itself).
    public var cap: Duration

    public init(cap: Duration) { self.cap = cap }

    /// No backoff: a failing source is asked every interval (service checks, whose failures are data).
    public static let none = ProbeBackoff(cap: .zero)
    /// For sources whose failure means "could not look" (docker hosts, Kubernetes contexts).
    public static let standard = ProbeBackoff(cap: .seconds(10))

    /// The wait before the next attempt after `failures` failures in a row.
    public func delay(interval: Duration, failures: Int) -> Duration {
        guard failures > 0, cap > interval else { return interval }
        var wait = interval
        for _ in 0..<min(failures, 32) {
            wait = wait * 2
            if wait >= cap { return cap }
        }
        return wait
    }
}
