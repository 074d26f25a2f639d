import Subprocess
import SystemPackage

extension ProcessRunner {
    /// Like `streamChunks`, but stderr is forwarded chunk by chunk too instead of kept as a tail.
    ///
    /// For `docker logs -f`, which writes the container's stderr to its own stderr: a log follower
    /// needs both streams, each as raw bytes for the sanitizer. The termination's `stderrTail` is
    /// empty; the consumer sees every stderr byte itself.
    public static func streamBoth(
        _ executable: String,
        _ arguments: [String],
        environment overrides: [String: String] = [:],
        deadline: Duration? = nil,
        onStdout: @escaping @Sendable ([UInt8]) async -> Void,
        onStderr: @escaping @Sendable ([UInt8]) async -> Void
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
        do {
            let result = try await Subprocess.run(
                .path(FilePath(path)), arguments: Arguments(arguments), environment: environment(overrides),
                platformOptions: platformOptions(), input: .inputWriter, output: .sequence, error: .sequence
            ) { execution in
                await supervise(execution, deadline: deadline, stdin: nil, stdout: .forward(onStdout), stderr: .forward(onStderr))
            }
            let pid = result.processIdentifier.value
            sweepGroup(pid)
            let body = result.closureResult
            let status: ProcessExitStatus =
                if body.cancelled { .cancelled } else if body.timedOut { .timedOut } else { map(result.terminationStatus) }
            return StreamTermination(executable: path, exitStatus: status, duration: clock.now - start, deadline: deadline,
                                     processID: pid)
        } catch {
            return StreamTermination(
                executable: path, exitStatus: .failedToStart("\(executableName(path)): \(error)"),
                duration: clock.now - start, deadline: deadline)
        }
    }
}
