import Foundation
import Testing

/// What triage itself does between frames with lab-like sources (issue 16: the whole lab at
/// `--refresh 2s` within 3 % of a core), counted rather than timed: the terminal thread's voluntary
/// context switches over a window, read from `/proc/PID/task/TID/status`.
@Suite(.serialized) struct LabSelfCostEndToEndTests {
    let binary = TmuxSession.triageBinary
    /// Finds the terminal thread and reads its switches (shared with the idle wake-up test).
    let threads = WakeUpEndToEndTests()

    /// A log source printing four lines a second, one write each (the lab's followers print about
    /// that: lab-web once a second, the crash-looping pod twice), while the Services pane has the
    /// focus: the lines come with the clock's frame, about one wake-up a second. Each line used to
    /// wake the thread and cost a whole frame (40 in 8 s). With the Logs pane focused, lines wake
    /// it again, so a person reading them sees each at once.
    @Test func logLinesWaitForTheClockFrameUnlessTheLogsPaneIsRead() throws {
        let dir = NSTemporaryDirectory() + "triage-e2e-labself-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/app.log"
        _ = FileManager.default.createFile(atPath: log, contents: Data())
        try "refresh: 1s\nlogs:\n  - file: \(log)\n".write(toFile: dir + "/triage.yaml", atomically: true, encoding: .utf8)
        let session = try TmuxSession(width: 200, height: 50, command: "\(binary) --config \(dir)/triage.yaml --state \(dir)/state",
                                      environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e", "TRIAGE_LOG": "debug"])
        defer { session.kill() }
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? writer.close() }
        var written = 0
        /// Appends `count` lines a quarter of a second apart.
        func writeLines(_ count: Int) {
            for _ in 0..<count {
                written += 1
                writer.seekToEndOfFile()
                writer.write(Data("app line \(written) handled\n".utf8))
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        try session.waitFor(timeout: .seconds(15), "the first frame") { $0.contains("4 Logs") && $0.contains("┏━ 1 Services") }
        let pane = try session.panePID()
        let (pid, tid) = try #require(threads.process(withThread: "triage-terminal", under: pane), "no triage-terminal thread")
        writeLines(1)
        try session.waitFor(timeout: .seconds(10), "the file followed") { $0.contains("app line 1 handled") }
        // After start-up's memory release and the frames that map its code again (see the idle test).
        #expect(threads.waitForLogEvent("startupMemoryReleased", state: dir + "/state", timeout: 20), "no startupMemoryReleased in the log")
        Thread.sleep(forTimeInterval: 2)

        let quiet = 8
        let before = try threads.voluntarySwitches(pid: pid, tid: tid)
        let faultsBefore = threads.majorFaults(pid: pid, tid: tid)
        writeLines(quiet * 4)
        let faults = threads.majorFaults(pid: pid, tid: tid) - faultsBefore
        let wakeUps = try threads.voluntarySwitches(pid: pid, tid: tid) - before - max(0, faults)
        // Still shown, with the clock's next frame.
        try session.waitFor(timeout: .seconds(5), "the last line") { $0.contains("app line \(written) handled") }
        // Once a second for the clock, with the same slack as the idle test; one per line would be 4 a second.
        #expect(wakeUps <= quiet * 2 + 2, "the terminal thread woke \(wakeUps) times in \(quiet) s for \(quiet * 4) lines no one reads, besides \(faults) major faults")

        try session.type("4")
        try session.waitFor(timeout: .seconds(5), "the Logs pane focused") { $0.contains("┏━ 4 Logs") }
        let reading = try threads.voluntarySwitches(pid: pid, tid: tid)
        writeLines(quiet * 4)
        let readWakeUps = try threads.voluntarySwitches(pid: pid, tid: tid) - reading
        // The file is read every 250 ms: most of those reads bring a line, and each wakes the thread.
        #expect(readWakeUps > quiet * 2, "only \(readWakeUps) wake-ups in \(quiet) s for \(quiet * 4) lines read in the focused Logs pane")
        try session.type("q")
    }

    /// Reads syscalls of the whole process (every thread) so far: `syscr` in `/proc/PID/io`.
    static func readCalls(_ pid: Int32) throws -> Int {
        let io = try String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8)
        guard let line = io.split(separator: "\n").first(where: { $0.hasPrefix("syscr:") }),
              let count = Int(line.dropFirst("syscr:".count).trimmingCharacters(in: .whitespaces))
        else { throw E2EError("no syscr in \(io)") }
        return count
    }

    static func processCount() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { Int($0) != nil }.count
    }

    /// After each child ends, triage sweeps for orphans (at most every 500 ms). The sweep read every
    /// process's `/proc/PID/stat` on the machine, hundreds on a busy bastion, to find its own
    /// children; it now reads its threads' `children` lists. With at least 300 processes on the
    /// machine (sleepers are added when there are fewer) and one command check a second, the old
    /// sweep made 300 reads per run; all of triage's reads now stay under half that.
    @Test func anOrphanSweepReadsTriagesOwnChildrenNotEveryProcess() throws {
        let dir = NSTemporaryDirectory() + "triage-e2e-labself-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let token = "120.\(Int.random(in: 100_000...999_999))"
        var sleepers: [Process] = []
        defer {
            for sleeper in sleepers where sleeper.isRunning { sleeper.terminate() }
            for pid in OrphanEndToEndTests.sleepers(token) { kill(pid, SIGKILL) }
            try? FileManager.default.removeItem(atPath: dir)
        }
        for _ in 0..<max(0, 300 - Self.processCount()) {
            let sleeper = Process()
            sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
            sleeper.arguments = [token]
            try sleeper.run()
            sleepers.append(sleeper)
        }
        let runs = dir + "/runs"
        try """
            refresh: 1s
            checks:
              - name: counted
                run: [sh, -c, 'echo run >> "$0"', \(runs)]
                timeout: 2s
            """.write(toFile: dir + "/triage.yaml", atomically: true, encoding: .utf8)
        let session = try TmuxSession(width: 200, height: 50, command: "\(binary) --config \(dir)/triage.yaml --state \(dir)/state",
                                      environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e"])
        defer { session.kill() }
        func runCount() -> Int { ((try? String(contentsOfFile: runs, encoding: .utf8)) ?? "").split(separator: "\n").count }
        try session.waitFor(timeout: .seconds(15), "the check's first rounds") { _ in runCount() >= 2 }
        let pane = try session.panePID()
        let (pid, _) = try #require(threads.process(withThread: "triage-terminal", under: pane), "no triage-terminal thread")
        let processes = Self.processCount()
        let (reads, runs0) = (try Self.readCalls(pid), runCount())
        Thread.sleep(forTimeInterval: 8)
        let (readsAfter, ran) = (try Self.readCalls(pid), runCount() - runs0)
        #expect(ran >= 4, "only \(ran) check runs in 8 s")
        // Every run is followed by a sweep (runs are a second apart, sweeps may be 500 ms apart).
        #expect(readsAfter - reads < ran * processes / 2,
                "\(readsAfter - reads) reads for \(ran) runs with \(processes) processes on the machine")
        try session.type("q")
    }
}
