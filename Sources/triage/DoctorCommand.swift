import ArgumentParser
import Foundation
import TriageApp
import TriageCore

/// `triage doctor`: what triage needs on this machine and what it finds, one verdict a line.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the terminal, tools, state directory and config triage needs.",
        discussion: """
            Prints one line per check, each ok, warn or fail, with what to do under every warn and \
            fail: the terminal (TERM known to terminfo, colours, a UTF-8 locale, the size), the tools \
            (curl, docker, kubectl, dig, tmux: found on PATH, their version, whether the docker \
            engine and kubectl's current context answer), the state directory (writable, free \
            space, the database's schema, opened read-only) and the config (found where, valid, \
            trusted). It changes nothing.

            Exit status: 0 everything ok or only warnings, 1 something failed, 2 a bad option.
            """)

    @Option(help: ArgumentHelp("Configuration file (default: ./triage.yaml, then $XDG_CONFIG_HOME/triage/config.yaml).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("State directory (default: $TRIAGE_STATE, then $XDG_STATE_HOME/triage).", valueName: "dir"))
    var state: String?

    @Option(help: ArgumentHelp("Deadline for each docker and kubectl run, e.g. 2s (default 3s).", valueName: "duration"))
    var timeout: String?

    @Flag(help: "Print JSON (schema in docs/DOCTOR.md) instead of lines.")
    var json = false

    func run() async throws {
        var deadline: Duration = .seconds(3)
        if let timeout {
            do {
                deadline = try DurationText.parse(timeout)
            } catch {
                throw CommandFailure.fail("--timeout: \(error)", status: 2)
            }
            guard deadline > .zero else { throw CommandFailure.fail("--timeout: must be more than 0", status: 2) }
        }
        let facts = await DoctorProbe.gather(stateOption: state, configOption: config, deadline: deadline)
        let report = DoctorReport(facts)
        CommandFailure.write(json ? report.json() : report.text())
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
