import Foundation
import TriageProbes

/// A real Prometheus (Debian's `prometheus` package) on loopback with its own data directory and
/// nothing to scrape: PromQL over constants answers every query the tests need. Stopped by
/// cancelling, which ends its process group; the directory is removed.
final class PrometheusServer: Sendable {
    let port: Int
    let directory: String
    private let task: Task<StreamTermination, Never>

    struct StartError: Error, CustomStringConvertible { let description: String }

    /// - Parameters:
    ///   - config: prometheus.yml; the default scrapes nothing.
    ///   - files: more files next to it (rule files), by name.
    static func start(
        config text: String = "global:\n  scrape_interval: 1m\nscrape_configs: []\n", files: [String: String] = [:]
    ) async throws -> PrometheusServer {
        _ = try CheckLab.require("prometheus")
        let directory = try CheckLab.temporaryDirectory("prom")
        let config = try CheckLab.write(text, "prometheus.yml", in: directory)
        for (name, contents) in files { _ = try CheckLab.write(contents, name, in: directory) }
        let picked = await ProcessRunner.run(
            "python3", ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"],
            deadline: .seconds(10))
        guard let port = Int(String(decoding: picked.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw StartError(description: "no free port: \(picked.failureReason ?? "")")
        }
        let arguments = [
            "--config.file=" + config, "--storage.tsdb.path=" + directory + "/data",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]
        let task = Task { await ProcessRunner.streamLines("prometheus", arguments) { _ in } }
        let server = PrometheusServer(port: port, directory: directory, task: task)
        // Ready within 60 s even on the shared, loaded machine (about 1 s when idle); bounded.
        for _ in 0..<300 {
            let ready = await ProcessRunner.run("curl", ["-sf", "-o", "/dev/null", server.base + "/-/ready"], deadline: .seconds(2))
            if ready.succeeded { return server }
            try await Task.sleep(for: .milliseconds(200))
        }
        await server.stop()
        throw StartError(description: "prometheus was not ready on port \(port) within 60 s")
    }

    private init(port: Int, directory: String, task: Task<StreamTermination, Never>) {
        self.port = port
        self.directory = directory
        self.task = task
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func stop() async {
        task.cancel()
        _ = await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { task.cancel() }
}
