import Foundation
import Testing
import TriageCore

/// ``LocalTime`` replaced `Calendar` and `String(format:)` for the times on screen (the header's
/// clock, timeline rows): its text must be the text Foundation's calendar gave, to the byte, in
/// every zone, across daylight-saving changes and before 1970.
@Suite struct LeanLocalTimeTests {
    static let zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns"]

    /// What the dashboard printed before: Foundation's Gregorian calendar in the zone.
    static func calendarStamp(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    @Test(arguments: zones)
    func stampAndClockMatchTheCalendar(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        // Whole seconds (the calendar rounds fractions its own way; the clock shows whole seconds),
        // spread over 1900–2100 with a step that lands on every time of day, plus DST edges.
        var dates: [Date] = []
        var t = -2_208_988_800.0
        while t < 4_102_444_800 { dates.append(Date(timeIntervalSince1970: t)); t += 7_919_993 }
        for edge in [1_711_846_800.0, 1_729_990_800, 1_710_054_000, 1_730_613_600, 0, -1, 951_782_400, 4_107_542_399] {
            for delta in [-3601.0, -1, 0, 1, 3599] { dates.append(Date(timeIntervalSince1970: edge + delta)) }
        }
        for date in dates {
            let offset = LocalTime.offset(date, in: zone)
            let expected = Self.calendarStamp(date, zone)
            #expect(LocalTime.stamp(date, offset: offset) == expected, "\(identifier) at \(date.timeIntervalSince1970)")
            #expect(LocalTime.hms(date, offset: offset) == String(expected.dropFirst(expected.count - 8)))
        }
    }

    @Test func theSystemZoneIsTheCLibrarysAndAClockShowsTheSecondItIsIn() {
        let date = Date(timeIntervalSince1970: 1_764_892_799.999)
        #expect(LocalTime.hms(date, offset: 0) == "23:59:59")
        #expect(LocalTime.stamp(date, offset: 3600) == "2025-12-05 00:59:59")
        // Without a zone: the C library's local time, whatever TZ this process runs with.
        var now = time_t(Date().timeIntervalSince1970)
        var parts = tm()
        localtime_r(&now, &parts)
        #expect(LocalTime.offset(Date(timeIntervalSince1970: TimeInterval(now))) == Int(parts.tm_gmtoff))
        #expect(LocalTime.abbreviation(Date(timeIntervalSince1970: TimeInterval(now))) == String(cString: parts.tm_zone))
    }
}
