import Foundation
import Testing

/// The incident store under real faults, seen through the real binary in tmux: a full disk (a tiny
/// tmpfs), a read-only state directory (a tmpfs remounted read-only), another process holding the
/// write lock for 10 s (python3's sqlite3, `BEGIN IMMEDIATE`), and SIGHUP while ticks commit.
@Suite(.serialized) struct StoreFaultEndToEndTests {
    let binary = TmuxSession.triageBinary

    // MARK: Disk full

    @Test func aTickOnAFullDiskIsShownUnsavedAndSavedOnceSpaceReturns() throws {
        guard let disk = try Tmpfs.mount(size: "2m") else { return }
        defer { disk.unmount() }
        let state = disk.path + "/state"
        let incidentID = try declareIncident(state: state)
        let session = try shellSession()
        defer { session.kill() }
        let pid = try startTriage(in: session, state: state)
        try session.waitFor(incidentID)

        try disk.fill()
        try session.type("5")
        try session.type(" ")
        let failing = try session.waitFor(timeout: .seconds(15), "the tick shown unsaved with the disk-full reason") {
            $0.contains("[x] ⟳ unsaved") && $0.contains("not saved: database or disk is full")
        }
        #expect(failing.contains("retrying in"), "no retry countdown:\n\(failing)")
        #expect(try checkedTicks(state: state, incidentID: incidentID).isEmpty, "the tick reached the database on a full disk")

        disk.removeFiller()
        let saved = try session.waitFor(timeout: .seconds(15), "the unsaved marker gone after space returned") {
            $0.contains("[x]") && !$0.contains("unsaved") && !$0.contains("not saved")
        }
        #expect(!saved.contains("⟳"))
        #expect(try checkedTicks(state: state, incidentID: incidentID).count == 1, "the retried tick is not in the database")
        try session.type("q")
        try waitUntilGone(pid)
        #expect(try exitStatus(session) == 0)
        #expect(try integrityCheck(state: state) == "ok")
    }

    @Test func quittingWhileTheDiskIsFullPrintsWhatWasNotSavedAndFails() throws {
        guard let disk = try Tmpfs.mount(size: "2m") else { return }
        defer { disk.unmount() }
        let state = disk.path + "/state"
        let incidentID = try declareIncident(state: state)
        let session = try shellSession()
        defer { session.kill() }
        let pid = try startTriage(in: session, state: state)
        try session.waitFor(incidentID)
        try disk.fill()
        try session.type("5")
        try session.type(" ")
        try session.waitFor(timeout: .seconds(15), "the tick unsaved") { $0.contains("not saved: database or disk is full") }
        try session.type("q")
        try waitUntilGone(pid, timeout: .seconds(20))
        let screen = try session.waitFor(timeout: .seconds(5), "the unsaved report after the screen") { $0.contains("NOT saved") }
        #expect(screen.contains("\(incidentID) tick"), "the report does not name the tick:\n\(screen)")
        #expect(screen.contains("database or disk is full"))
        #expect(try exitStatus(session) == 4, "quitting with unsaved changes must fail")
        try assertTerminalRestored(session)
        disk.removeFiller()
        #expect(try checkedTicks(state: state, incidentID: incidentID).isEmpty)
    }

    // MARK: Read-only

