import Foundation

/// A fresh directory under the system temp dir, removed by `remove()` (call it in a `defer`).
struct TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("triage-store-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        path = String(cString: made)
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs blocking work (process I/O, waits) on a GCD thread so it never starves Swift concurrency's
/// small cooperative pool, which the watcher's polling needs to stay on time.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}

/// The permission bits of a file, or nil when it does not exist.
func mode(of path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o777
}

/// The bytes of a file (for "left untouched" checks).
func contents(of path: String) -> Data? {
    FileManager.default.contents(atPath: path)
}

/// Waits for the stream's next element, at most `limit`; returns when it arrived, or nil.
func nextChange(of stream: AsyncStream<Void>, within limit: Duration) async -> ContinuousClock.Instant? {
    let waiter = Task { () -> ContinuousClock.Instant? in
        for await _ in stream { return ContinuousClock.now }
        return nil
    }
    let timeout = Task {
        try await Task.sleep(for: limit)
        waiter.cancel()
    }
    let arrived = await waiter.value
    timeout.cancel()
    return arrived
}
