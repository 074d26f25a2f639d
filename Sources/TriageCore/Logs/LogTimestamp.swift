import Foundation

/// A wall-clock instant in nanoseconds since the Unix epoch, as log sources stamp their lines.
///
/// Kept as a plain integer (not `Date`) so ordering, windows and formatting are cheap and exact for
/// the nanosecond RFC 3339 stamps that `docker logs -t` and `kubectl logs --timestamps` print.
public struct LogTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public init(seconds: Int64, nanoseconds: Int64 = 0) { self.nanoseconds = seconds * 1_000_000_000 + nanoseconds }

    public static func < (a: LogTimestamp, b: LogTimestamp) -> Bool { a.nanoseconds < b.nanoseconds }

    public static func + (a: LogTimestamp, b: Duration) -> LogTimestamp {
        let (s, atto) = b.components
        return LogTimestamp(nanoseconds: a.nanoseconds + s * 1_000_000_000 + atto / 1_000_000_000)
    }

    public static func - (a: LogTimestamp, b: Duration) -> LogTimestamp { a + (.zero - b) }

    /// The time now on the system clock.
    public static func now() -> LogTimestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return LogTimestamp(seconds: Int64(spec.tv_sec), nanoseconds: Int64(spec.tv_nsec))
    }

    public var description: String { rfc3339 }

    /// The whole second this instant falls in (rounded down, before the epoch too).
    public var epochSecond: Int64 { Self.floorDivide(nanoseconds, 1_000_000_000).0 }

    /// RFC 3339 in UTC with nanoseconds, the form `docker logs --since` accepts.
    public var rfc3339: String {
        let (days, secondOfDay) = Self.floorDivide(nanoseconds, 86_400_000_000_000)
        let (y, m, d) = Self.civil(fromDays: days)
        let nanos = secondOfDay % 1_000_000_000
        let secs = secondOfDay / 1_000_000_000
        let fraction = String(nanos)
        let padded = String(repeating: "0", count: 9 - fraction.count) + fraction
        return "\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2))T\(Self.pad(secs / 3600, 2)):"
            + "\(Self.pad(secs / 60 % 60, 2)):\(Self.pad(secs % 60, 2)).\(padded)Z"
    }

    /// `HH:MM:SS.mmm` at the given offset from UTC (seconds east), for the timestamp column.
    public func clockText(utcOffsetSeconds: Int = 0, milliseconds: Bool = true) -> String {
        let shifted = nanoseconds + Int64(utcOffsetSeconds) * 1_000_000_000
        let (_, inDay) = Self.floorDivide(shifted, 86_400_000_000_000)
        let secs = inDay / 1_000_000_000
        let base = "\(Self.pad(secs / 3600, 2)):\(Self.pad(secs / 60 % 60, 2)):\(Self.pad(secs % 60, 2))"
        guard milliseconds else { return base }
        return base + "." + Self.pad(inDay % 1_000_000_000 / 1_000_000, 3)
    }

    /// Parses an RFC 3339 stamp at the start of `bytes`: `2026-11-23T19:51:09.123456789Z` or with an
    /// offset (`+02:00`). Returns the instant and how many bytes it took, or nil.
    public static func parsePrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> (LogTimestamp, Int)? {
        let n = bytes.count
        guard n >= 20 else { return nil }
        func digits(_ at: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for i in at..<(at + count) {
                let b = bytes[i]
                guard b >= 0x30, b <= 0x39 else { return nil }
                value = value * 10 + Int64(b - 0x30)
            }
            return value
        }
        guard let year = digits(0, 4), bytes[4] == 0x2D, let month = digits(5, 2), bytes[7] == 0x2D,
              let day = digits(8, 2), bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
              let hour = digits(11, 2), bytes[13] == 0x3A, let minute = digits(14, 2), bytes[16] == 0x3A,
              let second = digits(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var fraction: Int64 = 0
        if i < n, bytes[i] == 0x2E {
            i += 1
            var scale: Int64 = 100_000_000
            let start = i
            while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                fraction += Int64(bytes[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < n else { return nil }
        var offset: Int64 = 0
        if bytes[i] == 0x5A || bytes[i] == 0x7A {
            i += 1
        } else if bytes[i] == 0x2B || bytes[i] == 0x2D, i + 6 <= n, bytes[i + 3] == 0x3A,
                  let oh = digits(i + 1, 2), let om = digits(i + 4, 2) {
            offset = (oh * 3600 + om * 60) * (bytes[i] == 0x2D ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return (LogTimestamp(seconds: seconds, nanoseconds: fraction), i)
    }

    /// Parses a whole RFC 3339 string.
    public static func parse(_ text: String) -> LogTimestamp? {
        var copy = text
        return copy.withUTF8 { buffer in
            guard let (stamp, used) = parsePrefix(buffer), used == buffer.count else { return nil }
            return stamp
        }
    }

    // Howard Hinnant's days-from-civil and back, proleptic Gregorian.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var q = a / b
        var r = a % b
        if r < 0 {
            q -= 1
            r += b
        }
        return (q, r)
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
