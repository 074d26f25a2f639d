import Foundation
import TriageCore

/// Everything one bounded run of a child process produced: status, output and timing.
///
/// Output is capped at the runner's limit; beyond it the bytes are drained and dropped so that a
/// chatty tool can neither fill memory nor stall on a full pipe. `stdoutText`/`stderrText` append a
/// visible marker when that happened, so a cut JSON document fails to parse loudly instead of quietly.
public struct ProcessOutcome: Sendable {
    public var executable: String
    public var exitStatus: ProcessExitStatus
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    public var stdoutTruncated: Bool
    public var stderrTruncated: Bool
    /// Wall time from spawn (or resolution failure) to reaping.
    public var duration: Duration
    /// The deadline this run had, for "timed out after 5s".
    public var deadline: Duration
    /// The child's PID, which is also its process group ID; nil when it never started.
    public var processID: Int32?

    public init(
        executable: String, exitStatus: ProcessExitStatus, stdout: [UInt8] = [], stderr: [UInt8] = [],
        stdoutTruncated: Bool = false, stderrTruncated: Bool = false, duration: Duration = .zero,
        deadline: Duration, processID: Int32? = nil
    ) {
        self.executable = executable
        self.exitStatus = exitStatus
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutTruncated = stdoutTruncated
        self.stderrTruncated = stderrTruncated
        self.duration = duration
        self.deadline = deadline
        self.processID = processID
    }

    public static let truncationMarker = "\n… [output truncated]"

    public var stdoutText: String {
        String(decoding: stdout, as: UTF8.self) + (stdoutTruncated ? Self.truncationMarker : "")
    }

    public var stderrText: String {
        String(decoding: stderr, as: UTF8.self) + (stderrTruncated ? Self.truncationMarker : "")
    }

    /// True when the process exited by itself with status 0.
    public var succeeded: Bool { exitStatus.isSuccess }

    /// A one-line reason fit for a pane, or nil on success.
    ///
    /// The tool's own words come first ("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.
    /// Is the docker daemon running?"), because they name the real cause; then what triage knows
    /// ("timed out after 5s", "docker: not found on PATH", "exited with status 3").
    public var failureReason: String? {
        switch exitStatus {
        case .exited(0):
            return nil
        case .exited(let code):
            return Self.firstLine(stderr) ?? Self.firstLine(stdout).map { "\($0) (status \(code))" }
                ?? "\(executableName) exited with status \(code)"
        case .signaled:
            let base = "\(executableName) \(exitStatus)"
            return Self.firstLine(stderr).map { "\(base): \($0)" } ?? base
        case .timedOut:
            return "timed out after \(DurationText.format(deadline))"
        case .cancelled:
            return "cancelled"
        case .failedToStart(let reason):
            return reason
        }
    }

    private var executableName: String {
        executable.split(separator: "/").last.map(String.init) ?? executable
    }

    /// The first non-blank line, trimmed and capped at 300 characters.
    static func firstLine(_ bytes: [UInt8]) -> String? {
        for line in String(decoding: bytes.prefix(64 << 10), as: UTF8.self).split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { return trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : trimmed }
        }
        return nil
    }
}
