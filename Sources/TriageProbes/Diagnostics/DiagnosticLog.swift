import Synchronization
import TriageCore

/// The process-wide diagnostic log: none until the command opens a `LogFile` (`--log-level`,
/// `TRIAGE_LOG`) and installs it here, so code deep in the probes (`ProcessRunner`) logs without
/// being handed a logger.
public enum DiagnosticLog {
    private static let current = Mutex<LogFile?>(nil)

    /// Makes `file` the log (nil: none). Called once at start-up, before any probe runs.
    public static func install(_ file: LogFile?) { current.withLock { $0 = file } }

    public static var file: LogFile? { current.withLock { $0 } }

    /// Writes one line when a log is open and records `level`.
    public static func write(_ level: LogLevel, _ event: String, _ fields: [(String, LogValue)]) {
        file?.write(level, event, fields)
    }

    /// One child process run: which tool (the probe), its argv (redacted), how long, how it ended,
    /// and how many bytes it wrote. A run that could not start, timed out or died of a signal is a
    /// warning; the rest are debug.
    static func process(_ arguments: [String], outcome: ProcessOutcome) {
        guard let file, case let level = level(outcome.exitStatus), file.records(level) else { return }
        var fields = common(outcome.executable, arguments, outcome.duration, outcome.exitStatus) + [
            ("stdoutBytes", .int(outcome.stdout.count)), ("stderrBytes", .int(outcome.stderr.count)),
        ]
        if outcome.stdoutTruncated || outcome.stderrTruncated { fields.append(("truncated", .string("true"))) }
        file.write(level, "process", fields)
    }

    /// One long-lived child (a watch, a log follower) when it ends; its output went to its
    /// consumer as it came, so only the stderr tail kept for the reason is counted.
    static func stream(_ arguments: [String], termination: StreamTermination) {
        guard let file, case let level = level(termination.exitStatus), file.records(level) else { return }
        file.write(level, "stream", common(termination.executable, arguments, termination.duration, termination.exitStatus) + [
            ("stderrTailBytes", .int(termination.stderrTail.utf8.count)),
        ])
    }

    private static func level(_ status: ProcessExitStatus) -> LogLevel {
        switch status {
        case .failedToStart, .timedOut, .signaled: .warning
        case .exited, .cancelled: .debug
        }
    }

    private static func common(
        _ executable: String, _ arguments: [String], _ duration: Duration, _ status: ProcessExitStatus
    ) -> [(String, LogValue)] {
        [
            ("probe", .string(ProcessRunner.executableName(executable))), ("argv", .argv([executable] + arguments)),
            ("durationMs", .int(Int(duration.milliseconds))), ("exit", .string(status.description)),
        ]
    }
}