    /// A state directory that is read-only at start-up (the kernel refuses to remount a file system
    /// read-only while a database on it is open for writing, so this is how it meets triage): the
    /// dashboard starts, says why the incident pane is empty, keeps trying, and works once writable.
    @Test func aReadOnlyStateDirectoryAtStartUpIsShownAndRetried() throws {
        guard let disk = try Tmpfs.mount(size: "4m") else { return }
        defer { disk.unmount() }
        let state = disk.path + "/state"
        let incidentID = try declareIncident(state: state)
        try disk.remount(readOnly: true)
        let session = try shellSession()
        defer { session.kill() }
        let pid = try startTriage(in: session, state: state)
        let blocked = try session.waitFor(timeout: .seconds(10), "the open failure in the incident pane") {
            $0.contains("cannot open the incident database")
        }
        #expect(!blocked.contains(incidentID))
        try session.waitFor(timeout: .seconds(10), "the retry countdown") { $0.contains("read-only file system") && $0.contains("retrying in") }
        // Keys are answered while the store cannot be opened.
        try session.type("?")
        try session.waitFor(timeout: .seconds(5), "help") { $0.contains("triage keys") }
        try session.send("Escape")

        try disk.remount(readOnly: false)
        try session.waitFor(timeout: .seconds(20), "the incident once the directory is writable") { $0.contains(incidentID) }
        try session.type("5")
        try session.type(" ")
        try session.waitFor(timeout: .seconds(10), "the tick saved") { $0.contains("[x]") && !$0.contains("unsaved") }
        #expect(try checkedTicks(state: state, incidentID: incidentID).count == 1)
        try session.type("q")
        try waitUntilGone(pid)
        #expect(try exitStatus(session) == 0)
    }

    // MARK: Locked

    /// Another process holds the write lock for 10 s: keys are answered at once, the tick shows
    /// unsaved with the lock as the reason, and it commits after the lock goes.
    @Test func aDatabaseLockedFor10SecondsDoesNotStallKeysAndTheTickCommitsAfter() throws {
        let state = NSTemporaryDirectory() + "triage-e2e-locked-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let incidentID = try declareIncident(state: state)
        let session = try shellSession()
        defer { session.kill() }
        let pid = try startTriage(in: session, state: state)
        try session.waitFor(incidentID)

        let holder = try WriteLockHolder(path: state + "/incidents.sqlite", seconds: 10)
        defer { holder.end() }
        let locked = ContinuousClock.now
        try session.type("5")
        try session.type(" ")
        try session.waitFor(timeout: .seconds(4), "the tick shown at once, unsaved") { $0.contains("[x] ⟳ unsaved") }
        try session.type("j")
        try session.type("?")
        try session.waitFor(timeout: .seconds(4), "help while locked") { $0.contains("triage keys") }
        #expect(locked.duration(to: .now) < .seconds(9), "keys waited for the lock")
        try session.send("Escape")
        try session.waitFor(timeout: .seconds(8), "the lock named as the reason") { $0.contains("not saved: locked by another process") }
        #expect(try checkedTicks(state: state, incidentID: incidentID).isEmpty)
        #expect(holder.isHolding, "the lock was released early: the test proves nothing")

        try session.waitFor(timeout: .seconds(25), "the tick saved after the lock") { $0.contains("[x]") && !$0.contains("unsaved") }
        #expect(locked.duration(to: .now) >= .seconds(9), "saved while the lock was held?")
        #expect(try checkedTicks(state: state, incidentID: incidentID).count == 1)
        try session.type("q")
        try waitUntilGone(pid)
        #expect(try exitStatus(session) == 0)
    }

    // MARK: SIGHUP

