import Foundation
import Testing

/// Drives the real binary in tmux and asserts on what a person would see.
@Suite(.serialized) struct DashboardEndToEndTests {
    let binary = TmuxSession.triageBinary

    /// A shell in the pane so that after triage exits, `stty -a` shows the terminal it left behind.
    func shellSession(width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws -> TmuxSession {
        let session = try TmuxSession(width: width, height: height, command: "env PS1='$ ' bash --norc --noprofile",
                                      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"].merging(environment) { $1 })
        try session.waitFor("$")
        return session
    }

    func startTriage(in session: TmuxSession, arguments: String = "") throws -> Int32 {
        try session.type("\(binary) \(arguments)")
        try session.send("Enter")
        try session.waitFor("1 Services")
        let shell = try session.panePID()
        guard let pid = childPIDs(of: shell).first else { throw E2EError("triage is not a child of the pane's shell") }
        return pid
    }

    /// Runs `stty -a` in the pane triage left behind and checks canonical mode and echo are back.
    func assertTerminalRestored(_ session: TmuxSession) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("triage-e2e-stty-\(getpid())-\(UInt32.random(in: 0..<UInt32.max)).txt").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try session.type("stty -a > \(file); echo STTY-$((40+2))-DONE")
        try session.send("Enter")
        try session.waitFor("STTY-42-DONE")
        let flags = Set(try String(contentsOfFile: file, encoding: .utf8).split(whereSeparator: { " ;\n".contains($0) }).map(String.init))
        #expect(flags.contains("icanon") && !flags.contains("-icanon"), "canonical mode not restored")
        #expect(flags.contains("echo") && !flags.contains("-echo"), "echo not restored")
    }

    @Test func firstFrameShowsEveryPaneAndRealHostFigures() throws {
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build triage first: \(binary)")
        let session = try TmuxSession(width: 120, height: 40, command: binary, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        defer { session.kill() }
        let screen = try session.waitFor(timeout: .seconds(10), "host figures") { $0.contains("1 Services") && $0.contains("cpu") && $0.contains("%") }
        for title in ["1 Services", "2 Containers", "3 Pods", "4 Logs", "5 Incident", "6 Host"] {
            #expect(screen.contains(title), "missing \(title)")
        }
        // The root filesystem's figure must be df's own figure.
        let df = try runTool("/bin/df", ["-P", "/"])
        let percent = df.split(separator: "\n").last?.split(separator: " ").first { $0.hasSuffix("%") }.map(String.init) ?? "?"
        let rootRow = screen.split(separator: "\n").first { $0.contains("│ /  ") || $0.contains("│ / ") }
        #expect(rootRow?.contains(" \(percent)") == true, "root row \(rootRow ?? "none") lacks df's \(percent)")
        #expect(screen.contains(ProcessInfo.processInfo.hostName.prefix(20)))
        #expect(screen.contains("no docker host configured") || screen.contains("Containers"))
    }

    @Test func resizesToSmallTooSmallAndBack() throws {
        let session = try TmuxSession(width: 120, height: 40, command: binary, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        defer { session.kill() }
        try session.waitFor("6 Host")
        try session.resize(width: 80, height: 24)
        try session.waitFor(timeout: .seconds(5), "80x24 summary") { $0.contains("▶1") && $0.contains("Containers") && !$0.contains("╭─ 2 Containers") }
        try session.send("Tab")
        try session.waitFor("┏━ 2 Containers")
        try session.resize(width: 60, height: 20)
        try session.waitFor("need 80x24, have 60x20")
        try session.resize(width: 120, height: 40)
        let screen = try session.waitFor(timeout: .seconds(5), "full layout again") { $0.contains("6 Host") && $0.contains("1 Services") && !$0.contains("too small") }
        #expect(screen.contains("5 Incident"))
    }

    @Test func helpComesFromTheKeymapAndCloses() throws {
        let session = try TmuxSession(width: 120, height: 40, command: binary, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        defer { session.kill() }
        try session.waitFor("1 Services")
        try session.type("?")
        let help = try session.waitFor("triage keys")
        #expect(help.contains("zoom the focused pane"))
        try session.send("Escape")
        try session.waitFor(timeout: .seconds(5), "help closed") { !$0.contains("triage keys") }
    }

    @Test func quitRestoresTheTerminal() throws {
        let session = try shellSession()
        defer { session.kill() }
        let pid = try startTriage(in: session)
        try session.type("q")
        try waitUntilGone(pid)
        try assertTerminalRestored(session)
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func signalRestoresTheTerminal(signal: Int32) throws {
        let session = try shellSession()
        defer { session.kill() }
        let pid = try startTriage(in: session)
        #expect(Foundation.kill(pid, signal) == 0)
        try waitUntilGone(pid)
        try assertTerminalRestored(session)
    }

    /// A crash gives the terminal back and then lets Swift's runtime print its backtrace on it: the
    /// crash handler hands the signal on to the handler the runtime installed before main. (It used
    /// to replace that handler, so a crash left no backtrace at all.)
    @Test(arguments: [SIGSEGV, SIGABRT])
    func aCrashRestoresTheTerminalAndPrintsSwiftsBacktrace(signal: Int32) throws {
        let session = try TmuxSession(width: 120, height: 40, command: "env PS1='$ ' bash --norc --noprofile", environment: [
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no,preset=friendly",
        ])
        defer { session.kill() }
        try session.waitFor("$")
        let pid = try startTriage(in: session)
        #expect(Foundation.kill(pid, signal) == 0)
        let screen = try session.waitFor(timeout: .seconds(20), "the runtime's backtrace") {
            $0.contains("Program crashed") && $0.contains("Backtrace took")
        }
        // The signal lands on any thread (the main one, the terminal thread, one of the pool's): the
        // runtime names the thread that crashed.
        #expect(screen.range(of: #"Thread [0-9]+ ("[^"]+" )?crashed:"#, options: .regularExpression) != nil, "\(screen)")
        // Printed on the normal screen, after the restore: the dashboard is gone from it.
        #expect(!screen.contains("1 Services"), "\(screen)")
        try waitUntilGone(pid, timeout: .seconds(10))
        try assertTerminalRestored(session)
    }

    /// A slow command check keeps a child running; every way out must end it and restore the terminal,
    /// a crash (SIGSEGV, SIGABRT) included.
    @Test(arguments: [SIGTERM, SIGHUP, SIGSEGV, SIGABRT])
    func exitEndsChildProcessesAndRestoresTheTerminal(signal: Int32) throws {
        let dir = NSTemporaryDirectory() + "triage-e2e-children-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            refresh: 1s
            checks:
              - name: slow
                run: [sh, -c, "sleep 300"]
                timeout: 600s
            """.write(toFile: dir + "/triage.yaml", atomically: true, encoding: .utf8)
        // Swift's backtracer stays installed (the crash handler hands on to it), but does not
        // symbolicate: reading the debug binary's DWARF kept a crashed triage alive for seconds
        // (more under load) past the wait below. The backtrace itself is aCrashRestoresTheTerminal….
        let session = try shellSession(environment: ["SWIFT_BACKTRACE": "interactive=no,symbolicate=off"])
        defer { session.kill() }
        let pid = try startTriage(in: session, arguments: "--config \(dir)/triage.yaml --state \(dir)/state")
        let deadline = ContinuousClock.now + .seconds(10)
        var children: [Int32] = []
        while ContinuousClock.now < deadline {
            children = childPIDs(of: pid).filter { (try? String(contentsOfFile: "/proc/\($0)/cmdline", encoding: .utf8))?.replacingOccurrences(of: "\0", with: " ").contains("sleep 300") == true }
            if !children.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(!children.isEmpty, "the slow check never started")
        // triage lists a child's group for the crash handler when the spawn returns its PID, a moment
        // after the child exists (ChildRegistration): a signal inside that window leaves the child
        // running, a known gap (docs/RELIABILITY.md). Under load the window grew past this loop's
        // 100 ms poll; what is tested here is every way out once the child is listed.
        Thread.sleep(forTimeInterval: 0.5)
        #expect(Foundation.kill(pid, signal) == 0)
        try waitUntilGone(pid)
        try assertTerminalRestored(session)
        let end = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < end, children.contains(where: isAlive) { Thread.sleep(forTimeInterval: 0.1) }
        for child in children { #expect(!isAlive(child), "child \(child) survived signal \(signal)") }
    }

    @Test func zoomAndDigitsChangeWhatIsShown() throws {
        let session = try TmuxSession(width: 120, height: 40, command: binary, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        defer { session.kill() }
        try session.waitFor("1 Services")
        try session.type("6")
        try session.waitFor("┏━ 6 Host")
        try session.type("z")
        try session.waitFor(timeout: .seconds(5), "zoomed host") { $0.contains("┏━ 6 Host") && !$0.contains("1 Services") }
        try session.type("z")
        try session.waitFor("1 Services")
    }

    func waitUntilGone(_ pid: Int32, timeout: Duration = .seconds(5)) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !isAlive(pid) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError("triage (pid \(pid)) did not exit")
    }
}

func runTool(_ path: String, _ arguments: [String]) throws -> String {
    try spawnAndWait(path, arguments, captureOutput: true).output
}
