import ArgumentParser
import Foundation
import TriageApp
import TriageRunbook

/// `triage runbook`: check a Markdown runbook, or print the built-in one to start your own from.
///
/// Named like `TriageCore.RunbookCommand` (a command block in a runbook); inside this executable the
/// name means the subcommand, so use the qualified name for the model type here.
struct RunbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runbook",
        abstract: "Check a Markdown runbook, or print the built-in one.",
        subcommands: [Lint.self, Default.self]
    )

    /// `triage runbook lint FILE [--json]`.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what triage understands in a runbook: sections, checklist, commands, templates, "
                + "severities, phases, escalations, and warnings.",
            discussion: "The --json keys are stable and documented in docs/RUNBOOKS.md.")

        @Argument(help: ArgumentHelp("The Markdown runbook.", valueName: "file"))
        var file: String

        @OptionGroup var json: JSONOption

        func run() throws {
            let bytes: [UInt8]
            do {
                bytes = try IncidentRunbookLoader.readFile(file)
            } catch {
                throw CommandFailure.fail(error.description)
            }
            let runbook = RunbookParser.parse(bytes: bytes, path: file)
            CommandFailure.write(json.isOn ? RunbookLint.json(runbook) : RunbookLint.text(runbook))
        }
    }

    /// `triage runbook default`.
    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "default",
            abstract: "Print the built-in service-outage runbook (Markdown), to start your own from.")

        func run() throws {
            let text = BuiltinRunbook.serviceOutage
            CommandFailure.write(text.hasSuffix("\n") ? text : text + "\n")
        }
    }
}