    /// SIGHUP while ticks are committing, a bounded number of rounds, each on a new incident: the
    /// database stays whole, every tick the screen showed as saved is in it, triage exits 0 and the
    /// terminal is restored.
    @Test func sighupWhileTicksCommitLosesNothingShownSaved() throws {
        let state = NSTemporaryDirectory() + "triage-e2e-sighup-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let session = try shellSession()
        defer { session.kill() }
        var comparedTicks = 0
        for round in 0..<4 {
            let incidentID = try declareIncident(state: state, title: "round \(round)")
            let pid = try startTriage(in: session, state: state)
            try session.waitFor(incidentID)
            try session.type("5")
            try session.waitFor(timeout: .seconds(5), "the incident pane focused") { $0.contains("┏━ 5 Incident") }
            // Tick down the checklist; HUP lands right after a tick was typed, while it commits,
            // after a different number of ticks each round.
            let earlier = round * 2
            for _ in 0..<earlier { try session.send("j", "Space") }
            if earlier > 0 {
                // Some j land on section and command rows: wait for any tick, saved, on screen.
                try session.waitFor(timeout: .seconds(5), "ticks on screen") { $0.contains("[x]") && !$0.contains("Investigating · 0/") && !$0.contains("unsaved") }
            }
            try session.send("j", "Space")
            let shown = try session.capture()
            #expect(Foundation.kill(pid, SIGHUP) == 0)
            try waitUntilGone(pid, timeout: .seconds(15))
            // Keys typed after the HUP reach the shell: clear its line before asking it anything.
            try session.send("C-u")
            #expect(try exitStatus(session) == 0, "round \(round): exit status")
            try assertTerminalRestored(session)
            #expect(try integrityCheck(state: state) == "ok")
            let stored = try tickLabels(state: state, incidentID: incidentID)
            for line in shown.split(separator: "\n") where line.contains("[x]") && !line.contains("unsaved") {
                guard let text = line.components(separatedBy: "[x] ").last?.components(separatedBy: "  ✓").first?
                    .trimmingCharacters(in: .whitespaces).prefix(20), !text.isEmpty else { continue }
                #expect(stored.contains { $0.hasPrefix(text) }, "round \(round): shown saved but not stored: \(text)")
                comparedTicks += 1
            }
            try session.tmux(["clear-history", "-t", session.name])
            try session.type("clear")
            try session.send("Enter")
        }
        #expect(comparedTicks > 0, "no tick was on screen before any HUP: the test compared nothing")
    }

    // MARK: Helpers

