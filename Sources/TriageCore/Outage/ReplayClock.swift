import Foundation

/// Where a replay stands in its recording: the recorded time shown, the speed, paused or not, and
/// the seeks its keys make. Pure: the caller says how much real time passed.
public struct ReplayClock: Sendable, Equatable {
    /// The speeds `+` and `-` step through.
    public static let speeds: [Double] = [1, 2, 5, 10, 20, 50, 100]
    /// What `←` and `→` move by.
    public static let seekStep: TimeInterval = 60

    public let start: Date
    public let end: Date
    /// The recording's moments of change, oldest first (`[` and `]`).
    public let transitionTimes: [Date]
    public private(set) var position: Date
    public private(set) var speed: Double
    public var paused: Bool

    public init(start: Date, end: Date, transitionTimes: [Date] = [], from: Date? = nil, speed: Double = 1) {
        self.start = start
        self.end = max(start, end)
        self.transitionTimes = transitionTimes
        self.speed = max(speed, 0.001)
        self.paused = false
        position = start
        position = clamp(from ?? start)
    }

    /// True once the replay reached the end of the recording.
    public var atEnd: Bool { position >= end }

    /// Moves on by `elapsed` real seconds at the current speed (not while paused); stops at the end.
    public mutating func advance(realSeconds elapsed: TimeInterval) {
        guard !paused, elapsed > 0 else { return }
        position = clamp(position.addingTimeInterval(elapsed * speed))
    }

    /// `→` (+1) and `←` (-1): one ``seekStep`` later or earlier, within the recording.
    public mutating func seek(minutes: Int) {
        position = clamp(position.addingTimeInterval(TimeInterval(minutes) * Self.seekStep))
    }

    /// `]`: the first moment of change after the position (the end when there is none).
    public mutating func nextTransition() {
        position = clamp(transitionTimes.first { $0 > position } ?? end)
    }

    /// `[`: the last moment of change before the position (the start when there is none).
    public mutating func previousTransition() {
        position = clamp(transitionTimes.last { $0 < position } ?? start)
    }

    /// `+` and `-`: the next speed up or down in ``speeds``.
    public mutating func faster() { speed = Self.speeds.first { $0 > speed } ?? speed }
    public mutating func slower() { speed = Self.speeds.last { $0 < speed } ?? speed }

    /// The progress line: "replay 12:03:15 UTC  +4m10s of 45m00s  10x  paused".
    public func progressText(timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "HH:mm:ss"
        let offset = DurationText.format(.seconds(Int(position.timeIntervalSince(start))))
        let total = DurationText.format(.seconds(Int(end.timeIntervalSince(start))))
        let speedText = speed == speed.rounded() ? "\(Int(speed))x" : String(format: "%.1fx", speed)
        let zone = timeZone.secondsFromGMT(for: position) == 0 ? "UTC" : timeZone.abbreviation(for: position) ?? timeZone.identifier
        var text = "replay \(formatter.string(from: position)) \(zone)"
        text += "  +\(offset) of \(total)  \(speedText)"
        if paused { text += "  paused" } else if atEnd { text += "  end" }
        return text
    }

    /// Parses `--speed`: "10x", "10", "0.5x".
    public static func parseSpeed(_ text: String) -> Double? {
        var body = text.lowercased()
        if body.hasSuffix("x") { body.removeLast() }
        guard let value = Double(body), value > 0, value <= 1000 else { return nil }
        return value
    }

    /// Parses `--from`: "12:03" or "12:03:30" on the recording's first day (UTC unless `timeZone`),
    /// the next day when that is before the start (a recording across midnight).
    public static func parseFrom(_ text: String, start: Date, timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> Date? {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        let (h, m, s) = (parts[0]!, parts[1]!, parts.count == 3 ? parts[2]! : 0)
        guard (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard var date = calendar.date(bySettingHour: h, minute: m, second: s, of: start) else { return nil }
        if date < start.addingTimeInterval(-60), let next = calendar.date(byAdding: .day, value: 1, to: date) { date = next }
        return date
    }

    private func clamp(_ date: Date) -> Date { min(max(date, start), end) }
}
