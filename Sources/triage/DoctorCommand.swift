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

            Exit status (the table in `triage --help`): 0 everything ok or only warnings, 2 \
            something failed, 64 a bad option.
            """)

    @OptionGroup var config: ConfigOption
    @OptionGroup var state: StateOption

    @OptionGroup var timeout: TimeoutOption

    @OptionGroup var json: JSONOption
    @OptionGroup var log: LogOption

    func run() async throws {
        log.start(stateDirectory: state.resolvedPath)
        let facts = await DoctorProbe.gather(stateOption: state.directory, configOption: config.path, deadline: timeout.deadline?.duration ?? .seconds(3))
        let report = DoctorReport(facts)
        CommandFailure.write(json.isOn ? report.json() : report.text())
        if report.exitStatus != .ok { throw CommandFailure.exitCode(report.exitStatus) }
    }
}