    func shellSession() throws -> TmuxSession {
        let session = try TmuxSession(width: 200, height: 50, command: "env PS1='$ ' bash --norc --noprofile",
                                      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e"])
        try session.waitFor("$")
        return session
    }

    func startTriage(in session: TmuxSession, state: String) throws -> Int32 {
        try session.type("\(binary) --state \(state)")
        try session.send("Enter")
        try session.waitFor("1 Services")
        let shell = try session.panePID()
        guard let pid = childPIDs(of: shell).first else { throw E2EError("triage is not a child of the pane's shell") }
        return pid
    }

    func declareIncident(state: String, title: String = "checkout 5xx") throws -> String {
        let created = try spawnAndWait(binary, ["incident", "new", "--title", title, "--severity", "P1", "--state", state], captureOutput: true)
        guard created.status == 0 else { throw E2EError("incident new failed: \(created.output)") }
        return created.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func waitUntilGone(_ pid: Int32, timeout: Duration = .seconds(10)) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !isAlive(pid) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError("triage (pid \(pid)) did not exit")
    }

    /// The shell's `$?` after triage exited.
    func exitStatus(_ session: TmuxSession) throws -> Int32? {
        let tag = UInt32.random(in: 0..<UInt32.max)
        try session.type("echo \"EXIT-$?-\(tag)\"")
        try session.send("Enter")
        let screen = try session.waitFor(timeout: .seconds(5), "the exit status") { $0.range(of: "EXIT-[0-9]+-\(tag)", options: .regularExpression) != nil }
        guard let range = screen.range(of: "EXIT-[0-9]+-\(tag)", options: .regularExpression) else { return nil }
        return Int32(screen[range].split(separator: "-")[1])
    }

    func assertTerminalRestored(_ session: TmuxSession) throws {
        let file = NSTemporaryDirectory() + "triage-e2e-stty-\(getpid())-\(UInt32.random(in: 0..<UInt32.max)).txt"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try session.type("stty -a > \(file); echo STTY-$((40+2))-DONE")
        try session.send("Enter")
        try session.waitFor("STTY-42-DONE")
        let flags = Set(try String(contentsOfFile: file, encoding: .utf8).split(whereSeparator: { " ;\n".contains($0) }).map(String.init))
        #expect(flags.contains("icanon") && !flags.contains("-icanon"), "canonical mode not restored")
        #expect(flags.contains("echo") && !flags.contains("-echo"), "echo not restored")
    }

    func checkedTicks(state: String, incidentID: String) throws -> [String] {
        try sqlite(state, "SELECT itemKey FROM checklistTick WHERE incidentID = ? AND checked = 1", incidentID)
    }

    func tickLabels(state: String, incidentID: String) throws -> [String] {
        try sqlite(state, "SELECT text FROM timelineEvent WHERE incidentID = ? AND kind = 'tick'", incidentID)
    }

    func integrityCheck(state: String) throws -> String {
        try sqlite(state, "PRAGMA integrity_check").joined(separator: "; ")
    }

    /// A second process reading the database (python3's sqlite3, read-only), one row a line.
    func sqlite(_ state: String, _ sql: String, _ parameters: String...) throws -> [String] {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True, timeout=10)
            for row in c.execute(sys.argv[2], sys.argv[3:]):
                print('|'.join(str(v) for v in row))
            """
        let result = try spawnAndWait("/usr/bin/python3", ["-c", script, state + "/incidents.sqlite", sql] + parameters, captureOutput: true)
        guard result.status == 0 else { throw E2EError("sqlite read failed (\(result.status)): \(result.output)") }
        return result.output.split(separator: "\n").map(String.init)
    }
}

/// A tmpfs of a given size mounted on a fresh temporary directory (root only), unmounted by `unmount`.
struct Tmpfs {
    let path: String

    /// Nil, with the reason recorded as an issue, when mounting is not permitted here.
    static func mount(size: String) throws -> Tmpfs? {
        let path = NSTemporaryDirectory() + "triage-e2e-tmpfs-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let result = try spawnAndWait("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", path], captureOutput: true)
        guard result.status == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            Issue.record("mounting a tmpfs is not permitted here (needs root): \(result.output)")
            return nil
        }
        return Tmpfs(path: path)
    }

    func remount(readOnly: Bool) throws {
        let result = try spawnAndWait("/usr/bin/mount", ["-o", readOnly ? "remount,ro" : "remount,rw", path], captureOutput: true)
        guard result.status == 0 else { throw E2EError("remount \(readOnly ? "ro" : "rw") failed: \(result.output)") }
    }

    var fillerPath: String { path + "/filler" }

    /// Fills every free byte with a filler file (dd stops at ENOSPC).
    func fill() throws {
        _ = try spawnAndWait("/usr/bin/dd", ["if=/dev/zero", "of=\(fillerPath)", "bs=4096"], captureOutput: true)
        var info = statvfs()
        guard statvfs(path, &info) == 0, info.f_bavail == 0 else { throw E2EError("the tmpfs still has free space after the fill") }
    }

    func removeFiller() { try? FileManager.default.removeItem(atPath: fillerPath) }

    func unmount() {
        _ = try? spawnAndWait("/usr/bin/mount", ["-o", "remount,rw", path], captureOutput: true)
        if (try? spawnAndWait("/usr/bin/umount", [path], captureOutput: true).status) != 0 {
            _ = try? spawnAndWait("/usr/bin/umount", ["-l", path], captureOutput: true)
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Holds SQLite's write lock on a database from another process (python3, BEGIN IMMEDIATE) for a
/// fixed time; `end` kills it by PID.
final class WriteLockHolder {
    let process = Process()
    init(path: String, seconds: Double) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
            c.execute('BEGIN IMMEDIATE')
            print('holding', flush=True)
            time.sleep(float(sys.argv[2]))
            c.execute('ROLLBACK')
            """, path, "\(seconds)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let line = pipe.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).contains("holding") else {
            end()
            throw E2EError("the lock holder did not start")
        }
    }
    var isHolding: Bool { process.isRunning }
    func end() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
