import Foundation
import Testing
@testable import TriageProbes

/// The Kubernetes API stand-in (scripts/kube-standin.py) on a free loopback port, with a kubeconfig.
///
/// Started through `ProcessRunner.streamLines`, so `stop()` tears down its whole process group.
final class KubeStandInServer: Sendable {
    let directory: String
    let scenario: String
    let kubeconfig: String
    let port: Int
    private let task: Task<Void, Never>

    /// - Parameters:
    ///   - hang: accept connections and never answer.
    ///   - watchTimeout: seconds after which the server ends every watch (the real server does too).
    ///   - forbid: resources the server refuses with 403 Forbidden, as RBAC would.
    init(hang: Bool = false, watchTimeout: Double = 300, forbid: [String] = []) async throws {
        _ = try LabTools.require("python3")
        _ = try LabTools.require("kubectl")
        directory = try LabTools.temporaryDirectory(hang ? "kube-hang" : "kube")
        scenario = directory + "/scenario.json"
        kubeconfig = directory + "/kubeconfig"
        let portFile = directory + "/port"
        var arguments = [LabTools.script("kube-standin.py"), "serve", "--scenario", scenario, "--port-file", portFile,
                         "--watch-timeout", String(watchTimeout)]
        if hang { arguments.append("--hang") }
        for resource in forbid { arguments += ["--forbid", resource] }
        let args = arguments
        task = Task { _ = await ProcessRunner.streamLines("python3", args) { _ in } }
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
            throw LabTools.ToolMissing(tool: "kube-standin.py")
        }
        port = found
        // Context lab-down points at a port nothing listens on.
        let outcome = await ProcessRunner.run(
            "python3", [LabTools.script("kube-standin.py"), "kubeconfig", kubeconfig, String(found), "1"], deadline: .seconds(10))
        #expect(outcome.succeeded, "writing the kubeconfig failed: \(outcome.failureReason ?? "")")
    }

    /// Runs one of the scenario edits (`break-pod`, `add-pod NS NAME`...) that the server picks up live.
    func edit(_ arguments: String...) async {
        let outcome = await ProcessRunner.run(
            "python3", [LabTools.script("kube-standin.py"), arguments[0], scenario] + arguments.dropFirst(), deadline: .seconds(10))
        #expect(outcome.succeeded, "scenario edit \(arguments) failed: \(outcome.failureReason ?? "")")
    }

    /// Requests the stand-in has served so far, by verb and resource: `["list nodes": 1, "watch nodes": 1]`.
    func requests() async -> [String: Int] {
        let outcome = await ProcessRunner.run(
            "python3", [LabTools.script("kube-standin.py"), "requests", String(port)], deadline: .seconds(10))
        #expect(outcome.succeeded, "reading the stand-in's request counts failed: \(outcome.failureReason ?? "")")
        let object = try? JSONSerialization.jsonObject(with: Data(outcome.stdout))
        return (object as? [String: Int]) ?? [:]
    }

    /// Ends every open watch of `resource` with an ERROR event carrying 410 Expired, as compaction does.
    func expire(_ resource: String) async {
        let outcome = await ProcessRunner.run(
            "python3", [LabTools.script("kube-standin.py"), "expire", String(port), resource], deadline: .seconds(10))
        #expect(outcome.succeeded, "expiring the \(resource) watches failed: \(outcome.failureReason ?? "")")
    }

    func stop() async {
        task.cancel()
        await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }
}
