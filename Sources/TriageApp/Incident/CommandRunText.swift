import TriageCore
import TriageProbes

/// How a finished command reads on the timeline: its status ("exit 0", "timed out after 10s") and
/// its output, sanitized, redacted and cut to its first lines. Shared by runbook commands, actions on
/// the selection and notifiers, so all three say the same thing the same way.
enum CommandRunText {
    static func status(_ outcome: ProcessOutcome, deadline: Duration) -> String {
        switch outcome.exitStatus {
        case .exited(let code): "exit \(code)"
        case .timedOut: "timed out after \(DurationText.format(deadline))"
        default: outcome.failureReason ?? "failed"
        }
    }

    /// stdout then stderr, controls neutralised, secrets masked, at most `lines` lines.
    static func output(_ outcome: ProcessOutcome, lines: Int) -> String {
        let text = TerminalSanitizer.clean(outcome.stdoutText + String(decoding: outcome.stderr, as: UTF8.self), newline: "\n")
        return SecretRedactor.redact(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n"))
    }
}
