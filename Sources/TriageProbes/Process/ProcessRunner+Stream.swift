import Subprocess
import SystemPackage

extension ProcessRunner {
    /// Bytes of stderr kept (the end of it) for a stream's termination reason.
    public static let streamStderrTail = 8 << 10

    /// Runs a long-lived child and hands its stdout to `onChunk` as raw byte chunks, as they arrive.
    ///
    /// Returns when the child ends, the optional deadline passes, or the calling task is cancelled;
    /// in the last two cases the whole process group is torn down (TERM, then KILL) first. A slow
    /// `onChunk` slows the reading, so the child blocks on a full pipe instead of triage buffering
    /// without bound. For the log sanitizer, which must see bytes before any decoding.
    public static func streamChunks(
        _ executable: String,
        _ arguments: [String],
        environment overrides: [String: String] = [:],
        deadline: Duration? = nil,
        stdin: [UInt8]? = nil,
        mergingStderr: Bool = false,
        onChunk: @escaping @Sendable ([UInt8]) async -> Void
    ) async -> StreamTermination {
        await stream(executable, arguments, environment: overrides, deadline: deadline, stdin: stdin,
                     stdout: .forward(onChunk), stderr: mergingStderr ? nil : .tail(streamStderrTail))
    }

    /// The one place a long-lived child is started and supervised; the public stream functions
    /// differ only in where its stdout and stderr go. A forwarded stderr leaves `stderrTail` empty;
    /// a nil one shares stdout's pipe (`2>&1` without a shell: the child's writes arrive in order).
    /// Its end is one line of the diagnostic log (`DiagnosticLog`), when one is open.
    static func stream(
        _ executable: String, _ arguments: [String], environment overrides: [String: String], deadline: Duration?,
        stdin: [UInt8]?, stdout: OutputSink, stderr: OutputSink?
    ) async -> StreamTermination {
        let termination = await streamUnlogged(
            executable, arguments, environment: overrides, deadline: deadline, stdin: stdin, stdout: stdout, stderr: stderr)
        DiagnosticLog.stream(arguments, termination: termination)
        return termination
    }

    private static func streamUnlogged(
        _ executable: String, _ arguments: [String], environment overrides: [String: String], deadline: Duration?,
        stdin: [UInt8]?, stdout: OutputSink, stderr: OutputSink?
    ) async -> StreamTermination {
        ignoreSigpipe
        let clock = ContinuousClock()
        let start = clock.now
        let path: String
        switch ExecutableResolver.resolve(executable) {
        case .success(let found): path = found
        case .failure(let failure):
            return StreamTermination(executable: executable, exitStatus: .failedToStart(failure.description), deadline: deadline)
        }
        let registration = ChildRegistration()
        defer { registration.finished() }
        do {
            // The two branches differ only in where the child's stderr goes (its own pipe, or stdout's).
            let (pid, terminationStatus, body): (pid_t, TerminationStatus, Supervised)
            if let stderr {
                let result = try await Subprocess.run(
                    .path(FilePath(path)), arguments: Arguments(arguments), environment: environment(overrides, executable: path),
                    platformOptions: platformOptions(), input: .inputWriter, output: .sequence, error: .sequence
                ) { execution in
                    registration.started(execution.processIdentifier.value)
                    return await supervise(execution, deadline: deadline, stdin: stdin, stdout: stdout, stderr: stderr)
                }
                (pid, terminationStatus, body) = (result.processIdentifier.value, result.terminationStatus, result.closureResult)
            } else {
                let result = try await Subprocess.run(
                    .path(FilePath(path)), arguments: Arguments(arguments), environment: environment(overrides, executable: path),
                    platformOptions: platformOptions(), input: .inputWriter, output: .sequence, error: .combinedWithOutput
                ) { execution in
                    registration.started(execution.processIdentifier.value)
                    return await supervise(execution, deadline: deadline, stdin: stdin, stdout: stdout, drainStderr: nil)
                }
                (pid, terminationStatus, body) = (result.processIdentifier.value, result.terminationStatus, result.closureResult)
            }
            sweepGroup(pid)
            let status: ProcessExitStatus =
                if body.cancelled { .cancelled } else if body.timedOut { .timedOut } else { map(terminationStatus) }
            return StreamTermination(
                executable: path, exitStatus: status, stderrTail: String(decoding: body.stderr.bytes, as: UTF8.self),
                duration: clock.now - start, deadline: deadline, processID: pid)
        } catch {
            return StreamTermination(
                executable: path, exitStatus: .failedToStart("\(executableName(path)): \(error)"),
                duration: clock.now - start, deadline: deadline)
        }
    }

    /// Runs a long-lived child and hands each stdout line (without its newline) to `onLine`.
    ///
    /// Lines longer than `maxLineBytes` arrive in pieces of that size (see `LineSplitter`); an
    /// unterminated last line is delivered when the stream ends.
    public static func streamLines(
        _ executable: String,
        _ arguments: [String],
        environment overrides: [String: String] = [:],
        deadline: Duration? = nil,
        maxLineBytes: Int = 16 << 20,
        mergingStderr: Bool = false,
        onLine: @escaping @Sendable (String) async -> Void
    ) async -> StreamTermination {
        let splitter = SplitterBox(LineSplitter(maxLineBytes: maxLineBytes))
        let termination = await streamChunks(
            executable, arguments, environment: overrides, deadline: deadline, mergingStderr: mergingStderr
        ) { chunk in
            for line in await splitter.feed(chunk) { await onLine(line) }
        }
        if let last = await splitter.finish() { await onLine(last) }
        return termination
    }

    /// The same stream as an `AsyncStream`: lines, then one `.ended` with the termination.
    ///
    /// Dropping the stream (leaving the `for await` loop that owns it) or cancelling the consuming
    /// task tears the child's group down. With the default `buffering`, a consumer that falls more
    /// than 10,000 lines behind loses the oldest ones (fresh log lines beat a backlog; `.ended`
    /// always arrives). Streams where every line counts (`kubectl get --watch`) should use
    /// `streamLines`, whose callback slows the reading instead of dropping.
    public static func lines(
        _ executable: String,
        _ arguments: [String],
        environment overrides: [String: String] = [:],
        deadline: Duration? = nil,
        maxLineBytes: Int = 16 << 20,
        buffering: AsyncStream<StreamEvent>.Continuation.BufferingPolicy = .bufferingNewest(10_000)
    ) -> AsyncStream<StreamEvent> {
        let (stream, continuation) = AsyncStream<StreamEvent>.makeStream(bufferingPolicy: buffering)
        let task = Task {
            let termination = await streamLines(
                executable, arguments, environment: overrides, deadline: deadline, maxLineBytes: maxLineBytes
            ) { line in
                continuation.yield(.line(line))
            }
            continuation.yield(.ended(termination))
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

/// Holds a `LineSplitter` across the chunks of one stream (chunks arrive one at a time, in order).
actor SplitterBox {
    private var splitter: LineSplitter
    init(_ splitter: LineSplitter) { self.splitter = splitter }
    func feed(_ chunk: [UInt8]) -> [String] { splitter.feed(chunk) }
    func finish() -> String? { splitter.finish() }
}
