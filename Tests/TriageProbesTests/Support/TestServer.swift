import Foundation
import Synchronization
import TriageProbes

/// A loopback server from scripts/testservers, run through triage's own ProcessRunner and stopped
/// by cancelling its stream, which tears down its process group.
final class TestServer: Sendable {
    let port: Int
    private let task: Task<StreamTermination, Never>

    enum StartError: Error, CustomStringConvertible {
        case noPort(String)
        var description: String {
            switch self {
            case .noPort(let why): "test server did not start: \(why)"
            }
        }
    }

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Starts `scripts/testservers/<script>` with `arguments` and waits (bounded) for its port line.
    static func start(_ script: String = "probe_server.py", _ arguments: [String] = []) async throws -> TestServer {
        let firstLine = Mutex<String?>(nil)
        let path = repositoryRoot + "/scripts/testservers/" + script
        let task = Task {
            await ProcessRunner.streamLines("python3", [path] + arguments) { line in
                firstLine.withLock { if $0 == nil { $0 = line } }
            }
        }
        let clock = ContinuousClock()
        let end = clock.now + .seconds(10)
        while clock.now < end {
            if let line = firstLine.withLock({ $0 }) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let port = object["port"] as? Int
                else {
                    task.cancel()
                    throw StartError.noPort("first line was \(line)")
                }
                return TestServer(port: port, task: task)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        let end2 = await task.value
        throw StartError.noPort(end2.failureReason ?? "no port line within 10s (is python3 installed? scripts/setup.sh)")
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
