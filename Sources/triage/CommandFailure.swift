import ArgumentParser
import Foundation
import TriageStore

/// How subcommands fail: one line on stderr, prefixed "triage:", and an exit status scripts can test.
///
/// Status 2 means triage could not do its job with the files it was given (unreadable runbook,
/// damaged or locked database); status 1 means the request itself named something that does not
/// exist (an unknown incident id).
enum CommandFailure {
    /// Writes `message` to stderr and returns the exit code to throw.
    static func fail(_ message: String, status: Int32 = 2) -> ExitCode {
        FileHandle.standardError.write(Data("triage: \(message)\n".utf8))
        return ExitCode(status)
    }

    /// The message and status for a store error.
    static func fail(_ error: StoreError) -> ExitCode {
        if case .notFound = error { return fail(error.description, status: 1) }
        return fail(error.description, status: 2)
    }

    /// Writes text to stdout exactly as given (callers end it with a newline).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
