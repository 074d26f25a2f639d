import Dispatch
import Foundation
import Synchronization
import TriageCore
import TriageStore

/// Writes the outage picture's recording off the terminal thread: one serial queue, one
/// transaction per round (``IncidentStore/recordPicture(incidentID:_:)``), and the recording of
/// what the panes are built from (``IncidentStore/recordSources(incidentID:_:)``), whose rows are
/// also built and diffed on this queue, so the terminal thread only hands a snapshot over.
///
/// Recording is best effort and never holds up the incident's own writes: a round that cannot be
/// written (a full disk, another process's lock) is dropped and counted, and the next round is a
/// key frame that puts the whole picture back (key frames of a big picture are otherwise spaced
/// minutes apart), so a replay loses detail, never the picture.
public final class PictureRecordingWriter: Sendable {
    private let queue = DispatchQueue(label: "triage.picture-recording", qos: .utility)
    private let store: @Sendable () -> IncidentStore?
    private let counts = Mutex<(written: Int, dropped: Int)>((0, 0))
    /// Set when a picture round was dropped: the terminal thread's recorder makes its next round a key frame.
    private let pictureKeyFrameWanted = Mutex(false)
    /// The source recorder and its row encoder, used only on ``queue``; restarted for a new incident.
    private let sources = Mutex<SourceRecordingState?>(nil)

    private struct SourceRecordingState {
        var incidentID: String
        var recorder = SourceRecorder()
        let encoder = SnapshotSourceRows.Encoder()
    }

    public init(store: @escaping @Sendable () -> IncidentStore?) { self.store = store }

    /// Rounds written and dropped so far.
    public var written: Int { counts.withLock { $0.written } }
    public var dropped: Int { counts.withLock { $0.dropped } }

    public func write(incidentID: String, _ batch: PictureBatch) {
        queue.async { [self] in
            if !save({ store in try store.recordPicture(incidentID: incidentID, batch) }) {
                pictureKeyFrameWanted.withLock { $0 = true }
            }
        }
    }

    /// True once after a picture round was dropped.
    public func takePictureKeyFrameRequest() -> Bool {
        pictureKeyFrameWanted.withLock { wanted in
            defer { wanted = false }
            return wanted
        }
    }

    /// Records what the panes of `snapshot` show, at `time`, with the log lines kept since the last call.
    public func record(_ snapshot: DashboardSnapshot, logLines: [RecordedLogLine], incidentID: String, at time: Date) {
        queue.async { [self] in
            let batch = sources.withLock { state -> SourceBatch? in
                if state?.incidentID != incidentID { state = SourceRecordingState(incidentID: incidentID) }
                let rows = SnapshotSourceRows.rows(of: snapshot, encoder: state!.encoder)
                return state!.recorder.take(rows, at: time, logLines: logLines)
            }
            guard let batch else { return }
            if !save({ store in try store.recordSources(incidentID: incidentID, batch) }) {
                sources.withLock { $0?.recorder.requestKeyFrame() }
            }
        }
    }

    /// Runs one write; false when it was dropped.
    private func save(_ work: (IncidentStore) throws -> Void) -> Bool {
        do {
            guard let store = store() else { throw StoreError.failed(path: "", reason: "the incident database is not open") }
            try work(store)
            counts.withLock { $0.written += 1 }
            return true
        } catch {
            counts.withLock { $0.dropped += 1 }
            return false
        }
    }

    /// Waits until every round handed over so far was written or dropped.
    public func drain() { queue.sync {} }
}
