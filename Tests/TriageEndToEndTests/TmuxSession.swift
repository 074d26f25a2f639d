import Foundation
import Testing

/// A tmux server of the test's own (private socket) running one pane, driven like a person would:
/// keys in, screen text out.
final class TmuxSession {
    let socket: String
    let name = "e2e"
    private(set) var isRunning = false

    /// The built `triage` binary next to the test bundle (`swift test` builds it first).
    static var triageBinary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("triage").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("triage").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/triage").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
    }

    static var tmuxPath: String? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts a detached session of the given size running `command` (argv, joined by tmux's shell).
    init(width: Int, height: Int, command: String, environment: [String: String] = [:]) throws {
        socket = "triage-e2e-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
        var args = ["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"]
        // A private incident database, so a test never reads or writes the user's own state.
        var environment = environment
        if environment["TRIAGE_STATE"] == nil {
            let state = NSTemporaryDirectory() + "triage-e2e-state-\(UUID().uuidString.prefix(8))"
            environment["TRIAGE_STATE"] = state
            privateState = state
        }
        // Swift's crash backtracer asks "press a key" for 30 s when stdin and stdout are a terminal;
        // a crash test must see the process end instead.
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "interactive=no" }
        for (key, value) in environment { args += ["-e", "\(key)=\(value)"] }
        args.append(command)
        try tmux(args)
        isRunning = true
        // Remembered now: if the server's socket disappears later, kill() can still end it by PID.
        serverPID = Int32((try? display("#{pid}")) ?? "")
        firstPanePID = Int32((try? display("#{pane_pid}")) ?? "")
    }

    private var serverPID: Int32?
    private var privateState: String?
    private var firstPanePID: Int32?

    deinit { kill() }

    /// Ends the tmux server and everything in its pane. `kill-server` alone was seen leaving a server
    /// (and the program in its pane) running after a CI run, so whatever is still alive a moment
    /// later is ended by PID: these are processes this test started.
    func kill() {
        guard isRunning else { return }
        isRunning = false
        var tree: [Int32] = []
        if let panePID = firstPanePID { tree = [panePID] + descendants(of: panePID) }
        _ = try? tmux(["kill-server"])
        let end = ContinuousClock.now + .seconds(2)
        let all = tree + (serverPID.map { [$0] } ?? [])
        while ContinuousClock.now < end, all.contains(where: isAlive) { Thread.sleep(forTimeInterval: 0.05) }
        for pid in all where isAlive(pid) { Foundation.kill(pid, SIGKILL) }
        if let privateState { try? FileManager.default.removeItem(atPath: privateState) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        guard let path = TmuxSession.tmuxPath else {
            throw E2EError("tmux is not installed: run scripts/setup.sh")
        }
        // The first command forks the tmux server, which inherits the client's descriptors: it gets
        // /dev/null, never our pipe, or reading to end-of-file would wait for the server to exit.
        let result = try spawnAndWait(path, ["-L", socket, "-f", "/dev/null"] + arguments, captureOutput: arguments.first != "new-session")
        return result.output
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }
    func resize(width: Int, height: Int) throws { try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"]) }
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `predicate` holds, up to `timeout`. Returns the last screen.
    @discardableResult
    func waitFor(timeout: Duration = .seconds(10), _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError("timed out waiting for \(what); screen was:\n\(screen)")
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(10)) throws -> String {
        try waitFor(timeout: timeout, "\"\(text)\"") { $0.contains(text) }
    }

    /// The pid of the pane's first process (the shell, or triage itself).
    func panePID() throws -> Int32 {
        guard let pid = Int32(try display("#{pane_pid}")) else { throw E2EError("no pane pid") }
        return pid
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Children of a process, from /proc: every thread's list (a child belongs to the thread that forked it).
func childPIDs(of pid: Int32) -> [Int32] {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
    return tasks.flatMap { task -> [Int32] in
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { Int32($0) }
    }
}

/// Every descendant of a process, children first.
func descendants(of pid: Int32) -> [Int32] {
    var result: [Int32] = []
    var queue = childPIDs(of: pid)
    while let next = queue.first {
        queue.removeFirst()
        result.append(next)
        queue += childPIDs(of: next)
    }
    return result
}

func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
    // A zombie still has a /proc entry: state Z after the ")".
    if let close = stat.lastIndex(of: ")") {
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z"
    }
    return true
}

/// Runs a program with posix_spawn and waits for it with waitpid.
///
/// Foundation's `Process.waitUntilExit` was seen hanging here on a child that had already exited
/// (left a zombie), so the end-to-end tests use the system calls directly.
func spawnAndWait(_ path: String, _ arguments: [String], captureOutput: Bool) throws -> (status: Int32, output: String) {
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    var pipeFDs: [Int32] = [-1, -1]
    if captureOutput {
        guard pipe(&pipeFDs) == 0 else { throw E2EError("pipe failed") }
        posix_spawn_file_actions_adddup2(&fileActions, pipeFDs[1], 1)
        posix_spawn_file_actions_addclose(&fileActions, pipeFDs[0])
        posix_spawn_file_actions_addclose(&fileActions, pipeFDs[1])
    } else {
        posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &fileActions, nil, argv, environ)
    if captureOutput { close(pipeFDs[1]) }
    guard spawned == 0 else {
        if captureOutput { close(pipeFDs[0]) }
        throw E2EError("cannot start \(path): errno \(spawned)")
    }
    var output: [UInt8] = []
    if captureOutput {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(pipeFDs[0], &buffer, buffer.count)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        close(pipeFDs[0])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (status, String(decoding: output, as: UTF8.self))
}
