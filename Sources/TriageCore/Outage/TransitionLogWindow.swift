import Foundation

/// Which log lines the source recording keeps: the last ``before`` lines that arrived before a
/// transition of the picture, and those that arrive in the ``afterSeconds`` after it (at most
/// ``afterLimit`` a transition, and ``minuteLimit`` in any minute however often the picture changes),
/// each once, with its own time and source. A firehose between
/// transitions is never recorded: only the small ring of recent lines is kept in memory, and only
/// kept lines are redacted.
public struct TransitionLogWindow: Sendable {
    public static let before = PictureTransition.logLineLimit
    public static let afterSeconds: TimeInterval = 15
    public static let afterLimit = 40
    /// Bounds the storage of a storm (a transition every round with a log firehose): ~1 MB an hour.
    public static let minuteLimit = 120

    private var recent: [(serial: Int, line: RecordedLogLine)] = []
    private var serial = 0
    private var keptThrough = 0
    private var windowEnd: Date?
    private var keptInWindow = 0
    private var pending: [RecordedLogLine] = []
    private var minute = Int.min
    private var keptInMinute = 0

    public init() {}

    /// True while lines after a transition are still being kept; otherwise only the last ``before``
    /// lines of a read matter.
    public var isCollecting: Bool { windowEnd != nil && keptInWindow < Self.afterLimit }

    /// Lines read from the log sources, oldest first.
    public mutating func arrived(_ lines: [RecordedLogLine]) {
        for line in lines {
            serial += 1
            if let windowEnd, line.time <= windowEnd, keptInWindow < Self.afterLimit, keep(line) {
                keptInWindow += 1
                keptThrough = serial
            }
            recent.append((serial, line))
        }
        if recent.count > Self.before { recent.removeFirst(recent.count - Self.before) }
    }

    /// The picture changed at `time`: keep the recent lines not kept yet and open the window after it.
    public mutating func transition(at time: Date) {
        for (serial, line) in recent where serial > keptThrough { _ = keep(line) }
        keptThrough = serial
        windowEnd = time.addingTimeInterval(Self.afterSeconds)
        keptInWindow = 0
    }

    /// Adds `line` to what is written unless its minute's budget is spent.
    private mutating func keep(_ line: RecordedLogLine) -> Bool {
        let lineMinute = Int((line.time.timeIntervalSince1970 / 60).rounded(.down))
        if lineMinute != minute {
            minute = lineMinute
            keptInMinute = 0
        }
        guard keptInMinute < Self.minuteLimit else { return false }
        keptInMinute += 1
        pending.append(line)
        return true
    }

    /// The lines to write, oldest first, their text redacted; empties the list.
    public mutating func take() -> [RecordedLogLine] {
        defer { pending.removeAll() }
        return pending.map { line in
            var copy = line
            copy.text = SecretRedactor.redact(line.text)
            return copy
        }
    }
}
