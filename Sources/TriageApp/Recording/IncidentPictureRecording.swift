import Foundation
import TriageCore

/// The terminal thread's side of recording: while an incident is open (and the session may write),
/// each new snapshot becomes a picture, the ``PictureRecorder`` diffs it against the last one, and
/// what changed goes to the ``PictureRecordingWriter``'s queue, with the snapshot itself (its rows
/// are built and diffed there) and the log lines around the picture's transitions. The diff is one
/// pass over the entities when none changed (a dictionary walk when some did); the SQLite write
/// never runs here.
final class IncidentPictureRecording {
    private let writer: PictureRecordingWriter
    private var recorder = PictureRecorder()
    private var incidentID: String?
    private var lastVersion: UInt64?
    private var logWindow = TransitionLogWindow()
    /// Log source id → its short name, as the hub last reported it.
    private var logSourceNames: [LogSourceID: String] = [:]

    init(writer: PictureRecordingWriter) { self.writer = writer }

    /// Looks at the newest snapshot's picture, the one the frame on screen was built from
    /// (``FramePicture/current``): nil until a frame shows that snapshot (at most the next second),
    /// so the picture is built once per frame, not again here. Does nothing when the version was
    /// seen already or no incident is open. A new incident (or one reopened) starts a new recorder,
    /// so its first round is a full picture.
    ///
    /// The picture's transitions carry no log lines of their own: the ``TransitionLogWindow`` keeps
    /// the lines before and after each transition once, with their times, for the source recording
    /// (copying the pane's last lines onto every transition of a round wrote them twice and more).
    func observe(_ picture: OutageEntities?, snapshot: DashboardSnapshot, version: UInt64, incidentID current: String?, now: Date) {
        guard let current else {
            incidentID = nil
            return
        }
        if current != incidentID {
            incidentID = current
            recorder = PictureRecorder()
            lastVersion = nil
        }
        guard version != lastVersion, let picture else { return }
        lastVersion = version
        if writer.takePictureKeyFrameRequest() { recorder.requestKeyFrame() }
        if let batch = recorder.take(picture.all, at: now) {
            if !batch.transitions.isEmpty { logWindow.transition(at: now) }
            writer.write(incidentID: current, batch)
        }
        writer.record(snapshot, logLines: logWindow.take(), incidentID: current, at: now)
    }

    /// Lines the Logs pane just received: kept only around the picture's transitions (``TransitionLogWindow``).
    func received(_ batch: LogBatch) {
        for status in batch.sources { logSourceNames[status.source.id] = status.source.shortName }
        guard incidentID != nil, !batch.lines.isEmpty else { return }
        let lines = logWindow.isCollecting ? batch.lines[...] : batch.lines.suffix(TransitionLogWindow.before)
        logWindow.arrived(lines.map { line in
            RecordedLogLine(time: Date(timeIntervalSince1970: TimeInterval(line.arrival.nanoseconds) / 1e9),
                            source: logSourceNames[line.source] ?? line.source.description, text: line.text)
        })
    }
}
