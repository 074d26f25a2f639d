import Foundation
import TriageCore

/// How incident times are written in reports: UTC for sharing, local for reading.
///
/// Built from the zone's offset with integer arithmetic (``LocalTime``) rather than `DateFormatter`,
/// so the output never depends on the user's locale settings (digits, 12-hour clocks) and tests can
/// inject the time zone.
public enum IncidentTimeText {
    /// "2026-11-23 19:42:05 UTC".
    public static func utc(_ date: Date) -> String {
        LocalTime.stamp(date, offset: 0) + " UTC"
    }

    /// "2026-11-23 19:42:05 UTC (20:42:05 CET)": UTC first, then the local wall clock.
    public static func utcAndLocal(_ date: Date, timeZone: TimeZone) -> String {
        let utcText = utc(date)
        if timeZone.secondsFromGMT(for: date) == 0 { return utcText }
        let local = stamp(date, timeZone: timeZone)
        let sameDay = local.prefix(10) == utcText.prefix(10)
        let abbreviation = timeZone.abbreviation(for: date) ?? timeZone.identifier
        return "\(utcText) (\(sameDay ? String(local.dropFirst(11)) : local) \(abbreviation))"
    }

    /// "2026-11-23 19:42" in the given zone, for tables.
    public static func minute(_ date: Date, timeZone: TimeZone) -> String {
        String(stamp(date, timeZone: timeZone).prefix(16))
    }

    /// "19:42:05" in the given zone (nil: the system's, see ``LocalTime``), for timeline rows.
    public static func timeOfDay(_ date: Date, timeZone: TimeZone?) -> String {
        LocalTime.hms(date, offset: LocalTime.offset(date, in: timeZone))
    }

    /// RFC 3339 UTC with seconds ("2026-11-23T19:42:05Z") for JSON.
    public static func rfc3339(_ date: Date) -> String {
        LocalTime.stamp(date, offset: 0).replacingOccurrences(of: " ", with: "T") + "Z"
    }

    static func stamp(_ date: Date, timeZone: TimeZone) -> String {
        LocalTime.stamp(date, offset: timeZone.secondsFromGMT(for: date))
    }
}
