import TriageCore
import TriageProbes

/// Runs a ``LogCommand`` for as long as its task lives: streams stdout and stderr through the
/// sanitizer into the sink, marks the source ended when the stream stops, and re-runs it with
/// backoff, resuming after the last stamp shown without replaying lines.
public actor CommandLogFollower {
    public let command: any LogCommand
    private var backoff: RetryBackoff
    private let sleep: @Sendable (Duration) async throws -> Void
    private var resume = ResumeFilter()
    private var stdoutDecoder: LogLineDecoder?
    private var stderrDecoder: LogLineDecoder?
    private var nextSequence: UInt64 = 0
    private var lastStderrLine: String?
    /// How many times the command was started.
    public private(set) var runs = 0

    public init(_ command: any LogCommand, backoff: RetryBackoff = RetryBackoff(),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.command = command
        self.backoff = backoff
        self.sleep = sleep
    }

    /// Lines dropped as already shown when a stream was resumed.
    public var droppedReplays: Int { resume.droppedReplays }

    /// Follows until the calling task is cancelled.
    public func run(into sink: LogSink) async {
        let clock = ContinuousClock()
        while !Task.isCancelled {
            stdoutDecoder = LogLineDecoder(source: sink.source.id, parsesTimestamps: true)
            stderrDecoder = LogLineDecoder(source: sink.source.id, parsesTimestamps: true)
            lastStderrLine = nil
            resume.beginResume()
            let arguments = command.arguments(since: resume.lastStamp)
            runs += 1
            sink.state(.running)
            let started = clock.now
            let termination = await ProcessRunner.streamBoth(
                command.executable, arguments, deadline: command.maxRunTime,
                onStdout: { chunk in await self.ingest(chunk, stderr: false, sink: sink) },
                onStderr: { chunk in await self.ingest(chunk, stderr: true, sink: sink) })
            flush(sink: sink)
            if Task.isCancelled || termination.exitStatus == .cancelled { break }
            if termination.exitStatus == .timedOut {
                continue  // planned restart: resume at once
            }
            let delay = backoff.next(after: clock.now - started)
            let reason = endReason(termination)
            sink.state(.ended(reason: reason, retryAt: sink.now() + delay))
            do { try await sleep(delay) } catch { break }
        }
        sink.state(.ended(reason: "stopped", retryAt: nil))
    }

    private func endReason(_ termination: StreamTermination) -> String {
        let base: String
        switch termination.exitStatus {
        case .exited(0): base = "stream ended"
        case .failedToStart(let why): return TerminalSanitizer.clean(why)
        default: base = termination.exitStatus.description
        }
        if let last = lastStderrLine { return "\(base): \(last)" }
        return base
    }

    private func ingest(_ chunk: [UInt8], stderr: Bool, sink: LogSink) {
        let arrival = sink.now()
        var decoded: [LogLine] = []
        chunk.withUnsafeBytes { raw in
            if stderr {
                stderrDecoder?.feed(raw, arrival: arrival) { decoded.append($0) }
            } else {
                stdoutDecoder?.feed(raw, arrival: arrival) { decoded.append($0) }
            }
        }
        admit(decoded, stderr: stderr, sink: sink)
    }

    private func flush(sink: LogSink) {
        let arrival = sink.now()
        if let line = stdoutDecoder?.finish(arrival: arrival) { admit([line], stderr: false, sink: sink) }
        if let line = stderrDecoder?.finish(arrival: arrival) { admit([line], stderr: true, sink: sink) }
    }

    private func admit(_ decoded: [LogLine], stderr: Bool, sink: LogSink) {
        var shown: [LogLine] = []
        shown.reserveCapacity(decoded.count)
        for var line in decoded {
            // With --timestamps every line of the followed program is stamped, on both streams; an
            // unstamped stderr line is the tool's own message ("No such container"): it becomes the
            // source's ended reason instead of a log line repeated at every retry.
            if stderr, line.timestamp == nil {
                if !line.text.isEmpty { lastStderrLine = line.text }
                continue
            }
            guard resume.admit(line) else { continue }
            line.sequence = nextSequence
            nextSequence += 1
            shown.append(line)
        }
        sink.lines(shown)
    }
}
