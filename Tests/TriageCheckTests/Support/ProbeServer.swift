import Foundation
import Synchronization
import TriageProbes

/// scripts/testservers/probe_server.py on a free loopback port: health endpoints and a Prometheus
/// stand-in. Run through ProcessRunner and stopped by cancelling, which tears down its process group.
final class ProbeServer: Sendable {
    let port: Int
    private let task: Task<StreamTermination, Never>

    struct StartError: Error, CustomStringConvertible { let description: String }

    static func start() async throws -> ProbeServer {
        _ = try CheckLab.require("python3")
        let firstLine = Mutex<String?>(nil)
        let path = CheckLab.script("testservers/probe_server.py")
        let task = Task {
            await ProcessRunner.streamLines("python3", [path]) { line in
                firstLine.withLock { if $0 == nil { $0 = line } }
            }
        }
        for _ in 0..<500 {
            if let line = firstLine.withLock({ $0 }) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let port = object["port"] as? Int
                else {
                    task.cancel()
                    throw StartError(description: "probe_server.py's first line was \(line)")
                }
                return ProbeServer(port: port, task: task)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        let end = await task.value
        throw StartError(description: "probe_server.py printed no port within 10 s: \(end.failureReason ?? "no reason")")
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
