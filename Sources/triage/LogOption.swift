import ArgumentParser
import Foundation
import TriageProbes

/// `--log-level debug|info|warning` (or `TRIAGE_LOG`), for the commands that run probes: opens the
/// diagnostic log, `triage.log` in the state directory (docs/CLI.md).
struct LogOption: ParsableArguments {
    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "Write a diagnostic log to triage.log in the state directory (default: $TRIAGE_LOG, else none).",
            valueName: "level"))
    var level: LogLevel?

    /// The level asked for: `--log-level`, else `TRIAGE_LOG`; nil for no log. A `TRIAGE_LOG` that
    /// is not a level is said on stderr and ignored: a typo in the environment must not stop triage.
    func requestedLevel(environment: [String: String]) -> LogLevel? {
        if let level { return level }
        guard let text = environment["TRIAGE_LOG"], !text.isEmpty else { return nil }
        guard let parsed = LogLevel(rawValue: text.lowercased()) else {
            CommandFailure.note("TRIAGE_LOG=\(text): expected debug, info or warning; no log is written")
            return nil
        }
        return parsed
    }

    /// Opens the log in `stateDirectory` and writes the `start` line. Called before the screen is up,
    /// so a log that cannot be opened is one note on stderr, and triage goes on without it.
    func start(stateDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let level = requestedLevel(environment: environment) else { return }
        do {
            DiagnosticLog.install(try LogFile(directory: stateDirectory, level: level))
        } catch {
            CommandFailure.note("\(error); no log is written")
            return
        }
        DiagnosticLog.write(.info, "start", [
            ("argv", .argv(CommandLine.arguments)), ("version", .string(Triage.version)), ("pid", .int(Int(getpid()))),
        ])
    }
}

extension LogLevel: ExpressibleByArgument {}
