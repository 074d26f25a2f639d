import Foundation
import Synchronization
import TriageCore
import TriageProbes

/// Podman's Docker-compatible API on a private unix socket in a temp dir, for the duration of a test;
/// the one podman helper of every test target (probes, check, logs, end-to-end).
///
/// runc with cgroupfs, default ulimits emptied through a private CONTAINERS_CONF (the machine's config
/// is not touched), the busybox image imported when missing. The service runs through the process
/// runner (own process group) and is stopped by cancelling its task, which tears down that group.
/// `stopService()` takes the engine away mid-test (containers keep running under conmon) and
/// `startService()` brings it back on the same socket. Containers started with `run` carry this
/// service's unique name prefix; `stop()` removes every container whose name has it (started through
/// `run` or by hand), and says which it could not. `withEngine` wraps a test so that happens also
/// when the test throws, and fails the test when a container is left behind: the containers live in
/// the machine's podman storage, where nothing else would ever remove them. Throws a clear message
/// when podman, runc, the docker CLI or busybox is missing (scripts/setup.sh installs them).
public final class PodmanService: Sendable {
    public static let image = "localhost/triage-bb:latest"

    public let directory: String
    public let socketPath: String
    /// Starts every name `run` gives, unique to this service, so a name glob `prefix*` sees only its containers.
    public let prefix: String
    private let environment: [String: String]
    private let state = Mutex(State())

    private struct State {
        var service: Task<StreamTermination, Never>?
        var containers: [String] = []
    }

    public var dockerHost: String { "unix://" + socketPath }

    private init(directory: String, prefix: String, environment: [String: String]) {
        self.directory = directory
        socketPath = directory + "/podman.sock"
        self.prefix = prefix
        self.environment = environment
    }

    public static func start() async throws -> PodmanService {
        for tool in ["podman", "docker", "runc"] {
            guard case .success = ExecutableResolver.resolve(tool) else {
                throw Failure("\(tool) is not installed: run scripts/setup.sh (podman, runc and the docker CLI)")
            }
        }
        let unique = UUID().uuidString.prefix(8).lowercased()
        let dir = NSTemporaryDirectory() + "triage-test-podman-\(unique)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let conf = dir + "/containers.conf"
        try Data("[containers]\ndefault_ulimits = []\n".utf8).write(to: URL(fileURLWithPath: conf))
        let service = PodmanService(directory: dir, prefix: "t\(unique)-", environment: ["CONTAINERS_CONF": conf])
        do {
            try await service.ensureImage()
            try await service.startService()
        } catch {
            try? FileManager.default.removeItem(atPath: dir)
            throw error
        }
        return service
    }

    private func ensureImage() async throws {
        if await podman(["image", "exists", Self.image], deadline: .seconds(30)).succeeded { return }
        guard case .success(let busybox) = ExecutableResolver.resolve("busybox") else {
            throw Failure("busybox is not installed: run scripts/setup.sh (busybox-static)")
        }
        let root = directory + "/rootfs"
        let tarball = directory + "/bb.tar"
        let build = await ProcessRunner.run(
            "sh", ["-c", """
                set -e; mkdir -p "$1/bin" "$1/tmp"; cp "$2" "$1/bin/busybox"
                for a in $("$2" --list); do [ "$a" = busybox ] || ln -sf busybox "$1/bin/$a"; done
                tar -C "$1" -cf "$3" .
                """, "sh", root, busybox, tarball], deadline: .seconds(60))
        guard build.succeeded else { throw Failure("building the busybox rootfs failed: \(build.failureReason ?? "")") }
        let imported = await podman(["import", "-q", tarball, Self.image], deadline: .seconds(60))
        // Another test may have imported it meanwhile.
        if !imported.succeeded, !(await podman(["image", "exists", Self.image], deadline: .seconds(30))).succeeded {
            throw Failure("podman import failed: \(imported.failureReason ?? "")")
        }
    }

