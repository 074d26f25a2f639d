import Foundation
import TriageProbes

/// A real Alertmanager (Debian's `prometheus-alertmanager`) on loopback, for the tests: its own
/// storage directory, a minimal config routing everything to a receiver that sends nothing, gossip
/// off (`--cluster.listen-address=`). Tests post alerts to its API (`POST /api/v2/alerts`) as
/// Prometheus would. Stopped by cancelling, which ends its process group; the directory is removed.
public final class AlertmanagerServer: Sendable {
    public let port: Int
    public let directory: String
    private let task: Task<StreamTermination, Never>

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public static let executable = "prometheus-alertmanager"

    /// Routes every alert to the `null` receiver at once (no group wait), so posted alerts are
    /// listed by the API within a moment.
    public static let config = """
        route:
          receiver: "null"
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: "null"
        """

    /// Starts one on a free loopback port; waits (bounded, 60 s on a loaded machine) until ready.
    public static func start() async throws -> AlertmanagerServer {
        guard case .success = ExecutableResolver.resolve(executable) else {
            throw StartError(description: "\(executable) is not installed: run scripts/setup.sh")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-am-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try config.write(toFile: directory + "/alertmanager.yml", atomically: true, encoding: .utf8)
        let port = try await freePort()
        let arguments = [
            "--config.file=" + directory + "/alertmanager.yml", "--storage.path=" + directory + "/data",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=", "--log.level=warn",
        ]
        let task = Task { await ProcessRunner.streamLines(executable, arguments) { _ in } }
        let server = AlertmanagerServer(port: port, directory: directory, task: task)
        for _ in 0..<300 {
            let ready = await ProcessRunner.run("curl", ["-sf", "-o", "/dev/null", server.base + "/-/ready"], deadline: .seconds(2))
            if ready.succeeded { return server }
            try await Task.sleep(for: .milliseconds(200))
        }
        await server.stop()
        throw StartError(description: "alertmanager was not ready on port \(port) within 60 s")
    }

    /// A port the kernel just handed out on 127.0.0.1 (free for the moment it takes to start).
    public static func freePort() async throws -> Int {
        let picked = await ProcessRunner.run(
            "python3", ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"],
            deadline: .seconds(10))
        guard let port = Int(String(decoding: picked.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw StartError(description: "no free port: \(picked.failureReason ?? "")")
        }
        return port
    }

    private init(port: Int, directory: String, task: Task<StreamTermination, Never>) {
        self.port = port
        self.directory = directory
        self.task = task
    }

    public var base: String { "http://127.0.0.1:\(port)" }

    /// One alert as Prometheus posts it. `endsAt` in the past resolves it.
    public static func alert(
        _ name: String, severity: String?, labels: [String: String] = [:], summary: String? = nil, description: String? = nil,
        startsAt: Date? = nil, endsAt: Date? = nil, generatorURL: String? = nil
    ) -> [String: Any] {
        var allLabels = labels
        allLabels["alertname"] = name
        if let severity { allLabels["severity"] = severity }
        var annotations: [String: String] = [:]
        if let summary { annotations["summary"] = summary }
        if let description { annotations["description"] = description }
        var alert: [String: Any] = ["labels": allLabels, "annotations": annotations]
        let formatter = ISO8601DateFormatter()
        if let startsAt { alert["startsAt"] = formatter.string(from: startsAt) }
        if let endsAt { alert["endsAt"] = formatter.string(from: endsAt) }
        if let generatorURL { alert["generatorURL"] = generatorURL }
        return alert
    }

    /// Posts alerts (`POST /api/v2/alerts`), the body on curl's stdin; throws unless Alertmanager took them.
    public func post(_ alerts: [[String: Any]]) async throws {
        let body = try JSONSerialization.data(withJSONObject: alerts)
        let outcome = await ProcessRunner.run(
            "curl", ["-sS", "-f", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "@-", base + "/api/v2/alerts"],
            deadline: .seconds(10), stdin: Array(body))
        guard outcome.succeeded else {
            throw StartError(description: "posting alerts failed: \(outcome.failureReason ?? "") \(String(decoding: outcome.stderr, as: UTF8.self))")
        }
    }

    /// `GET <path>` (e.g. `/api/v2/silences`) parsed as JSON.
    public func get(_ path: String) async throws -> Any {
        let outcome = await ProcessRunner.run("curl", ["-sS", "-f", base + path], deadline: .seconds(10))
        guard outcome.succeeded else { throw StartError(description: "GET \(path) failed: \(outcome.failureReason ?? "")") }
        return try JSONSerialization.jsonObject(with: Data(outcome.stdout))
    }

    /// Waits (bounded: 100 × 100 ms) until the API lists this many active alerts.
    public func waitForAlerts(count: Int) async throws {
        for _ in 0..<100 {
            if let alerts = try? await get("/api/v2/alerts?active=true&silenced=true") as? [Any], alerts.count == count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StartError(description: "alertmanager did not list \(count) alerts within 10 s")
    }

    public func stop() async {
        task.cancel()
        _ = await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { task.cancel() }
}
