import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Calls back when named files in one directory are written (inotify), without polling.
///
/// The directory is watched, not the files: SQLite deletes the `-wal` file when the last
/// connection closes and makes it again on the next write, and a watch on a deleted file is gone.
/// One callback per burst of writes, ``settleDelay`` after its last event, on a private serial
/// queue: SQLite writes a commit's WAL frames first and publishes the commit in the memory-mapped
/// `-shm` index afterwards (which inotify does not see), so a look at once could find the commit
/// not yet visible and then hear nothing more. The callback should be cheap and must not block.
final class DirectoryWatch: @unchecked Sendable {
    // @unchecked: both sources are set once in init, only re-armed on their own queue and
    // cancelled afterwards (dispatch sources are thread-safe).
    private let source: any DispatchSourceRead
    private let settle: any DispatchSourceTimer

    /// How long after a burst's last write the callback runs.
    static let settleDelay: DispatchTimeInterval = .milliseconds(30)

    /// - Returns: nil when inotify is not available (no more watches, not Linux, an unreadable
    ///   directory); the caller then relies on its polling fallback.
    init?(directory: String, names: Set<String>, onChange: @escaping @Sendable () -> Void) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let mask = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            close(fd)
            return nil
        }
        let queue = DispatchQueue(label: "triage.directory-watch")
        settle = DispatchSource.makeTimerSource(queue: queue)
        settle.setEventHandler(handler: onChange)
        settle.schedule(deadline: .distantFuture)
        settle.resume()
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [settle] in
            // Each relevant burst pushes the callback back: it runs once the writes stopped.
            if Self.drain(fd, names: names) { settle.schedule(deadline: .now() + Self.settleDelay) }
        }
        source.setCancelHandler { close(fd) }
        source.resume()
    }

    deinit { cancel() }

    func cancel() {
        source.cancel()
        settle.cancel()
    }

    /// Reads every queued event; true when one names a file in `names` (or the queue overflowed,
    /// when nothing can be ruled out).
    static func drain(_ fd: Int32, names: Set<String>) -> Bool {
        var relevant = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            relevant = relevant || eventsName(buffer[..<count], any: names)
        }
        return relevant
    }

    /// Whether one of the `struct inotify_event` records in `bytes` names a file in `names`.
    static func eventsName(_ bytes: ArraySlice<UInt8>, any names: Set<String>) -> Bool {
        let header = MemoryLayout<inotify_event>.size
        var offset = bytes.startIndex
        while offset + header <= bytes.endIndex {
            let mask = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset - bytes.startIndex + 4, as: UInt32.self) }
            let length = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset - bytes.startIndex + 12, as: UInt32.self) })
            if mask & UInt32(IN_Q_OVERFLOW) != 0 { return true }
            let nameStart = offset + header
            let nameEnd = min(nameStart + length, bytes.endIndex)
            let raw = bytes[nameStart..<nameEnd].prefix { $0 != 0 }
            if names.contains(String(decoding: raw, as: UTF8.self)) { return true }
            offset = nameEnd
        }
        return false
    }
}
