import Foundation

/// How available one check was over a window: the share of observed time it was up, its outages
/// (runs of failing rounds) and when it first failed in the window.
public struct CheckAvailability: Sendable, Equatable {
    /// A run of failing rounds.
    public struct Outage: Sendable, Equatable {
        /// The first failing round (may be before the window when the outage started earlier).
        public var start: Date
        /// The first good (or no-data) round after it; nil while it lasts.
        public var end: Date?
        public var rounds: Int

        public init(start: Date, end: Date?, rounds: Int) {
            self.start = start
            self.end = end
            self.rounds = rounds
        }

        /// Until `end`, or until `now` while it lasts.
        public func length(now: Date) -> TimeInterval { (end ?? now).timeIntervalSince(start) }
    }

    public var from: Date
    public var to: Date
    /// Up time over observed time, 0…100; nil when no round in the window told up from down.
    public var upPercent: Double?
    public var outages: [Outage]
    /// Failing time inside the window.
    public var downSeconds: TimeInterval

    public init(from: Date, to: Date, upPercent: Double?, outages: [Outage], downSeconds: TimeInterval) {
        self.from = from
        self.to = to
        self.upPercent = upPercent
        self.outages = outages
        self.downSeconds = downSeconds
    }

    /// The first failing round in (or running into) the window.
    public var firstFailure: Date? { outages.first?.start }

    /// The longest outage, ongoing ones counted until `to`.
    public var longestOutage: TimeInterval? { outages.map { $0.length(now: to) }.max() }

    /// `99.2%`, `100%`; a window with an outage never reads 100% (99.96 is `99.9%`), nil without data.
    public var upPercentText: String? {
        guard let upPercent else { return nil }
        if upPercent == 100 { return "100%" }
        return String(format: "%.1f%%", min(upPercent, 99.9))
    }

    /// `99.2% up, 2 outages (longest 3m 10s), first failure 14:02:11`-style figures, with `time`
    /// formatting the first failure: one phrasing for the detail view and the post-mortem.
    public func summary(time: (Date) -> String) -> String {
        guard let percent = upPercentText else { return "no data in the window" }
        var text = "\(percent) up"
        if outages.isEmpty { return text + ", no outage" }
        text += ", \(outages.count) outage\(outages.count == 1 ? "" : "s")"
        if let longest = longestOutage {
            text += " (" + (outages.count == 1 ? "" : "longest ") + DurationText.format(.seconds(max(1, Int(longest.rounded())))) + ")"
        }
        if let first = firstFailure { text += ", first failure " + time(first) }
        return text
    }
}
