import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// `x` on a row of Services, Containers or Pods: which runbook commands it offers (those using a
/// variable the row binds), and the command shown as the shell will receive it.
@Suite struct RowRunbookCommandTests {
    let restart = RunbookCommand(language: "sh", code: "docker restart \"$CONTAINER\"", line: 1)
    let logs = RunbookCommand(language: "sh", code: "kubectl logs -n \"$NAMESPACE\" \"$POD\" --previous", line: 2)
    let curl = RunbookCommand(language: "sh", code: "curl -fsS \"$SERVICE_URL\"", line: 3)
    let plain = RunbookCommand(language: "sh", code: "uptime", line: 4)

    @Test func aRowIsOfferedTheCommandsThatUseItsVariables() {
        let all = [restart, logs, curl, plain, restart]
        #expect(RowRunbookCommands.applying(all, to: .containers) == [restart])
        #expect(RowRunbookCommands.applying(all, to: .pods) == [logs])
        #expect(RowRunbookCommands.applying(all, to: .services) == [curl])
        #expect(RowRunbookCommands.applying(all, to: .host).isEmpty)
    }

    @Test func theCommandIsShownWithTheValuesAsTheShellReceivesThem() {
        #expect(RowRunbookCommands.substituted(restart.code, bound: ["CONTAINER": "lab-web"]) == "docker restart lab-web")
        #expect(RowRunbookCommands.substituted(logs.code, bound: ["POD": "web-1", "NAMESPACE": "shop"]) == "kubectl logs -n shop web-1 --previous")
        // A value that needs quoting is quoted; inside a longer double-quoted word it is escaped.
        #expect(RowRunbookCommands.substituted("docker restart \"$CONTAINER\"", bound: ["CONTAINER": "a b'c"]) == "docker restart 'a b'\\''c'")
        #expect(RowRunbookCommands.substituted("echo \"name=${CONTAINER}!\"", bound: ["CONTAINER": "x\"$(id)"]) == "echo \"name=x\\\"\\$(id)!\"")
        #expect(RowRunbookCommands.substituted("echo $CONTAINER", bound: ["CONTAINER": "$(id)"]) == "echo '$(id)'")
        // Single quotes and unbound variables are left as the shell leaves them.
        #expect(RowRunbookCommands.substituted("echo '$CONTAINER' $POD $CONTAINERS", bound: ["CONTAINER": "w"]) == "echo '$CONTAINER' $POD $CONTAINERS")
    }

    @Test func theConfirmationShowsTheSubstitutedCommand() {
        let dialog = RunCommandDialog(command: restart, environment: [:], bound: ["CONTAINER": "lab-web"])
        #expect(!dialog.refuses)
        #expect(dialog.body.contains { $0.plainText == "  docker restart lab-web" }, "\(dialog.body.map(\.plainText))")
        #expect(dialog.phrase == "yes")
    }
}
