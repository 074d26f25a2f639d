import Foundation
import TriageCore

/// How a long-running child (`docker stats`, `kubectl get --watch`, `docker logs -f`) ended.
public struct StreamTermination: Sendable {
    public var executable: String
    /// `.cancelled` when the caller's task was cancelled, `.timedOut` past an optional deadline.
    public var exitStatus: ProcessExitStatus
    /// The last bytes of stderr (at most 8 KiB), where tools explain why they stopped.
    public var stderrTail: String
    public var duration: Duration
    public var deadline: Duration?
    /// The child's PID and process group ID; nil when it never started.
    public var processID: Int32?

    public init(
        executable: String, exitStatus: ProcessExitStatus, stderrTail: String = "", duration: Duration = .zero,
        deadline: Duration? = nil, processID: Int32? = nil
    ) {
        self.executable = executable
        self.exitStatus = exitStatus
        self.stderrTail = stderrTail
        self.duration = duration
        self.deadline = deadline
        self.processID = processID
    }

    /// A one-line reason, nil when the stream ended with status 0 or by cancellation (both expected).
    ///
    /// The last stderr line is the most useful one for streams ("error: watch closed", "Error response
    /// from daemon: No such container: web").
    public var failureReason: String? {
        switch exitStatus {
        case .exited(0), .cancelled:
            return nil
        case .exited(let code):
            return lastStderrLine ?? "\(executableName) exited with status \(code)"
        case .signaled:
            return lastStderrLine.map { "\(executableName) \(exitStatus): \($0)" } ?? "\(executableName) \(exitStatus)"
        case .timedOut:
            return "timed out after \(deadline.map(DurationText.format) ?? "its deadline")"
        case .failedToStart(let reason):
            return reason
        }
    }

    private var lastStderrLine: String? {
        stderrTail.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .last { !$0.isEmpty }
    }

    private var executableName: String {
        executable.split(separator: "/").last.map(String.init) ?? executable
    }
}

/// One item of `ProcessRunner.lines(...)`: a stdout line, then exactly one `.ended` as the last element.
public enum StreamEvent: Sendable {
    case line(String)
    case ended(StreamTermination)
}
