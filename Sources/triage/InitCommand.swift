import ArgumentParser
import Foundation
import TriageApp
import TriageCore

/// `triage init`: write a commented triage.yaml for the docker engine and Kubernetes context found here.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented triage.yaml for what discovery finds on this machine.",
        discussion: """
            Asks the docker CLI whether it reaches an engine and kubectl for its current context, then \
            writes a configuration watching them (and commented examples of every other section). \
            An existing file is kept unless --force is given.
            """)

    @Option(help: ArgumentHelp("Where to write (default: ./triage.yaml).", valueName: "file"))
    var output: String = "triage.yaml"

    @Flag(help: "Replace an existing file.")
    var force = false

    @OptionGroup var state: StateOption
    @OptionGroup var log: LogOption

    func run() async throws {
        log.start(stateDirectory: state.resolvedPath)
        let outcome = await ConfigInitializer.run(outputPath: output, force: force)
        if !outcome.errors.isEmpty { StandardStreams.writeError(outcome.errors) }
        if !outcome.output.isEmpty { CommandFailure.write(outcome.output) }
        if outcome.exitStatus != .ok { throw CommandFailure.exitCode(outcome.exitStatus) }
    }
}
