import ArgumentParser
import Foundation
import TriageConfig
import TriageCore
import TriageStore

/// How subcommands fail and what they print: one line on stderr, prefixed "triage:", and an exit
/// status scripts can test; documents to stdout.
///
/// Status 2 means triage could not do its job with the files it was given (unreadable runbook,
/// damaged or locked database, a file it could not write); status 1 means the request itself named
/// something that does not exist (an unknown incident id). Every write goes through
/// `StandardStreams`, and every message through `OutsideText.inline`: a message quotes paths,
/// config values and SQLite's words, and none of them may reach the terminal as a control or
/// start a line of its own.
enum CommandFailure {
    /// Writes `message` to stderr as one line and returns the exit code to throw.
    static func fail(_ message: String, status: Int32 = 2, prefix: String = "triage") -> ExitCode {
        note(message, prefix: prefix)
        return ExitCode(status)
    }

    /// The message and status for a store error.
    static func fail(_ error: StoreError, prefix: String = "triage") -> ExitCode {
        if case .notFound = error { return fail(error.description, status: 1, prefix: prefix) }
        return fail(error.description, status: 2, prefix: prefix)
    }

    /// Every problem of a rejected config, one `file:line:column` line each (already one-line
    /// safe, see `ConfigIssue`).
    static func fail(_ error: ConfigurationError, status: Int32 = 2) -> ExitCode {
        StandardStreams.writeError("triage: \(error.description)\n")
        return ExitCode(status)
    }

    /// One line on stderr that does not end the command.
    static func note(_ message: String, prefix: String = "triage") {
        StandardStreams.writeError("\(prefix): \(OutsideText.inline(message))\n")
    }

    /// Writes a document (table, JSON, export) to stdout as given (callers end it with a newline).
    static func write(_ text: String) {
        StandardStreams.writeOutput(text)
    }
}