    /// Starts `podman system service` on the socket and waits (bounded) until docker gets an answer.
    public func startService() async throws {
        unlink(socketPath)
        let arguments = ["--runtime", "/usr/sbin/runc", "--cgroup-manager", "cgroupfs", "system", "service", "--time=0", dockerHost]
        let environment = environment
        let task = Task {
            await ProcessRunner.streamChunks("podman", arguments, environment: environment, deadline: .seconds(600)) { _ in }
        }
        state.withLock { $0.service = task }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if await docker(["version", "--format", "{{.Server.Version}}"], deadline: .seconds(10)).succeeded { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        await stopService()
        throw Failure("podman system service did not answer on \(dockerHost) within 30 s")
    }

    /// Ends the service's whole process group; the engine's socket goes away with it.
    public func stopService() async {
        let running = state.withLock { state in
            defer { state.service = nil }
            return state.service
        }
        running?.cancel()
        _ = await running?.value
    }

    /// Runs the docker CLI against this engine.
    @discardableResult
    public func docker(_ arguments: [String], deadline: Duration = .seconds(60)) async -> ProcessOutcome {
        await ProcessRunner.run("docker", ["--host", dockerHost] + arguments, deadline: deadline)
    }

    /// Runs podman itself with this engine's config; it needs no service.
    private func podman(_ arguments: [String], deadline: Duration) async -> ProcessOutcome {
        await ProcessRunner.run("podman", arguments, environment: environment, deadline: deadline)
    }

    /// Starts a detached busybox container named `prefix + label`, with `docker run` options, running
    /// `script` under /bin/sh; returns its name.
    @discardableResult
    public func run(_ label: String, options: [String] = [], script: String) async throws -> String {
        let name = prefix + label
        state.withLock { $0.containers.append(name) }
        let outcome = await docker(["run", "-d", "--name", name, "--network", "none", "--log-opt", "max-size=1m"] + options
            + [Self.image, "/bin/sh", "-c", script])
        guard outcome.succeeded else { throw Failure("docker run \(name) failed: \(outcome.failureReason ?? "")") }
        return name
    }

    /// podman runs healthchecks from systemd timers, absent here: run one by hand.
    public func runHealthcheck(_ label: String) async {
        _ = await podman(["healthcheck", "run", prefix + label], deadline: .seconds(30))
    }

    /// Starts an engine, runs `body` with it and stops it, also when `body` throws; throws when a
    /// container with this engine's prefix is left behind (after `body`'s own error, if it threw).
    public static func withEngine<T>(_ body: (PodmanService) async throws -> T) async throws -> T {
        let engine = try await start()
        let result: Result<T, any Error>
        do { result = .success(try await body(engine)) } catch { result = .failure(error) }
        let left = await engine.stop()
        let value = try result.get()
        guard left.isEmpty else { throw Failure("containers left behind in podman's storage: \(left.joined(separator: ", "))") }
        return value
    }

    /// The names of this engine's containers that exist (any state), from podman's storage.
    public func containersLeft() async -> [String] {
        let listed = await podman(["ps", "-a", "--filter", "name=^" + prefix, "--format", "{{.Names}}"], deadline: .seconds(30))
        return listed.stdoutText.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    /// Removes every container with this engine's prefix, whoever started it (through podman itself,
    /// so it works with the service stopped too; a few tries, as a removal can lose a race with a
    /// restart policy or another podman holding the lock), then stops the service and removes the
    /// directory. Returns the names still there (empty when all went).
    @discardableResult
    public func stop() async -> [String] {
        let started = state.withLock { $0.containers }
        var left = Array(Set(started + (await containersLeft()))).sorted()
        for attempt in 0..<3 where !left.isEmpty {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(500)) }
            _ = await podman(["rm", "-f", "-t", "0", "--ignore"] + left, deadline: .seconds(60))
            left = await containersLeft()
        }
        await stopService()
        try? FileManager.default.removeItem(atPath: directory)
        return left
    }

    /// A test that throws before `stop()` still ends the service's process group.
    deinit { state.withLock { $0.service?.cancel() } }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }
}
