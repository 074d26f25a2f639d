import Foundation

/// Turns each new set of source rows into what needs writing: the rows that changed since the last
/// set it saw and, when due, a key frame of every row, with the log lines kept meanwhile. Pure: the
/// caller builds the rows (redacted) and writes the batch off the terminal thread.
///
/// Log lines alone do not make a write at every snapshot version (each write is a transaction, and
/// a synced one): they wait for the next round that writes rows, or ``logFlushInterval``.
///
/// Key frames come every ``keyFrameInterval`` while the rows are small; a large set (a context of
/// thousands of pods) spaces them so its key frames stay within ``keyFrameBytesPerHour``: a seek
/// then replays more changes, which costs memory reads, not disk.
public struct SourceRecorder: Sendable {
    /// A key frame at least this often while the rows are small.
    public static let keyFrameInterval: TimeInterval = 60
    /// What key frames may cost per hour at most (a frame of 1 MB comes every 12 minutes).
    public static let keyFrameBytesPerHour = 5_000_000
    /// Log lines kept with no row change are written at least this often.
    public static let logFlushInterval: TimeInterval = 5

    public private(set) var last = SourceRows()
    /// Rows looked at to find the changes so far: the guard against diffing every row of every
    /// source at every snapshot version (a table the encoder did not change is skipped whole).
    public private(set) var rowsCompared = 0
    private var nextKeyFrameAt: Date?
    private var heldLines: [RecordedLogLine] = []
    private var lastWriteAt: Date?

    public init() {}

    /// How long after a key frame of `bytes` the next one is due.
    public static func keyFrameSpacing(bytes: Int) -> TimeInterval {
        max(keyFrameInterval, (Double(bytes) * 3600 / Double(keyFrameBytesPerHour)).rounded(.up))
    }

    /// Makes the next round a key frame: a round that could not be written is put back then, not
    /// only when the next spaced key frame is due.
    public mutating func requestKeyFrame() { nextKeyFrameAt = nil }

    /// The batch for the rows at `time` and the log lines kept since the last call (nil when nothing
    /// is to be written yet).
    public mutating func take(_ rows: SourceRows, at time: Date, logLines: [RecordedLogLine] = []) -> SourceBatch? {
        heldLines += logLines
        let changes = rows.changes(since: last, at: time, compared: &rowsCompared)
        // Kept even when nothing changed: holding the newest tables keeps their diffs short.
        last = rows
        var frame: SourceKeyFrame?
        if nextKeyFrameAt.map({ time >= $0 }) ?? true {
            frame = SourceKeyFrame(time: time, rows: rows)
            nextKeyFrameAt = time.addingTimeInterval(Self.keyFrameSpacing(bytes: rows.byteCount))
        }
        var batch = SourceBatch(changes: changes, keyFrame: frame)
        let linesDue = lastWriteAt.map { time.timeIntervalSince($0) >= Self.logFlushInterval } ?? true
        if !heldLines.isEmpty, !batch.isEmpty || linesDue {
            batch.logLines = heldLines
            heldLines.removeAll()
        }
        guard !batch.isEmpty else { return nil }
        lastWriteAt = time
        return batch
    }
}

/// One round of the source recording: the row changes and, when due, a key frame and log lines.
public struct SourceBatch: Sendable, Equatable {
    public var changes: [SourceRowChange]
    public var keyFrame: SourceKeyFrame?
    public var logLines: [RecordedLogLine]

    public init(changes: [SourceRowChange] = [], keyFrame: SourceKeyFrame? = nil, logLines: [RecordedLogLine] = []) {
        self.changes = changes
        self.keyFrame = keyFrame
        self.logLines = logLines
    }

    public var isEmpty: Bool { changes.isEmpty && keyFrame == nil && logLines.isEmpty }
}
