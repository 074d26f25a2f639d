import ArgumentParser
import Foundation
import TriageApp
import TriageConfig
import TriageCore
import TriageStore

/// `triage trust [FILE]`: lets a `./triage.yaml` run its command checks, for exactly its current content.
struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Trust a triage.yaml to run its command checks and notifiers (until it changes).",
        discussion: """
            A ./triage.yaml found in the current directory runs none of its command checks or notifiers until it \
            is trusted: HTTP checks, Prometheus, docker, kubectl and the host still run. This records \
            the file's path and SHA-256 in the state directory; any edit makes it untrusted again. \
            Files given with --config and $XDG_CONFIG_HOME/triage/config.yaml need no trust.
            """)

    @Argument(help: ArgumentHelp("The config file (default: ./triage.yaml).", valueName: "file"))
    var file: String?

    @Flag(help: "List the trusted files and whether each is still as trusted.")
    var list = false

    @OptionGroup var state: StateOption

    func validate() throws {
        if list, file != nil { throw ValidationError("--list takes no file") }
    }

    func run() throws {
        let directory = state.resolvedPath
        var trusted = TrustList.load(stateDirectory: directory)
        if list {
            CommandFailure.write(TrustListing.render(trusted))
            return
        }
        let path = ConfigTrust.canonicalPath(file ?? "triage.yaml")
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw CommandFailure.fail("cannot read \(TerminalSanitizer.clean(path))", status: .failure)
        }
        guard !path.contains("\n") else { throw CommandFailure.fail("a path with a newline cannot be trusted", status: .failure) }
        // Parsed first: trusting a file triage cannot read would only hide the error until the next start.
        let assembled: ConfigAssembler.Assembled
        do {
            assembled = try ConfigAssembler.load(path: path, contents: contents)
        } catch {
            throw CommandFailure.fail(error)
        }
        let parsed = assembled.configuration
        // Of every included file too: an edit to any of them takes the trust away.
        let hash = assembled.contentHash
        trusted.trust(path: path, sha256: hash)
        do {
            try trusted.save(stateDirectory: directory)
        } catch {
            throw CommandFailure.fail(error)
        }
        var text = "trusted \(TerminalSanitizer.clean(path)) (sha256 \(hash.prefix(12))…)"
        if assembled.files.count > 1 {
            text += " with what it includes: " + assembled.files.dropFirst().map { TerminalSanitizer.clean($0) }.joined(separator: ", ")
        }
        if parsed.checks.isEmpty {
            text += "; it has no command checks\n"
        } else {
            text += "; its command checks will run:\n"
            for check in parsed.checks {
                text += "  \(TerminalSanitizer.clean(check.name)): \(TerminalSanitizer.clean(check.argv.joined(separator: " ")))\n"
            }
        }
        if !parsed.notifiers.isEmpty {
            text += "its notifiers will run on incident events:\n"
            for notifier in parsed.notifiers {
                text += "  \(TerminalSanitizer.clean(notifier.name)): \(TerminalSanitizer.clean(notifier.argv.joined(separator: " ")))\n"
            }
        }
        CommandFailure.write(text)
    }
}
