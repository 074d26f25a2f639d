import Testing
import TriageCore
import TriageLogs

/// The one-shot command behind `p` (logs of the previous run): names from the API or the engine
/// always come after `--`, so one spelled like an option is never read as one.
@Suite struct PreviousLogsCommandTests {
    @Test func aPodsPreviousRunIsKubectlLogsPrevious() {
        let command = PreviousLogsCommand.kubectl(pod: "payments-6b8d-crash", namespace: "shop", context: "lab", container: nil)
        #expect(command.executable == "kubectl")
        #expect(command.arguments == ["--context", "lab", "--namespace", "shop", "logs", "--previous", "--timestamps", "--tail=500", "--", "payments-6b8d-crash"])
    }

    @Test func aRunningContainersLastRunEndsWhereThisOneStarted() {
        let command = PreviousLogsCommand.docker(container: "lab-crashloop", host: "unix:///run/podman.sock",
                                                 currentRunStartedAt: LogTimestamp(seconds: 1_796_583_000))
        #expect(command.arguments == ["--host", "unix:///run/podman.sock", "logs", "--timestamps", "--tail", "500",
                                      "--until", LogTimestamp(seconds: 1_796_583_000).rfc3339, "--", "lab-crashloop"])
    }

    @Test func namesThatLookLikeOptionsStayNames() {
        let pod = PreviousLogsCommand.kubectl(pod: "--kubeconfig=/tmp/evil", namespace: "shop", context: nil, container: "-c")
        #expect(pod.arguments.suffix(2) == ["--", "--kubeconfig=/tmp/evil"])
        let container = PreviousLogsCommand.docker(container: "--privileged", host: "context:lab", currentRunStartedAt: nil)
        #expect(container.arguments == ["--context", "lab", "logs", "--timestamps", "--tail", "500", "--", "--privileged"])
    }
}
