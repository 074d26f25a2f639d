import Foundation
import TriageCore
import TriageProbes

/// Shared by the test targets (logs, end-to-end). Podman's Docker-compatible API on a private unix socket in a temp dir, for the duration of a test.
///
/// Started through the process runner (own process group) and stopped by cancelling its task, which
/// tears down that group; containers the test created are removed by name. Fails the test with a
/// clear message when podman or the docker CLI is missing (scripts/setup.sh installs them).
public final class PodmanService: Sendable {
    public static let image = "localhost/triage-test-bb:latest"

    public let directory: String
    public let dockerHost: String
    private let task: Task<StreamTermination, Never>
    private let created = LockedNames()

    private init(directory: String, dockerHost: String, task: Task<StreamTermination, Never>) {
        self.directory = directory
        self.dockerHost = dockerHost
        self.task = task
    }

    public static func start() async throws -> PodmanService {
        for tool in ["podman", "docker", "runc"] {
            guard case .success = ExecutableResolver.resolve(tool) else {
                throw Failure("\(tool) is not installed: run scripts/setup.sh (podman, runc and the docker CLI)")
            }
        }
        let dir = NSTemporaryDirectory() + "triage-test-podman-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let conf = dir + "/containers.conf"
        try Data("[containers]\ndefault_ulimits = []\n".utf8).write(to: URL(fileURLWithPath: conf))
        try await ensureImage(dir: dir, conf: conf)
        let socket = "unix://\(dir)/podman.sock"
        let task = Task {
            await ProcessRunner.streamChunks(
                "podman", ["--runtime", "/usr/sbin/runc", "--cgroup-manager", "cgroupfs", "system", "service", "--time=0", socket],
                environment: ["CONTAINERS_CONF": conf], deadline: .seconds(600)) { _ in }
        }
        let service = PodmanService(directory: dir, dockerHost: socket, task: task)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while clock.now < deadline {
            if await service.docker(["version", "--format", "{{.Server.Version}}"]).succeeded { return service }
            try await Task.sleep(for: .milliseconds(100))
        }
        await service.stop()
        throw Failure("podman system service did not answer on \(socket) within 20 s")
    }

    private static func ensureImage(dir: String, conf: String) async throws {
        let env = ["CONTAINERS_CONF": conf]
        if await ProcessRunner.run("podman", ["image", "exists", image], environment: env, deadline: .seconds(30)).succeeded {
            return
        }
        guard case .success(let busybox) = ExecutableResolver.resolve("busybox") else {
            throw Failure("busybox is not installed: run scripts/setup.sh (busybox-static)")
        }
        let root = dir + "/rootfs"
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: busybox, toPath: root + "/bin/busybox")
        for applet in ["sh", "echo", "printf", "sleep", "cat", "yes", "seq", "head", "timeout", "true"] {
            try FileManager.default.createSymbolicLink(atPath: root + "/bin/" + applet, withDestinationPath: "busybox")
        }
        let tar = dir + "/rootfs.tar"
        let packed = await ProcessRunner.run("tar", ["-C", root, "-cf", tar, "."], deadline: .seconds(30))
        guard packed.succeeded else { throw Failure("tar failed: \(packed.failureReason ?? "")") }
        let imported = await ProcessRunner.run("podman", ["import", tar, image], environment: env, deadline: .seconds(60))
        // Another test may have imported it meanwhile.
        let exists = await ProcessRunner.run("podman", ["image", "exists", image], environment: env, deadline: .seconds(30))
        guard imported.succeeded || exists.succeeded else {
            throw Failure("podman import failed: \(imported.failureReason ?? "")")
        }
    }

    /// Runs the docker CLI against this engine.
    public func docker(_ arguments: [String], deadline: Duration = .seconds(60)) async -> ProcessOutcome {
        await ProcessRunner.run("docker", ["--host", dockerHost] + arguments, deadline: deadline)
    }

    /// Starts a detached container running `script` under /bin/sh; returns its unique name.
    public func run(_ label: String, script: String) async throws -> String {
        let name = "triage-test-\(label)-\(UUID().uuidString.prefix(8).lowercased())"
        created.add(name)
        let outcome = await docker(["run", "-d", "--network", "none", "--log-opt", "max-size=1m", "--name", name,
                                    Self.image, "/bin/sh", "-c", script])
        guard outcome.succeeded else { throw Failure("docker run failed: \(outcome.failureReason ?? "")") }
        return name
    }

    /// Removes the containers this test made, then stops the service (its whole process group).
    public func stop() async {
        for name in created.all { _ = await docker(["rm", "-f", name], deadline: .seconds(30)) }
        task.cancel()
        _ = await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }
}

/// Names of containers made by one test.
final class LockedNames: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String] = []
    func add(_ name: String) { lock.withLock { names.append(name) } }
    var all: [String] { lock.withLock { names } }
}
