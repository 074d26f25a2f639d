import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `triage` binary as a user would: posix_spawn, its own environment and working
/// directory, stdout and stderr into files, then waitpid (bounded; killed past the limit).
///
/// Foundation's `Process.waitUntilExit` hung on this machine, hence plain posix_spawn.
struct TriageProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// stdout parsed as a JSON object.
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
                throw Failure("stdout is not a JSON object:\n\(stdout)\nstderr:\n\(stderr)")
            }
            return object
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The `triage` binary next to the test bundle (`swift test` builds it: the test target depends on it).
    static var binary: String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0])
        let candidates = [
            here.deletingLastPathComponent().appendingPathComponent("triage").path,
            here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("triage").path,
            CheckLab.repositoryRoot.appendingPathComponent(".build/debug/triage").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
    }

    /// The test process's environment minus what would change triage's view (config, docker, kube).
    static func cleanEnvironment(home: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in ["DOCKER_HOST", "DOCKER_CONTEXT", "KUBECONFIG", "XDG_CONFIG_HOME"] { environment[key] = nil }
        environment["HOME"] = home
        environment["XDG_CONFIG_HOME"] = home + "/.config"
        environment["LANG"] = "C.UTF-8"
        return environment
    }

    /// Runs `triage ARGS` in `directory` with exactly `environment`; at most `limit`, then KILL.
    static func run(_ arguments: [String], environment: [String: String], directory: String, limit: Duration = .seconds(40)) throws -> Result {
        let binary = binary
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw Failure("triage is not built at \(binary)") }
        let outPath = directory + "/.stdout-\(UInt32.random(in: 0...UInt32.max))"
        let errPath = directory + "/.stderr-\(UInt32.random(in: 0...UInt32.max))"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so a test that gives up can kill whatever triage started too.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        // posix_spawn_file_actions_addchdir_np does not import; GNU env -C sets the directory, then execs triage.
        let env = "/usr/bin/env"
        let argv = ([env, "-C", directory, binary] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, env, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure("cannot start \(binary): errno \(spawned)") }
        let clock = ContinuousClock()
        let end = clock.now + limit
        var status: Int32 = 0
        var finished = false
        while clock.now < end {
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == pid {
                finished = true
                break
            }
            if rc == -1 && errno != EINTR { throw Failure("waitpid failed: errno \(errno)") }
            usleep(20_000)
        }
        if !finished {
            kill(-pid, SIGKILL)
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            throw Failure("triage \(arguments.joined(separator: " ")) did not finish within \(limit)")
        }
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS by hand: the macros do not import.
        let exited = (status & 0x7F) == 0
        return Result(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), stdout: stdout, stderr: stderr)
    }
}
