import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One run of the real `triage` binary: argv only (no shell), its own process group, stdout and
/// stderr captured in files, and a deadline after which the group is killed and the test fails.
///
/// posix_spawn + waitpid rather than Foundation's `Process`, whose `waitUntilExit` was seen hanging
/// here on a child that had already exited.
struct CLIRun {
    let status: Int32
    let standardOutput: String
    let standardError: String

    /// The `triage` binary `swift test` built next to the test runner.
    static func triageBinary(sourceFile: String = #filePath) throws -> String {
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let package = URL(fileURLWithPath: sourceFile)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            runner.deletingLastPathComponent().appendingPathComponent("triage").path,
            package.appendingPathComponent(".build/debug/triage").path,
        ]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        Issue.record("the triage binary was not found (looked in \(candidates)); run `swift build` first")
        throw POSIXError(.ENOENT)
    }

    /// Runs `triage arguments…` with a clean, fixed environment plus `environment`.
    init(_ arguments: [String], environment: [String: String] = [:], deadline: Duration = .seconds(30)) throws {
        let binary = try Self.triageBinary()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("triage-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        var base = ["PATH": "/usr/bin:/bin", "TZ": "UTC", "LANG": "C.UTF-8", "TRIAGE_USER": "tester"]
        if let home = ProcessInfo.processInfo.environment["HOME"] { base["HOME"] = home }
        let merged = base.merging(environment) { _, new in new }
        let argv = ([binary] + arguments).map { strdup($0) }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, binary, &actions, &attributes, argv + [nil], envp + [nil])
        guard spawned == 0 else { throw POSIXError(.init(rawValue: spawned) ?? .EIO) }

        let end = ContinuousClock.now + deadline
        var waitStatus: Int32 = 0
        while true {
            let result = waitpid(pid, &waitStatus, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { break }
            if ContinuousClock.now >= end {
                Issue.record("triage \(arguments) still running after \(deadline); killed")
                kill(-pid, SIGKILL)
                waitpid(pid, &waitStatus, 0)
                break
            }
            usleep(5_000)
        }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        let signal = waitStatus & 0x7f
        status = signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal
        standardOutput = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        standardError = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    }
}

/// A fresh directory for one test; the test removes it with `defer { directory.remove() }`.
///
/// Removal is explicit rather than in a `deinit`, which could run as soon as the last use of the
/// value, while the spawned `triage` still works in the directory.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("triage-cli-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The runbooks of TriageRunbookTests, used here as real input files.
enum Fixtures {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TriageRunbookTests/Fixtures")
    }

    static var runbooks: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().map { directory.appendingPathComponent($0).path }
    }
}
