import Foundation

/// Reads certificate validity dates from curl's certinfo text ("Expire date:Dec 23 19:56:43 2026 GMT").
///
/// Parsed by hand rather than with a `DateFormatter`, whose results depend on the process locale.
public enum CertificateDate {
    public static func expiryDates(inCurlCertinfo text: String) -> [Date] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard line.hasPrefix("Expire date:") else { return nil }
            return parse(String(line.dropFirst("Expire date:".count)))
        }
    }

    /// Parses OpenSSL's `Mmm dd hh:mm:ss yyyy GMT` (day may be space-padded).
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 4 else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let monthIndex = months.firstIndex(of: String(parts[0])), let day = Int(parts[1]), let year = Int(parts[3])
        else { return nil }
        let clock = parts[2].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...31).contains(day) else { return nil }
        if parts.count >= 5, parts[4] != "GMT", parts[4] != "UTC" { return nil }
        let days = daysFromCivil(year: year, month: monthIndex + 1, day: day)
        let seconds = days * 86400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Whole days from `now` until `expiry`, rounded down (negative once expired).
    public static func daysLeft(until expiry: Date, now: Date) -> Int {
        Int((expiry.timeIntervalSince(now) / 86400).rounded(.down))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
