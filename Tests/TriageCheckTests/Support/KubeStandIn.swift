import Foundation
import Testing
import TriageProbes

/// scripts/kube-standin.py on a free loopback port, with a kubeconfig whose contexts are `lab`
/// (current) and `lab-down` (a closed port). Stopped by cancelling, which tears down its group.
final class KubeStandIn: Sendable {
    let directory: String
    let kubeconfig: String
    let port: Int
    private let task: Task<Void, Never>

    init() async throws {
        _ = try CheckLab.require("python3")
        _ = try CheckLab.require("kubectl")
        directory = try CheckLab.temporaryDirectory("kube")
        kubeconfig = directory + "/kubeconfig"
        let portFile = directory + "/port"
        let arguments = [CheckLab.script("kube-standin.py"), "serve", "--scenario", directory + "/scenario.json", "--port-file", portFile]
        task = Task { _ = await ProcessRunner.streamLines("python3", arguments) { _ in } }
        var found: Int?
        for _ in 0..<100 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                found = value
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard let found else {
            task.cancel()
            Issue.record("the Kubernetes API stand-in did not start within 10 s")
            throw CheckLab.ToolMissing(tool: "kube-standin.py")
        }
        port = found
        let outcome = await ProcessRunner.run(
            "python3", [CheckLab.script("kube-standin.py"), "kubeconfig", kubeconfig, String(found), "1"], deadline: .seconds(10))
        #expect(outcome.succeeded, "writing the kubeconfig failed: \(outcome.failureReason ?? "")")
    }

    func stop() async {
        task.cancel()
        await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }
}
