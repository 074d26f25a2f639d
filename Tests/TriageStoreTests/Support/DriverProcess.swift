import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `triage-store-driver` child process: argv only, its own process group, stdout read through a
/// pipe with deadlines, stderr to a file, output bounded.
///
/// Killing targets the child's own group by its PID, so nothing else is ever signalled.
final class DriverProcess {
    let pid: pid_t
    let stderrPath: String
    private var outputFD: Int32
    private var output: [UInt8] = []
    private(set) var reachedEOF = false
    private var waitedStatus: Int32?
    static let outputLimit = 4 << 20

    /// The driver binary, built by `swift build`/`swift test` next to the test runner.
    static func executable(sourceFile: String = #filePath) throws -> String {
        var candidates: [String] = []
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("triage-store-driver").path)
        // <package>/Tests/TriageStoreTests/Support/DriverProcess.swift → <package>/.build/debug
        let package = URL(fileURLWithPath: sourceFile)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug/triage-store-driver").path)
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        Issue.record("triage-store-driver not found (looked in \(candidates)); run `swift build` first")
        throw POSIXError(.ENOENT)
    }

    /// Starts the driver with these arguments (no shell).
    init(_ arguments: [String], stderrPath: String) throws {
        let executable = try Self.executable()
        self.stderrPath = stderrPath
        var fds: [Int32] = [0, 0]
        // pipe2 is not visible to Swift here; set close-on-exec right away so drivers started by other
        // tests do not inherit this pipe (and hold its end of file back).
        guard pipe(&fds) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let argv = ([executable] + arguments).map { strdup($0) }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + environment).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv + [nil], environment + [nil])
        close(fds[1])
        guard result == 0 else {
            close(fds[0])
            throw POSIXError(.init(rawValue: result) ?? .EIO)
        }
        self.pid = pid
        outputFD = fds[0]
    }

    deinit {
        if waitedStatus == nil {
            Glibc.kill(-pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        if outputFD >= 0 { close(outputFD) }
    }

    /// Reads stdout until the deadline or end of file; returns true at end of file.
    @discardableResult
    func read(until deadline: ContinuousClock.Instant) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !reachedEOF {
            let remaining = deadline - .now
            if remaining <= .zero { break }
            let milliseconds = Int32(min(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000, 60_000))
            var poller = pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, max(milliseconds, 1))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(outputFD, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                reachedEOF = true
                break
            }
            if output.count < Self.outputLimit { output.append(contentsOf: buffer[0..<count]) }
        }
        return reachedEOF
    }

    /// Reads until a complete line satisfying `matches` arrives, or the deadline; returns it.
    func readLine(where matches: (String) -> Bool, until deadline: ContinuousClock.Instant) -> String? {
        while true {
            if let line = lines.first(where: matches) { return line }
            if reachedEOF || ContinuousClock.now >= deadline { return nil }
            read(until: min(deadline, .now + .milliseconds(20)))
        }
    }

    /// Complete lines read so far (a trailing fragment without a newline is not a line).
    var lines: [String] {
        guard let lastNewline = output.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        return String(decoding: output[...lastNewline], as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Sends a signal to the driver's own process group.
    func kill(_ signal: Int32) {
        Glibc.kill(-pid, signal)
    }

    /// How the process ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    /// Waits for the process to end; kills it (and fails the test) when the deadline passes.
    func wait(until deadline: ContinuousClock.Instant) -> Ending {
        var status: Int32 = 0
        if let waitedStatus {
            status = waitedStatus
        } else {
            while true {
                let result = waitpid(pid, &status, WNOHANG)
                if result == pid { break }
                if result < 0 && errno != EINTR { break }
                if ContinuousClock.now >= deadline {
                    Issue.record("driver \(pid) still running at its deadline; killed")
                    kill(SIGKILL)
                    waitpid(pid, &status, 0)
                    break
                }
                usleep(5_000)
            }
            waitedStatus = status
        }
        // WIFEXITED / WTERMSIG are macros Swift cannot import.
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    /// What the driver wrote to stderr (for failure messages).
    var standardError: String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    /// Keys the driver reported as committed ("committed KEY ." lines).
    var committedKeys: [String] {
        lines.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "committed", parts[2] == "." else { return nil }
            return String(parts[1])
        }
    }
}
