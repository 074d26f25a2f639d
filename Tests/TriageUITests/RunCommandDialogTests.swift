import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// The dialog `x` opens on a runbook command, drawn as the dashboard draws it: it says why a
/// destructive command needs a typed "yes", and refuses a command whose variables are unset.
@Suite struct RunCommandDialogTests {
    func drawn(_ dialog: RunCommandDialog) -> [String] {
        var grid = CellGrid(width: 100, height: 16)
        dialog.modal.render(into: &grid, area: grid.bounds)
        return grid.lines
    }

    @Test func aDestructiveCommandSaysWhyItNeedsYes() {
        let command = RunbookCommand(language: "bash", code: "sh -c \"rm -rf /data\"", line: 1)
        let dialog = RunCommandDialog(command: command, environment: [:])
        let lines = drawn(dialog)
        #expect(lines.contains { $0.contains("Run this command?") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("⚠ destructive: rm -rf (inside sh -c)") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("type yes then Enter") }, "\(lines.joined(separator: "\n"))")
        #expect(dialog.phrase == "yes")
    }

    @Test func aSafeCommandAsksYesOrNoWithoutAReason() {
        let dialog = RunCommandDialog(command: RunbookCommand(language: "bash", code: "kubectl get pods", line: 1), environment: [:])
        let lines = drawn(dialog)
        #expect(lines.contains { $0.contains("y confirm · n/Esc cancel") }, "\(lines.joined(separator: "\n"))")
        #expect(!lines.contains { $0.contains("destructive") })
        #expect(dialog.phrase == nil)
    }

    @Test func unsetOrEmptyVariablesRefuseAndAreNamed() {
        let command = RunbookCommand(language: "bash", code: "docker restart \"$CONTAINER\"\ncurl ${SERVICE_URL}/health", line: 1)
        let refused = RunCommandDialog(command: command, environment: ["SERVICE_URL": ""])
        let lines = drawn(refused)
        #expect(refused.refuses)
        #expect(refused.unsetVariables == ["CONTAINER", "SERVICE_URL"])
        #expect(lines.contains { $0.contains("Cannot run this command") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("✖ not run: $CONTAINER, $SERVICE_URL are unset or empty") }, "\(lines.joined(separator: "\n"))")
        #expect(!lines.contains { $0.contains("type yes") || $0.contains("y confirm") }, "a refusal offers nothing to confirm")

        let set = RunCommandDialog(command: command, environment: ["CONTAINER": "web", "SERVICE_URL": "http://127.0.0.1:1"])
        #expect(!set.refuses)
        #expect(drawn(set).contains { $0.contains("⚠ destructive: docker restart") })
    }
}
