import Foundation

/// Parses and formats the human durations used on the command line and in `triage.yaml`.
///
/// Accepted: a sequence of `<number><unit>` with units `ms`, `s`, `m`, `h`, `d` (`1m30s`, `500ms`,
/// `1.5s`). A bare number is rejected: in a config, `timeout: 5` is ambiguous and has bitten people.
public enum DurationText {
    public struct ParseError: Error, Equatable, CustomStringConvertible, Sendable {
        public let input: String
        /// Well formed, but longer than ``DurationText/maximumSeconds``.
        public var isTooLong = false
        public init(input: String, isTooLong: Bool = false) {
            self.input = input
            self.isTooLong = isTooLong
        }
        public var description: String {
            isTooLong
                ? "duration \"\(input)\" is longer than 100 years"
                : "invalid duration \"\(input)\": use a number with a unit, e.g. 500ms, 2s, 1m, 1h"
        }
    }

    public static func parse(_ text: String) throws(ParseError) -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ParseError(input: text) }
        var total: Double = 0
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let numberStart = index
            while index < trimmed.endIndex, trimmed[index].isNumber || trimmed[index] == "." {
                index = trimmed.index(after: index)
            }
            guard let value = Double(trimmed[numberStart..<index]), value >= 0 else {
                throw ParseError(input: text)
            }
            let unitStart = index
            while index < trimmed.endIndex, trimmed[index].isLetter { index = trimmed.index(after: index) }
            let seconds: Double
            switch trimmed[unitStart..<index] {
            case "ms": seconds = value / 1000
            case "s": seconds = value
            case "m": seconds = value * 60
            case "h": seconds = value * 3600
            case "d": seconds = value * 86400
            default: throw ParseError(input: text)
            }
            total += seconds
        }
        // A length past any sane interval or timeout (a typo, a hostile file) is an error, not a
        // trap: converting 1.5e98 ms to Int64 crashed the config loader (found by the config fuzzer).
        guard total.isFinite, total <= maximumSeconds else { throw ParseError(input: text, isTooLong: true) }
        return .milliseconds(Int64((total * 1000).rounded()))
    }

    /// The longest duration a config or flag may name: 100 years. Far below Int64 milliseconds, so
    /// sums and multiples of parsed durations (deadlines of 3 × refresh, …) cannot overflow either.
    public static let maximumSeconds: Double = 100 * 365.25 * 86400

    /// `2s`, `500ms`, `1m30s`: the shortest exact spelling, for help texts and config round trips.
    public static func format(_ duration: Duration) -> String {
        let ms = duration.milliseconds
        if ms == 0 { return "0s" }
        if ms % 1000 != 0 { return "\(ms)ms" }
        var seconds = ms / 1000
        var parts: [String] = []
        for (unit, size) in [("h", Int64(3600)), ("m", 60), ("s", 1)] where seconds >= size {
            parts.append("\(seconds / size)\(unit)")
            seconds %= size
        }
        return parts.joined()
    }

    /// Clock-style elapsed time for headers and rows: `0:45`, `12:03`, `1:02:03`, `3d 4h`.
    public static func clock(_ duration: Duration) -> String {
        let total = max(0, duration.milliseconds / 1000)
        let days = total / 86400, hours = (total % 86400) / 3600, minutes = (total % 3600) / 60, seconds = total % 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours):\(pad2(minutes)):\(pad2(seconds))" }
        return "\(minutes):\(pad2(seconds))"
    }

    /// Compact age as kubectl prints it: `45s`, `12m`, `3h`, `2d`.
    public static func age(_ duration: Duration) -> String {
        let total = max(0, duration.milliseconds / 1000)
        if total < 120 { return "\(total)s" }
        if total < 7200 { return "\(total / 60)m" }
        if total < 172_800 { return "\(total / 3600)h" }
        return "\(total / 86400)d"
    }

    /// A runbook phase end in its largest whole unit: `5m`, `2h`, `5d` (7200 minutes), `90m`.
    public static func minutes(_ minutes: Int) -> String {
        if minutes >= 1440, minutes % 1440 == 0 { return "\(minutes / 1440)d" }
        if minutes >= 60, minutes % 60 == 0 { return "\(minutes / 60)h" }
        return "\(minutes)m"
    }

    private static func pad2(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension Duration {
    /// Whole milliseconds, truncated toward zero.
    /// Saturates at the ends of Int64 rather than trapping on a duration past ±292 million years.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflowAdding) = whole.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return overflowAdding ? (whole < 0 ? .min : .max) : sum
    }

    /// Seconds as a Double, for rates and display.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
