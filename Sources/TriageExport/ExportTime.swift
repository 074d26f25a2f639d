import Foundation

/// Times and durations as exports print them: UTC first (what everyone shares), local beside it.
///
/// Built from calendar components rather than `DateFormatter`, so the output does not depend on the
/// machine's locale; seconds are truncated, never rounded up into the next minute.
struct ExportTime: Sendable {
    let timeZone: TimeZone

    private static let utc = TimeZone(identifier: "UTC")!

    /// `2026-11-23T19:42:03Z`.
    static func rfc3339(_ date: Date) -> String {
        let c = components(date, in: utc)
        return "\(c.year)-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))Z"
    }

    /// Whether local time reads differently from UTC at `date`.
    func showsLocal(at date: Date) -> Bool { timeZone.secondsFromGMT(for: date) != 0 }

    /// `19:42 UTC (20:42 Europe/Berlin)`: for messages.
    func minute(_ date: Date) -> String {
        let u = Self.components(date, in: Self.utc)
        var text = "\(Self.pad(u.hour)):\(Self.pad(u.minute)) UTC"
        if showsLocal(at: date) {
            let l = Self.components(date, in: timeZone)
            text += " (\(Self.pad(l.hour)):\(Self.pad(l.minute)) \(timeZone.identifier))"
        }
        return text
    }

    /// `19:42 UTC`: for list lines, where local time beside every entry would drown the text.
    func short(_ date: Date) -> String {
        let u = Self.components(date, in: Self.utc)
        return "\(Self.pad(u.hour)):\(Self.pad(u.minute)) UTC"
    }

    /// `2026-11-23 19:42:03 UTC (20:42:03 Europe/Berlin)`: for exact records.
    func exact(_ date: Date) -> String {
        var text = utcDateTime(date) + " UTC"
        if showsLocal(at: date) { text += " (\(localTime(date)) \(timeZone.identifier))" }
        return text
    }

    /// `2026-11-23 19:42:03`, in UTC.
    func utcDateTime(_ date: Date) -> String {
        let c = Self.components(date, in: Self.utc)
        return "\(c.year)-\(Self.pad(c.month))-\(Self.pad(c.day)) \(Self.pad(c.hour)):\(Self.pad(c.minute)):\(Self.pad(c.second))"
    }

    /// `20:42:03` local, with `+1d`/`-1d` when the local date differs from the UTC date.
    func localTime(_ date: Date) -> String {
        let l = Self.components(date, in: timeZone)
        let u = Self.components(date, in: Self.utc)
        var text = "\(Self.pad(l.hour)):\(Self.pad(l.minute)):\(Self.pad(l.second))"
        let dayShift = (l.year * 10000 + l.month * 100 + l.day) - (u.year * 10000 + u.month * 100 + u.day)
        if dayShift > 0 { text += " +1d" } else if dayShift < 0 { text += " -1d" }
        return text
    }

    /// `3m12s`, `1h2m`, `0s`: whole seconds, truncated.
    static func duration(from start: Date, to end: Date) -> String {
        duration(seconds: end.timeIntervalSince(start))
    }

    static func duration(seconds: TimeInterval) -> String {
        let total = Int(max(0, seconds.rounded(.down)))
        if total == 0 { return "0s" }
        var rest = total
        var parts: [String] = []
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return parts.joined()
    }

    /// `5m`, `1h`, `90m` → `1h30m`.
    static func minutes(_ minutes: Int) -> String { duration(seconds: TimeInterval(minutes * 60)) }

    private struct Parts { var year, month, day, hour, minute, second: Int }

    private static func components(_ date: Date, in zone: TimeZone) -> Parts {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // Truncate to the second first: Calendar would otherwise round 59.9995 s up.
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
        return Parts(
            year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0, hour: c.hour ?? 0, minute: c.minute ?? 0,
            second: c.second ?? 0)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
