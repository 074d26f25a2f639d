import Foundation
import Synchronization
import TriageCore
import TriageProbes

/// A python server on loopback, the one such helper of every test target: a script from
/// scripts/testservers (probe_server.py: health endpoints and a Prometheus stand-in; blackhole.py:
/// accepts and never answers, on a port or a unix socket; hostile_server.py; …) or any python
/// command that announces its port. Run through ProcessRunner (its own process group) and stopped by
/// cancelling, which tears the group down. Waits at most 10 s for the port.
public final class LoopbackServer: Sendable {
    /// 0 for a server on a unix socket (it announces `{"path": P}`).
    public let port: Int
    private let task: Task<StreamTermination, Never>

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The repository's root, from this file's place in it (Sources/TriageTestSupport/).
    public static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Starts `scripts/testservers/<script>` with `arguments`; it announces `{"port": N}` or `{"path": P}` on its first line.
    public static func start(_ script: String = "probe_server.py", _ arguments: [String] = []) async throws -> LoopbackServer {
        try await startPython([repositoryRoot + "/scripts/testservers/" + script] + arguments)
    }

    /// Starts `python3 arguments` and waits (bounded) for the port it announces: `{"port": N}` or
    /// `{"path": P}` (port 0) on its first line, or the number in `portFile` when given.
    public static func startPython(_ arguments: [String], portFile: String? = nil) async throws -> LoopbackServer {
        let name = URL(fileURLWithPath: arguments.first ?? "python3").lastPathComponent
        guard case .success = ExecutableResolver.resolve("python3") else {
            throw StartError(description: "python3 is not installed: run scripts/setup.sh")
        }
        let firstLine = Mutex<String?>(nil)
        let task = Task {
            await ProcessRunner.streamLines("python3", arguments) { line in
                firstLine.withLock { if $0 == nil { $0 = line } }
            }
        }
        for _ in 0..<500 {
            if let portFile {
                if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
                   let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    return LoopbackServer(port: port, task: task)
                }
            } else if let line = firstLine.withLock({ $0 }) {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                guard let object, object["port"] is Int || object["path"] is String else {
                    task.cancel()
                    throw StartError(description: "\(name)'s first line was \(line)")
                }
                return LoopbackServer(port: object["port"] as? Int ?? 0, task: task)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        let end = await task.value
        throw StartError(description: "\(name) announced no port within 10 s: \(end.failureReason ?? "no reason")")
    }

    private init(port: Int, task: Task<StreamTermination, Never>) {
        self.port = port
        self.task = task
    }

    public var base: String { "http://127.0.0.1:\(port)" }

    public func stop() async {
        task.cancel()
        _ = await task.value
    }

    /// A test that throws before `stop()` still ends the server's process group.
    deinit { task.cancel() }
}
