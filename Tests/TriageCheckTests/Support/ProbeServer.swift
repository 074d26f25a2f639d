import Foundation
import Synchronization
import TriageProbes

/// A server from scripts/testservers on loopback: probe_server.py (health endpoints and a Prometheus
/// stand-in) or blackhole.py (accepts and never answers, on a port or a unix socket). Run through
/// ProcessRunner and stopped by cancelling, which tears down its process group.
final class ProbeServer: Sendable {
    let port: Int
    private let task: Task<StreamTermination, Never>

    struct StartError: Error, CustomStringConvertible { let description: String }

    /// Starts the script and waits (bounded) for its first line: `{"port": N}` or `{"path": P}` (port 0).
    static func start(_ script: String = "probe_server.py", _ arguments: [String] = []) async throws -> ProbeServer {
        _ = try CheckLab.require("python3")
        let firstLine = Mutex<String?>(nil)
        let path = CheckLab.script("testservers/" + script)
        let task = Task {
            await ProcessRunner.streamLines("python3", [path] + arguments) { line in
                firstLine.withLock { if $0 == nil { $0 = line } }
            }
        }
        for _ in 0..<500 {
            if let line = firstLine.withLock({ $0 }) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    object["port"] is Int || object["path"] is String
                else {
                    task.cancel()
                    throw StartError(description: "\(script)'s first line was \(line)")
                }
                return ProbeServer(port: object["port"] as? Int ?? 0, task: task)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        let end = await task.value
        throw StartError(description: "\(script) printed no port within 10 s: \(end.failureReason ?? "no reason")")
    }

    private init(port: Int, task: Task<StreamTermination, Never>) {
        self.port = port
        self.task = task
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func stop() async {
        task.cancel()
        _ = await task.value
    }

    deinit { task.cancel() }
}
