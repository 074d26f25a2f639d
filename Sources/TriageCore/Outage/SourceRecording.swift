import Foundation

/// An incident's recorded sources: key frames of every source's rows, the row changes between them
/// and the log lines kept around the picture's transitions, oldest first. The rows at any moment
/// are rebuilt from the newest key frame before it and the changes since.
public struct SourceRecording: Sendable, Equatable {
    public private(set) var keyFrames: [SourceKeyFrame]
    public private(set) var changes: [SourceRowChange]
    public private(set) var logLines: [RecordedLogLine]

    public init(keyFrames: [SourceKeyFrame], changes: [SourceRowChange], logLines: [RecordedLogLine] = []) {
        self.keyFrames = keyFrames.sorted { $0.time < $1.time }
        // Stable: the changes of one round keep the order they were recorded in.
        self.changes = changes.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        self.logLines = logLines.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    /// True for an incident recorded before triage recorded what the panes are built from.
    public var isEmpty: Bool { keyFrames.isEmpty && changes.isEmpty }

    public var start: Date? { [keyFrames.first?.time, changes.first?.time].compactMap { $0 }.min() }
    public var end: Date? { [keyFrames.last?.time, changes.last?.time].compactMap { $0 }.max() }

    /// The rows as they were at `time`: the newest key frame at or before it, with every change after
    /// that frame up to `time` applied (a key frame is written after its round's changes, so it
    /// already holds the ones at its own time). Before the first key frame: the changes alone.
    public func rows(at time: Date) -> SourceRows {
        let frame = keyFrames.last { $0.time <= time }
        var rows = frame?.rows ?? SourceRows()
        for change in changes(after: frame?.time, through: time) {
            rows.set(source: change.source, key: change.key, body: change.body)
        }
        return rows
    }

    /// The changes after `start` (from the first when nil) up to and including `end`, in order.
    public func changes(after start: Date?, through end: Date) -> ArraySlice<SourceRowChange> {
        let from = start.map { start in changes.partitionPoint { $0.time > start } } ?? 0
        let to = changes.partitionPoint { $0.time > end }
        return from < to ? changes[from..<to] : []
    }

    /// The log lines recorded up to `time`, oldest first.
    public func logLines(through time: Date) -> ArraySlice<RecordedLogLine> {
        logLines[..<logLines.partitionPoint { $0.time > time }]
    }
}

/// Every source's rows at one moment of the recording.
public struct SourceKeyFrame: Sendable, Equatable {
    public var time: Date
    public var rows: SourceRows

    public init(time: Date, rows: SourceRows) {
        self.time = time
        self.rows = rows
    }
}

/// A log line as the Logs pane showed it around a transition: when it was read, from which source,
/// and its text (redacted).
public struct RecordedLogLine: Sendable, Equatable {
    public var time: Date
    public var source: String
    public var text: String

    public init(time: Date, source: String, text: String) {
        self.time = time
        self.source = source
        self.text = text
    }
}

extension Array {
    /// The first index whose element satisfies `isAfter`, for an array already ordered so that every
    /// element satisfying it comes after every one that does not (a binary search).
    func partitionPoint(_ isAfter: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
