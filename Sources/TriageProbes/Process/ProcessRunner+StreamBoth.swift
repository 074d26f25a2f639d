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
        await stream(executable, arguments, environment: overrides, deadline: deadline, stdin: nil,
                     stdout: .forward(onStdout), stderr: .forward(onStderr))
    }
}
