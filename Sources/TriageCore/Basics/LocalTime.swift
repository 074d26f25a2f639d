import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock times for the screen: the local zone from the C library (`localtime_r`, which reads
/// `TZ` and `/etc/localtime` as `date(1)` does) and plain integer formatting.
///
/// Why not Foundation's `TimeZone.current`, `abbreviation(for:)` and `Calendar`: on Linux the
/// system zone is ICU's, and its first use opens and initialises ICU's zone and name data (several
/// milliseconds before the first frame and about 4 MB of `lib_FoundationICU` resident for as long as
/// the dashboard runs), and every abbreviation asks ICU again. The clock needs none of it.
/// `LeanStartEndToEndTests` holds the dashboard to that.
///
/// A `TimeZone?` of nil below means "the system's local zone, through the C library"; a given zone
/// (tests, `--json`, exports) is used as it is.
public enum LocalTime {
    /// Seconds east of UTC at `date` in `zone`, or in the system's local zone (daylight saving included).
    public static func offset(_ date: Date, in zone: TimeZone? = nil) -> Int {
        if let zone { return zone.secondsFromGMT(for: date) }
        var parts = tm()
        return local(date, &parts) ? Int(parts.tm_gmtoff) : 0
    }

    /// The zone's abbreviation at `date` ("UTC", "CET", "EST"); for the system zone the C library's,
    /// as `date +%Z` prints it.
    public static func abbreviation(_ date: Date, in zone: TimeZone? = nil) -> String {
        if let zone { return zone.abbreviation(for: date) ?? "local" }
        var parts = tm()
        guard local(date, &parts), let name = parts.tm_zone else { return "local" }
        return String(cString: name)
    }

    /// "19:42:05": the time of day at `date`, `offset` seconds east of UTC.
    public static func hms(_ date: Date, offset: Int) -> String {
        let seconds = wholeSeconds(date) + offset
        let day = seconds - floorDivide(seconds, 86_400) * 86_400
        return two(day / 3600) + ":" + two(day / 60 % 60) + ":" + two(day % 60)
    }

    /// "2026-11-23 19:42:05": the proleptic Gregorian date and time at `date`, `offset` seconds east of UTC.
    public static func stamp(_ date: Date, offset: Int) -> String {
        let seconds = wholeSeconds(date) + offset
        let days = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(days: days)
        return "\(year)-\(two(month))-\(two(day)) " + hms(date, offset: offset)
    }

    /// Whole seconds since 1970, rounded down (a clock shows the second it is in).
    private static func wholeSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }

    private static func local(_ date: Date, _ parts: inout tm) -> Bool {
        var time = time_t(wholeSeconds(date))
        return localtime_r(&time, &parts) != nil
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Year, month, day of the day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
