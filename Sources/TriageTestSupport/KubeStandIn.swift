import Foundation
import TriageCore
import TriageProbes

/// Shared by the test targets (probes, check, end-to-end): scripts/kube-standin.py on a free loopback
/// port, and a kubeconfig whose context `lab` (current) is the stand-in and `lab-down` a closed port
/// (127.0.0.1:1).
///
/// Started through `ProcessRunner.streamLines` (its own process group); `stop()` cancels it, which
/// tears down that group, and removes its directory. Throws when python3 or kubectl is missing
/// (scripts/setup.sh installs them) or the server does not start within 10 s.
public final class KubeStandIn: Sendable {
    public let directory: String
    public let scenario: String
    public let kubeconfig: String
    public let port: Int
    private let task: Task<StreamTermination, Never>

    /// The repository's scripts/, from this file's path (Sources/TriageTestSupport/KubeStandIn.swift).
    public static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts").appendingPathComponent(name).path
    }

    /// - Parameters:
    ///   - hang: accept connections and never answer (a wedged API server).
    ///   - watchTimeout: seconds after which the server ends every watch (the real server does too).
    ///   - forbid: resources the server refuses with 403 Forbidden, as RBAC would.
    public init(hang: Bool = false, watchTimeout: Double = 300, forbid: [String] = []) async throws {
        for tool in ["python3", "kubectl"] {
            guard case .success = ExecutableResolver.resolve(tool) else {
                throw PodmanService.Failure("\(tool) is not installed: run scripts/setup.sh")
            }
        }
        // Short: the directory may hold unix sockets of the test's own, limited to 107 bytes.
        let directory = "/tmp/tks-\(hang ? "hang" : "kube")-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let portFile = directory + "/port"
        var arguments = [Self.script("kube-standin.py"), "serve", "--scenario", directory + "/scenario.json", "--port-file", portFile,
                         "--watch-timeout", String(watchTimeout)]
        if hang { arguments.append("--hang") }
        for resource in forbid { arguments += ["--forbid", resource] }
        let serve = arguments
        let task = Task { await ProcessRunner.streamLines("python3", serve) { _ in } }
        var found: Int?
        for _ in 0..<200 where found == nil {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8) {
                found = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if found == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard let found else {
            task.cancel()
            _ = await task.value
            try? FileManager.default.removeItem(atPath: directory)
            throw PodmanService.Failure("the Kubernetes API stand-in did not start within 10 s")
        }
        self.directory = directory
        self.scenario = directory + "/scenario.json"
        self.kubeconfig = directory + "/kubeconfig"
        self.port = found
        self.task = task
        do {
            try await Self.writeKubeconfig(kubeconfig, port: found, downPort: 1)
        } catch {
            await stop()
            throw error
        }
    }

    /// Writes a kubeconfig in the stand-in's own format: context `lab` → `port`, `lab-down` → `downPort`.
    public static func writeKubeconfig(_ path: String, port: Int, downPort: Int?) async throws {
        let arguments = [script("kube-standin.py"), "kubeconfig", path, String(port)] + (downPort.map { [String($0)] } ?? [])
        let outcome = await ProcessRunner.run("python3", arguments, deadline: .seconds(20))
        guard outcome.succeeded else { throw PodmanService.Failure("writing the kubeconfig failed: \(outcome.failureReason ?? "")") }
    }

    /// Runs one of the scenario edits (`break-pod`, `add-pod NS NAME`...) that the server picks up live.
    public func editScenario(_ arguments: [String]) async throws {
        guard let command = arguments.first else { return }
        let outcome = await ProcessRunner.run(
            "python3", [Self.script("kube-standin.py"), command, scenario] + arguments.dropFirst(), deadline: .seconds(10))
        guard outcome.succeeded else { throw PodmanService.Failure("scenario edit \(arguments) failed: \(outcome.failureReason ?? "")") }
    }

    /// Requests the stand-in has served so far, by verb and resource: `["list nodes": 1, "watch nodes": 1]`.
    public func requestCounts() async throws -> [String: Int] {
        let outcome = await ProcessRunner.run("python3", [Self.script("kube-standin.py"), "requests", String(port)], deadline: .seconds(10))
        guard outcome.succeeded, let counts = (try? JSONSerialization.jsonObject(with: Data(outcome.stdout))) as? [String: Int] else {
            throw PodmanService.Failure("reading the stand-in's request counts failed: \(outcome.failureReason ?? outcome.stdoutText)")
        }
        return counts
    }

    /// Ends every open watch of `resource` with an ERROR event carrying 410 Expired, as compaction does.
    public func expireWatches(_ resource: String) async throws {
        let outcome = await ProcessRunner.run("python3", [Self.script("kube-standin.py"), "expire", String(port), resource], deadline: .seconds(10))
        guard outcome.succeeded else { throw PodmanService.Failure("expiring the \(resource) watches failed: \(outcome.failureReason ?? "")") }
    }

    public func stop() async {
        task.cancel()
        _ = await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A test that throws before `stop()` still ends the server's process group.
    deinit { task.cancel() }
}
