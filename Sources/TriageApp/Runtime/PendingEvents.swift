import Synchronization
import TriageCore

/// Probe transitions waiting for the terminal thread to write them to the incident timeline.
final class PendingEvents: Sendable {
    private let items = Mutex<[String]>([])
    private let wake: WakeSignal?
    init(wake: WakeSignal?) { self.wake = wake }
    func append(_ text: String) {
        items.withLock { $0.append(text) }
        wake?.raise()
    }
    func takeAll() -> [String] {
        items.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
