import Foundation
import Testing

/// What an idle screen costs, counted rather than timed: the terminal thread's voluntary context
/// switches (each time it blocked and was woken) over a quiet period, read from
/// `/proc/PID/task/TID/status`. The thread sleeps in `poll(2)` until a key, a change or the
/// clock's next second; a loop that waited for keys with a 100 ms timeout woke ten times a second.
///
/// A thread also blocks when a page of code it runs must be read from disk (a major fault), which
/// the idle loop does not choose: on a machine short of memory (CI) the page cache drops code the
/// loop ran a while ago. Those waits are counted apart and taken off. The dashboard is counted only
/// well after `StartupMemoryRelease` (its diagnostic log line), whose next frames map again all the
/// code they run: on a short machine, a burst of faults once (seven wake-ups in one second here, with
/// the binary's pages evicted), which is start-up's cost, not the idle screen's.
@Suite(.serialized) struct WakeUpEndToEndTests {
    let binary = TmuxSession.triageBinary
    let environment = ["TERM": "tmux-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e", "TRIAGE_LOG": "debug"]

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

    /// The thread's major page faults (field 12 of its stat), each a read from disk it waited for.
    func majorFaults(pid: Int32, tid: String) -> Int {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return -1 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 9 ? Int(fields[9]) ?? -1 : -1
    }

    /// Waits (bounded) until the diagnostic log in `state` has a line for `event`.
    func waitForLogEvent(_ event: String, state: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: state + "/triage.log", encoding: .utf8)) ?? ""
            if text.contains(" \(event)") { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
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
        // Start-up settles: discovery of docker and kubectl ends within 3 s; the dashboard also
        // gives start-up's memory back 5 s after its first frame, and its next frame re-maps code.
        if kind == .dashboard {
            #expect(waitForLogEvent("startupMemoryReleased", state: state, timeout: 20), "no startupMemoryReleased in the log")
            // Past the next disk sample (every 5 s), so every path the idle screen runs ran since.
            Thread.sleep(forTimeInterval: 6)
        } else {
            Thread.sleep(forTimeInterval: 4)
        }
        let firstScreen = try session.capture()
        let faultsBefore = majorFaults(pid: pid, tid: tid)
        // Counted second by second, so a failure says whether it was a burst or a steady rate.
        var counts = [try voluntarySwitches(pid: pid, tid: tid)]
        let quiet = 8
        for _ in 0..<quiet {
            Thread.sleep(forTimeInterval: 1)
            counts.append(try voluntarySwitches(pid: pid, tid: tid))
        }
        let lastScreen = try session.capture()
        let perSecond = zip(counts.dropFirst(), counts).map { $0 - $1 }
        let faults = majorFaults(pid: pid, tid: tid) - faultsBefore
        // Still alive and drawing: the clock moved on.
        #expect(firstScreen != lastScreen, "the screen did not change in \(quiet) s: is the clock drawn?")
        let wakeUps = counts.last! - counts.first! - max(0, faults)
        // Once a second for the clock and once for each host sample (--refresh 1s), plus slack for
        // the two landing in separate milliseconds of the same second, and for one more every other
        // second: in a whole-suite run on a 2-core machine (2026-12-07) the thread blocked
        // [1, 3, 2, 3, 2, 3, 2, 3] times, 19 in 8 s with no major fault, while alone the same build
        // blocked twice a second; what the third was is not known (a lock held by a preempted
        // probe thread blocks it too). A loop that polls with a 100 ms timeout blocks 80 times.
        #expect(wakeUps <= quiet * 2 + quiet / 2 + 2,
                "the \(kind) terminal thread woke \(wakeUps) times in \(quiet) s besides \(faults) major faults (blocked per second: \(perSecond))")
        try session.type("q")
    }
}
