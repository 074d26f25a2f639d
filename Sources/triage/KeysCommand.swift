import ArgumentParser
import TriageUI

/// `triage keys` (hidden): the dashboard's key table, one binding per line as `scope<TAB>keys<TAB>what`,
/// read from the same keymap the keys use, so the man page scripts/package.sh generates from it
/// cannot disagree with the `?` help screen.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print the dashboard's keys, tab-separated (for the man page).", shouldDisplay: false)

    func run() throws {
        let scopes: [(KeyScope, String)] = [(.global, "Everywhere")] + PaneID.allCases.map { (.pane($0), "\($0.title) pane") }
        var lines: [String] = []
        for (scope, title) in scopes {
            for binding in Keymap.standard.bindings where binding.scope == scope {
                lines.append([title, binding.keys.map(\.description).joined(separator: " "), binding.summary].joined(separator: "\t"))
            }
        }
        print(lines.joined(separator: "\n"))
    }
}
