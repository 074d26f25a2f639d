import ArgumentParser
import Foundation
import TriageConfig
import TriageCore
import TriageStore

/// How subcommands fail and what they print: one line on stderr, prefixed "triage:", and an exit
/// status scripts can test; documents to stdout.
///
/// Statuses are `ExitStatus`'s, the one table of every command: `.failure` (2) when triage could not
/// do its job with the files it was given (unreadable runbook, damaged or locked database, a file it
/// could not write), `.warningOrNotFound` (1) when the request named something that does not exist
/// (an unknown incident id), `.configurationError` (3) for a rejected config. Every write goes through
/// `StandardStreams`, and every message through `OutsideText.inline`: a message quotes paths,
/// config values and SQLite's words, and none of them may reach the terminal as a control or
/// start a line of its own.
enum CommandFailure {
    /// Writes `message` to stderr as one line and returns the exit code to throw.
    static func fail(_ message: String, status: ExitStatus = .failure, prefix: String = "triage") -> ExitCode {
        note(message, prefix: prefix)
        return exitCode(status)
    }

    /// The argument parser's exit code for a status of the table.
    static func exitCode(_ status: ExitStatus) -> ExitCode { ExitCode(status.rawValue) }

    /// The message and status for a store error.
    static func fail(_ error: StoreError, prefix: String = "triage") -> ExitCode {
        if case .notFound = error { return fail(error.description, status: .warningOrNotFound, prefix: prefix) }
        return fail(error.description, status: .failure, prefix: prefix)
    }

    /// Every problem of a rejected config, one `file:line:column` line each (already one-line
    /// safe, see `ConfigIssue`).
    static func fail(_ error: ConfigurationError) -> ExitCode {
        StandardStreams.writeError("triage: \(error.description)\n")
        return exitCode(.configurationError)
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
