#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TriageCore

/// Follows a file by path like `tail -F`, read by triage itself (no `tail` child).
///
/// Polls every ``pollInterval``: reads what was appended (at most ``maxBytesPerPoll`` per round, so
/// a runaway writer cannot starve the process), then checks the path. A different inode at the path
/// means rotation by rename and recreate: the old file is read to its end, then the new one is
/// followed from its start. A size below the read offset means truncation (copytruncate): reading
/// starts over at 0. A missing file is waited for and reported as ended, never as a crash.
public actor FileTailer {
    public let path: String
    public let pollInterval: Duration
    /// Lines shown from the existing file when first opened (like `tail -n`).
    public let initialLines: Int
    public let maxBytesPerPoll: Int
    private let sleep: @Sendable (Duration) async throws -> Void

    private var fd: Int32 = -1
    private var identity: (dev: UInt64, ino: UInt64)?
    private var offset: Int64 = 0
    private var openedOnce = false
    private var buffer: [UInt8]

    /// What happened to the file, for tests and the source list.
    public private(set) var rotations = 0
    public private(set) var truncations = 0

    public init(path: String, pollInterval: Duration = .milliseconds(250), initialLines: Int = 10,
                maxBytesPerPoll: Int = 4 << 20,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.path = path
        self.pollInterval = pollInterval
        self.initialLines = max(0, initialLines)
        self.maxBytesPerPoll = max(4096, maxBytesPerPoll)
        self.sleep = sleep
        buffer = [UInt8](repeating: 0, count: 64 << 10)
    }

    /// Follows until the calling task is cancelled, writing lines and states to `sink`.
    public func run(into sink: LogSink) async {
        var decoder = LogLineDecoder(source: sink.source.id, parsesTimestamps: false)
        defer { closeFile() }
        while !Task.isCancelled {
            poll(into: sink, decoder: &decoder)
            do { try await sleep(pollInterval) } catch { break }
        }
        if let last = decoder.finish(arrival: sink.now()) { sink.lines([last]) }
    }

    /// One round: open if needed, read what is new, handle truncation and rotation.
    public func poll(into sink: LogSink, decoder: inout LogLineDecoder) {
        if fd < 0 {
            guard openFile() else {
                sink.state(.ended(reason: "waiting for \(TerminalSanitizer.clean(path)): \(String(cString: strerror(errno)))",
                                  retryAt: nil))
                return
            }
            sink.state(.running)
            if !openedOnce {
                openedOnce = true
                readInitialTail(into: sink, decoder: &decoder)
                return
            }
        }
        let budgetLeft = readAvailable(into: sink, decoder: &decoder, budget: maxBytesPerPoll)
        guard budgetLeft > 0 else { return }  // more to read: next round, no checks needed yet

        var st = stat()
        if fstat(fd, &st) == 0, Int64(st.st_size) < offset {
            truncations += 1
            if let last = decoder.finish(arrival: sink.now()) { sink.lines([last]) }
            offset = 0
            lseek(fd, 0, SEEK_SET)
            _ = readAvailable(into: sink, decoder: &decoder, budget: budgetLeft)
            return
        }
        var current = stat()
        if stat(path, &current) == 0, let identity,
           UInt64(current.st_dev) != identity.dev || UInt64(current.st_ino) != identity.ino {
            // Rotated: the old file is read to its end (above); the new one from its start.
            rotations += 1
            if let last = decoder.finish(arrival: sink.now()) { sink.lines([last]) }
            closeFile()
            if openFile() {
                _ = readAvailable(into: sink, decoder: &decoder, budget: budgetLeft)
            }
        }
    }

    private func openFile() -> Bool {
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return false }
        var st = stat()
        guard fstat(opened, &st) == 0 else {
            close(opened)
            return false
        }
        fd = opened
        identity = (UInt64(st.st_dev), UInt64(st.st_ino))
        offset = 0
        return true
    }

    private func closeFile() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    /// Shows the last ``initialLines`` lines of the file as it is (reading at most its last 1 MiB).
    private func readInitialTail(into sink: LogSink, decoder: inout LogLineDecoder) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return }
        let size = Int64(st.st_size)
        let start = max(0, size - Int64(min(1 << 20, max(4096, initialLines * 1024))))
        lseek(fd, off_t(start), SEEK_SET)
        offset = start
        var lines: [LogLine] = []
        var skipPartial = start > 0
        let arrival = sink.now()
        while offset < size {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, Int(size - offset))) }
            guard n > 0 else { break }
            offset += Int64(n)
            buffer.withUnsafeBytes { raw in
                var chunk = UnsafeRawBufferPointer(rebasing: raw[0..<n])
                if skipPartial {
                    guard let newline = chunk.firstIndex(of: 0x0A) else { return }
                    chunk = UnsafeRawBufferPointer(rebasing: chunk[(newline + 1)...])
                    skipPartial = false
                }
                decoder.feed(chunk, arrival: arrival) { lines.append($0) }
            }
            if lines.count > initialLines * 2 + 1024 { lines.removeFirst(lines.count - initialLines) }
        }
        if lines.count > initialLines { lines.removeFirst(lines.count - initialLines) }
        sink.lines(lines)
    }

    /// Reads to the end of the file or of `budget` bytes; returns the budget left (0: more may wait).
    private func readAvailable(into sink: LogSink, decoder: inout LogLineDecoder, budget: Int) -> Int {
        var left = budget
        while left > 0 {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, left)) }
            guard n > 0 else { break }
            offset += Int64(n)
            left -= n
            var lines: [LogLine] = []
            let arrival = sink.now()
            buffer.withUnsafeBytes { raw in
                decoder.feed(UnsafeRawBufferPointer(rebasing: raw[0..<n]), arrival: arrival) { lines.append($0) }
            }
            sink.lines(lines)
        }
        return left
    }
}
