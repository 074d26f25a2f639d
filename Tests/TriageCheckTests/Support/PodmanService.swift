import Foundation
import Testing
import TriageProbes

/// A private podman Docker-API service on a unix socket under /tmp, for the real docker CLI.
///
/// The minimum of TriageProbesTests' PodmanEngine: runc with cgroupfs, default ulimits emptied through
/// a private CONTAINERS_CONF, the busybox image imported when missing. Containers carry a unique
/// prefix and are removed by name in `stop()`.
final class PodmanService: Sendable {
    static let image = "localhost/triage-bb:latest"

    let directory: String
    let socket: String
    let prefix: String
    private let environment: [String: String]
    private let service: Task<Void, Never>

    var host: String { "unix://" + socket }

    init() async throws {
        _ = try CheckLab.require("podman")
        _ = try CheckLab.require("docker")
        _ = try CheckLab.require("busybox")
        directory = try CheckLab.temporaryDirectory("podman")
        socket = directory + "/p.sock"
        prefix = "tck\(UInt16.random(in: 0...UInt16.max))-"
        let conf = directory + "/containers.conf"
        try "[containers]\ndefault_ulimits = []\n".write(toFile: conf, atomically: true, encoding: .utf8)
        environment = ["CONTAINERS_CONF": conf]
        try await Self.ensureImage(directory: directory, environment: environment)
        let env = environment
        let address = "unix://" + socket
        service = Task {
            _ = await ProcessRunner.streamLines(
                "podman", ["--runtime", "/usr/sbin/runc", "--cgroup-manager", "cgroupfs", "system", "service", "--time=0", address],
                environment: env) { _ in }
        }
        var up = false
        for _ in 0..<100 {
            if await ProcessRunner.run("docker", ["--host", address, "version"], deadline: .seconds(5)).succeeded {
                up = true
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        if !up {
            service.cancel()
            Issue.record("podman's Docker API service did not come up on \(address) within 10 s")
            throw CheckLab.ToolMissing(tool: "podman system service")
        }
    }

    static func ensureImage(directory: String, environment: [String: String]) async throws {
        if await ProcessRunner.run("podman", ["image", "exists", image], environment: environment, deadline: .seconds(30)).succeeded {
            return
        }
        let busybox = try CheckLab.require("busybox")
        let root = directory + "/rootfs"
        let tarball = directory + "/bb.tar"
        let build = await ProcessRunner.run(
            "sh", ["-c", """
                set -e; mkdir -p "$1/bin" "$1/tmp"; cp "$2" "$1/bin/busybox"
                for a in $("$2" --list); do [ "$a" = busybox ] || ln -sf busybox "$1/bin/$a"; done
                tar -C "$1" -cf "$3" .
                """, "sh", root, busybox, tarball], deadline: .seconds(60))
        #expect(build.succeeded, "building the busybox rootfs failed: \(build.failureReason ?? "")")
        let imported = await ProcessRunner.run("podman", ["import", "-q", tarball, image], environment: environment, deadline: .seconds(60))
        #expect(imported.succeeded, "podman import failed: \(imported.failureReason ?? "")")
    }

    @discardableResult
    func docker(_ arguments: [String], deadline: Duration = .seconds(30)) async -> ProcessOutcome {
        let outcome = await ProcessRunner.run("docker", ["--host", host] + arguments, deadline: deadline)
        #expect(outcome.succeeded, "docker \(arguments.joined(separator: " ")) failed: \(outcome.failureReason ?? "")")
        return outcome
    }

    /// Starts a busybox container named PREFIX+name with `docker run` options and a shell command.
    func run(_ name: String, options: [String] = [], _ command: String) async {
        await docker(["run", "-d", "--name", prefix + name, "--network", "none", "--log-opt", "max-size=1m"] + options
            + [Self.image, "sh", "-c", command])
    }

    /// podman runs healthchecks from systemd timers, absent here: run one by hand.
    func runHealthcheck(_ name: String) async {
        _ = await ProcessRunner.run("podman", ["healthcheck", "run", prefix + name], environment: environment, deadline: .seconds(30))
    }

    func stop(containers names: [String]) async {
        _ = await ProcessRunner.run("docker", ["--host", host, "rm", "-f"] + names.map { prefix + $0 }, deadline: .seconds(60))
        service.cancel()
        await service.value
        try? FileManager.default.removeItem(atPath: directory)
    }
}
