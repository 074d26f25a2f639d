import Foundation
import Testing

/// What an idle screen costs, counted rather than timed: the terminal thread's voluntary context
/// switches (each time it blocked and was woken) over a quiet period, read from
/// `/proc/PID/task/TID/status`. The thread sleeps in `poll(2)` until a key, a change or the
/// clock's next second; a loop that waited for keys with a 100 ms timeout woke ten times a second.
@Suite(.serialized) struct WakeUpEndToEndTests {
    let binary = TmuxSession.triageBinary
    let environment = ["TERM": "tmux-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e"]

    /// The pid of the process running `thread` among the pane's process and its descendants.
    func process(withThread thread: String, under pane: Int32) -> (pid: Int32, tid: String)? {
        for pid in [pane] + descendants(of: pane) {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
            for task in tasks {
                let name = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/comm", encoding: .utf8)) ?? ""
                if name.trimmingCharacters(in: .whitespacesAndNewlines) == thread { return (pid, task) }
            }
        }
        return nil
    }

    func voluntarySwitches(pid: Int32, tid: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/task/\(tid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("voluntary_ctxt_switches:") }),
              let count = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))
        else { throw E2EError("no voluntary_ctxt_switches in \(status)") }
        return count
    }

    enum Screen: String, CaseIterable { case dashboard, wall }

    @Test(arguments: Screen.allCases)
    func anIdleScreenWakesAtMostTwiceASecond(_ kind: Screen) throws {
        let state = NSTemporaryDirectory() + "triage-e2e-wakeup-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: state) }
        // An open incident, so the incident pane (and the wall) read the store and watch it.
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "idle", "--severity", "P2", "--state", state], captureOutput: true)
        #expect(created.status == 0, "incident new failed")
        let command = "\(binary) \(kind == .wall ? "wall " : "")--refresh 1s --state \(state)"
        let session = try TmuxSession(width: 200, height: 50, command: command, environment: environment)
        defer { session.kill() }
        try session.waitFor(timeout: .seconds(15), "the first frame") { $0.contains("INC-") }
        let pane = try session.panePID()
        let (pid, tid) = try #require(process(withThread: "triage-terminal", under: pane), "no triage-terminal thread")
        // Start-up settles (discovery of docker and kubectl ends within 3 s).
        Thread.sleep(forTimeInterval: 4)
        let before = try voluntarySwitches(pid: pid, tid: tid)
        let firstScreen = try session.capture()
        let quiet = 8.0
        Thread.sleep(forTimeInterval: quiet)
        let after = try voluntarySwitches(pid: pid, tid: tid)
        let lastScreen = try session.capture()
        // Still alive and drawing: the clock moved on.
        #expect(firstScreen != lastScreen, "the screen did not change in \(quiet) s: is the clock drawn?")
        let wakeUps = after - before
        // Once a second for the clock and once for each host sample (--refresh 1s), plus slack for
        // the two landing in separate milliseconds of the same second.
        #expect(wakeUps <= Int(quiet) * 2 + 2, "the \(kind) terminal thread woke \(wakeUps) times in \(quiet) s")
        try session.type("q")
    }
}
