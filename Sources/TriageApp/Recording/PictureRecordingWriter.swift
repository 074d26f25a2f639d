import Dispatch
import Foundation
import Synchronization
import TriageCore
import TriageStore

/// Writes the outage picture's recording off the terminal thread: one serial queue, one
/// transaction per round (``IncidentStore/recordPicture(incidentID:_:)``).
///
/// Recording is best effort and never holds up the incident's own writes: a round that cannot be
/// written (a full disk, another process's lock) is dropped and counted, and the next minute's key
/// frame puts the whole picture back, so a replay loses detail, never the picture.
public final class PictureRecordingWriter: Sendable {
    private let queue = DispatchQueue(label: "triage.picture-recording", qos: .utility)
    private let store: @Sendable () -> IncidentStore?
    private let counts = Mutex<(written: Int, dropped: Int)>((0, 0))

    public init(store: @escaping @Sendable () -> IncidentStore?) { self.store = store }

    /// Rounds written and dropped so far.
    public var written: Int { counts.withLock { $0.written } }
    public var dropped: Int { counts.withLock { $0.dropped } }

    public func write(incidentID: String, _ batch: PictureBatch) {
        queue.async { [self] in
            do {
                guard let store = store() else { throw StoreError.failed(path: "", reason: "the incident database is not open") }
                try store.recordPicture(incidentID: incidentID, batch)
                counts.withLock { $0.written += 1 }
            } catch {
                counts.withLock { $0.dropped += 1 }
            }
        }
    }

    /// Waits until every round handed over so far was written or dropped.
    public func drain() { queue.sync {} }
}
