import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Start-to-first-frame of a terminal program, the anchors' way: start it in a detached tmux session
/// of 200x50 (on a private tmux server that is already running) and poll `capture-pane -p` until
/// every marker is on screen.
///
/// The clock starts just before `tmux new-session` is spawned, so the figure includes tmux forking
/// the pane and one polling interval (each `capture-pane` is a process start, ~2–4 ms here).
enum FirstFrameProbe {
    static let tmux = "/usr/bin/tmux"

    /// Runs `command` (absolute path first) `runs` times; returns each start-to-frame time in ms
    /// (runs that never showed the markers within 5 s are left out and reported).
    static func measure(command: [String], markers: [String], runs: Int, environment: [String: String], directory: String?) -> [Double] {
        guard FileManager.default.isExecutableFile(atPath: tmux) else {
            Report.say("first frame: \(tmux) is missing")
            return []
        }
        let socket = "triage-bench-\(getpid())"
        _ = run([tmux, "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "keep", "-x", "200", "-y", "50", "/bin/sleep", "600"])
        defer { _ = run([tmux, "-L", socket, "kill-server"]) }
        var times: [Double] = []
        let clock = ContinuousClock()
        for index in 0..<runs {
            let name = "frame\(index)"
            var argv = [tmux, "-L", socket, "new-session", "-d", "-s", name, "-x", "200", "-y", "50"]
            if let directory { argv += ["-c", directory] }
            for (key, value) in environment.sorted(by: { $0.key < $1.key }) { argv += ["-e", "\(key)=\(value)"] }
            argv += command
            let start = clock.now
            let (status, _) = run(argv)
            var seen = false
            if status == 0 {
                let deadline = start + .seconds(5)
                while clock.now < deadline {
                    let (_, screen) = run([tmux, "-L", socket, "capture-pane", "-p", "-t", name], capture: true)
                    if markers.allSatisfy({ screen.contains($0) }) {
                        times.append(Report.ms(clock.now - start))
                        seen = true
                        break
                    }
                }
            }
            if !seen { Report.say("first frame: run \(index) never showed \(markers) within 5 s (tmux status \(status))") }
            _ = run([tmux, "-L", socket, "kill-session", "-t", name])
            Thread.sleep(forTimeInterval: 0.3)
        }
        return times
    }

    /// Runs a tool to completion (a 10 s deadline, then SIGKILL) with posix_spawn, stdin and stderr on
    /// /dev/null; returns its status and, with `capture`, at most 1 MB of its stdout (through a file,
    /// so a tmux server it forks cannot hold a pipe open).
    @discardableResult
    static func run(_ argv: [String], capture: Bool = false) -> (Int32, String) {
        let outputPath = capture ? FileManager.default.temporaryDirectory.appendingPathComponent("triage-bench-\(getpid()).out").path : "/dev/null"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = argv.map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in arguments { free(pointer) }
            for pointer in environment { free(pointer) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, nil, arguments, environment) == 0 else { return (-1, "") }
        var status: Int32 = 0
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if clock.now > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(500)
        }
        guard capture, let data = FileManager.default.contents(atPath: outputPath) else { return (status, "") }
        try? FileManager.default.removeItem(atPath: outputPath)
        return (status, String(decoding: data.prefix(1 << 20), as: UTF8.self))
    }
}
