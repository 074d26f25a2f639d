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
    /// and how many bytes it wrote. A run that could not start or timed out is a warning; the rest
    /// are debug.
    static func process(_ arguments: [String], outcome: ProcessOutcome) {
        guard let file else { return }
        let level: LogLevel
        switch outcome.exitStatus {
        case .failedToStart, .timedOut, .signaled: level = .warning
        case .exited, .cancelled: level = .debug
        }
        guard file.records(level) else { return }
        var fields: [(String, LogValue)] = [
            ("probe", .string(ProcessRunner.executableName(outcome.executable))),
            ("argv", .argv([outcome.executable] + arguments)),
            ("durationMs", .int(Int(outcome.duration.milliseconds))),
            ("exit", .string(outcome.exitStatus.description)),
            ("stdoutBytes", .int(outcome.stdout.count)),
            ("stderrBytes", .int(outcome.stderr.count)),
        ]
        if outcome.stdoutTruncated || outcome.stderrTruncated { fields.append(("truncated", .string("true"))) }
        file.write(level, "process", fields)
    }
}
