import ArgumentParser
import Foundation
import TriageApp
import TriageCore
import TriageStore

/// `triage untrust FILE`: takes a file off the trust list, so its command checks stop running.
struct UntrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "untrust", abstract: "Stop trusting a triage.yaml: its command checks no longer run.")

    @Argument(help: ArgumentHelp("The config file.", valueName: "file"))
    var file: String

    @OptionGroup var state: StateOption

    func run() throws {
        let directory = state.resolvedPath
        var trusted = TrustList.load(stateDirectory: directory)
        let path = ConfigTrust.canonicalPath(file)
        guard trusted.untrust(path: path) else {
            throw CommandFailure.fail("\(TerminalSanitizer.clean(path)) was not trusted", status: .warningOrNotFound)
        }
        do {
            try trusted.save(stateDirectory: directory)
        } catch {
            throw CommandFailure.fail(error)
        }
        CommandFailure.write("untrusted \(TerminalSanitizer.clean(path))\n")
    }
}
