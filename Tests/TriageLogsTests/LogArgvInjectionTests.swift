import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageLogs

/// Names that reach `docker logs` and `kubectl logs` come from outside: the config, and the
/// log-source picker, which offers container and pod names the engine and the API server sent.
/// Each stays one argument after `--`, so a name spelled like an option is still a name.
@Suite struct LogArgvInjectionTests {
    static let optionLike = "--kubeconfig=/tmp/triage-pwned-kube"
    static let shellLike = "web; touch /tmp/triage-pwned-log $(id) `id`"

    @Test func dockerLogsTakeTheNameAfterDoubleDash() {
        for name in [Self.optionLike, Self.shellLike] {
            let arguments = DockerLogFollower(container: name, host: "unix:///tmp/x.sock").arguments(since: nil)
            #expect(Array(arguments.suffix(2)) == ["--", name])
            #expect(arguments.filter { $0 == name }.count == 1)
        }
    }

    @Test func kubectlLogsTakeThePodAfterDoubleDash() {
        for name in [Self.optionLike, Self.shellLike] {
            let arguments = KubectlLogFollower(target: name, namespace: Self.shellLike, context: Self.optionLike).arguments(since: nil)
            #expect(Array(arguments.suffix(2)) == ["--", name])
            #expect(Array(arguments.prefix(4)) == ["--context", Self.optionLike, "--namespace", Self.shellLike])
        }
    }

    /// The real kubectl, given a pod named like an option: without `--` it read it as its own
    /// `--kubeconfig` flag and gave up for want of a pod; now it asks the server for that pod
    /// (and fails to connect, the server being a closed port).
    @Test func realKubectlReadsAnOptionLikePodNameAsAPod() async throws {
        let follower = KubectlLogFollower(target: "--kubeconfig=triage-pwned-kube", globalArguments: ["--server", "http://127.0.0.1:1", "--request-timeout", "5s"])
        let outcome = await ProcessRunner.run("kubectl", follower.arguments(since: nil), environment: ["KUBECONFIG": "/dev/null"], deadline: .seconds(30))
        let stderr = outcome.stderrText
        #expect(!stderr.contains("required argument"), "kubectl took the pod name for an option: \(stderr)")
        #expect(stderr.contains("127.0.0.1:1") || stderr.contains("refused"), "kubectl did not try the server: \(stderr)")
    }
}
