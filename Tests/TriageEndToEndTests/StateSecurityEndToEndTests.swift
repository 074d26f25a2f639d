import Foundation
import Testing

/// What triage leaves on disk, end to end: secrets never reach the database or an export
/// unredacted, every file in the state directory is 0600 and every directory 0700 (under umask 000
/// and over a state directory someone left open), and a wall sent every state-changing key leaves
/// the database byte for byte as it was.
@Suite(.serialized) struct StateSecurityEndToEndTests {
    let binary = TmuxSession.triageBinary

    /// Secret values planted on every path; none may be found in any file triage writes.
    static let secrets = ["TITLESECRET1", "URLPASS1", "URLTOKEN1", "HDRTOKEN1", "CMDSECRET1", "CMDTOKEN1", "CMDPASS1", "NOTESECRET1", "NOTETOKEN1"]

    /// Runs `triage ARGS` under `umask 000` (through sh, which only sets the umask and execs).
    func triageUnderOpenUmask(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try spawnAndWait("/bin/sh", ["-c", "umask 000; exec \"$0\" \"$@\"", binary] + arguments, captureOutput: true)
    }

    /// Every path under `root` (root included) with its permission bits.
    static func modes(under root: String) -> [(path: String, mode: mode_t, isDirectory: Bool)] {
        var result: [(String, mode_t, Bool)] = []
        func visit(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            let isDirectory = info.st_mode & S_IFMT == S_IFDIR
            result.append((path, info.st_mode & 0o7777, isDirectory))
            if isDirectory {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] { visit(path + "/" + name) }
            }
        }
        visit(root)
        return result
    }

    static func expectPrivate(_ root: String, _ moment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let entries = modes(under: root)
        #expect(entries.count >= 2, "nothing under \(root)", sourceLocation: sourceLocation)
        for entry in entries {
            let wanted: mode_t = entry.isDirectory ? 0o700 : 0o600
            #expect(entry.mode == wanted, "\(moment): \(entry.path) is \(String(entry.mode, radix: 8)), not \(String(wanted, radix: 8))",
                    sourceLocation: sourceLocation)
        }
    }

    /// Every secret found in any file under `root`, as "file: SECRET".
    static func leaks(under root: String, extra: [String] = []) -> [String] {
        var found: [String] = []
        for entry in modes(under: root) where !entry.isDirectory {
            found += leaks(in: entry.path)
        }
        for path in extra { found += leaks(in: path) }
        return found
    }

    static func leaks(in path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let bytes = Array(data)
        return secrets.filter { SecurityEndToEndTests.contains(bytes, Array($0.utf8)) }.map { "\(path): \($0)" }
    }

    enum StartingState: String, CaseIterable, Sendable { case fresh, openDirectoryLeftBehind }

    @Test(arguments: StartingState.allCases)
    func aRealSessionLeavesOnlyPrivateFilesAndNoSecrets(starting: StartingState) throws {
        let dir = NSTemporaryDirectory() + "triage-e2e-files-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let state = dir + "/state/triage"
        if starting == .openDirectoryLeftBehind {
            // A state directory made by hand (or an old version) under umask 000, with an open exports directory.
            try FileManager.default.createDirectory(atPath: state + "/exports", withIntermediateDirectories: true)
            chmod(dir + "/state", 0o777)
            chmod(state, 0o777)
            chmod(state + "/exports", 0o777)
        }
        let runbook = dir + "/runbook.md"
        try """
            # Secrets runbook

            ## Check

            - [ ] Look at the database

            ```sh
            echo "password=CMDSECRET1 Authorization: Bearer CMDTOKEN1 https://ops:CMDPASS1@db.internal/"
            ```
            """.write(toFile: runbook, atomically: true, encoding: .utf8)
        let config = dir + "/triage.yaml"
        try """
            refresh: 1s
            services:
              - name: api
                url: "http://ops:URLPASS1@127.0.0.1:1/health?token=URLTOKEN1"
                headers:
                  Authorization: Bearer HDRTOKEN1
                timeout: 1s
                fail_after: 1
            """.write(toFile: config, atomically: true, encoding: .utf8)

        // Declared from the command line with a token pasted into the title.
        let created = try triageUnderOpenUmask(["incident", "new", "--title", "checkout down token=TITLESECRET1", "--severity", "P1",
                                                "--runbook", runbook, "--state", state])
        #expect(created.status == 0, "incident new: \(created.output)")

        let session = try TmuxSession(width: 120, height: 40, command: "env PS1='$ ' bash --norc --noprofile",
                                      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e", "TRIAGE_STATE": state])
        defer { session.kill() }
        try session.waitFor("$")
        try session.tmux(["set-option", "-s", "set-clipboard", "on"])
        try session.type("umask 000; exec '\(binary)' --config '\(config)' --state '\(state)'")
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(15), "the incident") { $0.contains("checkout down") && $0.contains("1 Services") }
        // The service (bad port, secret URL and header) goes down: a probe event on the timeline.
        try session.waitFor(timeout: .seconds(15), "the service down") { $0.contains("api") && $0.contains("CRIT") || $0.contains("✖") }
        // Tick the item, add a note with secrets, run the runbook command whose output holds secrets.
        try session.type("5")
        try session.type(" ")
        try session.waitFor(timeout: .seconds(5), "the tick") { $0.contains("[x]") }
        try session.type("n")
        try session.waitFor(timeout: .seconds(5), "the note prompt") { $0.lowercased().contains("note") }
        try session.type("db password=NOTESECRET1, header Bearer NOTETOKEN1")
        try session.send("Enter")
        try session.type("G")
        try session.type("x")
        try session.waitFor(timeout: .seconds(5), "the run confirmation") { $0.contains("Run this command?") }
        try session.type("y")
        // A key in the same read as another cannot answer a confirmation (paste protection): wait
        // for the question to go before the next key, as a person would.
        try session.waitFor(timeout: .seconds(5), "the confirmation answered") { !$0.contains("Run this command?") }
        try session.type("T")
        try session.waitFor(timeout: .seconds(15), "the command on the timeline") {
            $0.range(of: #"command +e2e"#, options: .regularExpression) != nil
        }
        // Issue a status update: saved under exports/ and recorded.
        try session.type("y")
        try session.waitFor("Status update #1")
        try session.send("Enter")
        // Before the first probe round the built-in layout leaves `[Impact]`: Enter asks first.
        let answer = try session.waitFor(timeout: .seconds(5), "sent notice or question") {
            $0.contains("sent to the terminal as OSC 52") || $0.contains("unfilled?")
        }
        if answer.contains("unfilled?") { try session.type("y") }
        try session.waitFor(timeout: .seconds(5), "sent notice") { $0.contains("sent to the terminal as OSC 52") }
        Thread.sleep(forTimeInterval: 2)  // a few probe rounds and timer checks on disk
        // Checked while triage still runs: the -wal and -shm files exist now.
        Self.expectPrivate(state, "\(starting) while running")
        let pid = try session.panePID()
        try session.type("q")
        let end = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < end, isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }

        // Every export, to stdout and to files (under the open umask), holds no secret either.
        var outputs: [String] = []
        for (kind, format) in [("status", "markdown"), ("postmortem", "markdown"), ("timeline", "json"), ("timeline", "markdown"), ("resolution", "markdown")] {
            let file = state + "/exports/\(kind)-\(format).out"
            let written = try triageUnderOpenUmask(["export", kind] + (kind == "postmortem" ? [] : ["--format", format]) + ["--state", state, "--output", file])
            #expect(written.status == 0, "export \(kind) \(format): \(written.output)")
            outputs.append(file)
            let printed = try triageUnderOpenUmask(["export", kind] + (kind == "postmortem" ? [] : ["--format", format]) + ["--state", state, "--no-record"])
            for secret in Self.secrets { #expect(!printed.output.contains(secret), "export \(kind) \(format) printed \(secret)") }
        }
        let timeline = try triageUnderOpenUmask(["export", "timeline", "--format", "json", "--state", state, "--no-record"])
        #expect(timeline.output.contains("****"), "nothing was redacted, so nothing was tested:\n\(timeline.output)")
        #expect(timeline.output.contains("Status update #1 issued"))
        #expect(timeline.output.contains("echo"), "the command run is not on the timeline:\n\(timeline.output)")
        #expect(timeline.output.contains("db password=****"), "the note is not on the timeline redacted:\n\(timeline.output)")
        let shown = try triageUnderOpenUmask(["incident", "show", "--state", state])
        for secret in Self.secrets { #expect(!shown.output.contains(secret), "incident show printed \(secret)") }

        // No secret in any byte of the database, its WAL, or any export; every mode private.
        #expect(Self.leaks(under: state).isEmpty, "secrets on disk: \(Self.leaks(under: state))")
        Self.expectPrivate(state, "\(starting) after the session and the exports")
        let saved = (try? FileManager.default.contentsOfDirectory(atPath: state + "/exports")) ?? []
        #expect(saved.contains { $0.contains("status-update-1") }, "the status update was not saved: \(saved)")
        if starting == .openDirectoryLeftBehind {
            // The parent was the person's own choice: triage tightens only its state directory.
            var info = stat()
            #expect(stat(dir + "/state", &info) == 0 && info.st_mode & 0o777 == 0o777)
        }
    }

    /// Every state-changing key sent to a wall: the database file (and its WAL, if any) stays byte
    /// for byte the same, no export is saved, and the timeline reads the same afterwards.
    @Test func aWallSentEveryStateChangingKeyLeavesTheDatabaseUntouched() throws {
        let state = NSTemporaryDirectory() + "triage-e2e-wallro-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "wall must not write", "--severity", "P2", "--state", state], captureOutput: true)
        #expect(created.status == 0)
        let database = state + "/incidents.sqlite"
        func fingerprint() -> [String: Data] {
            var files: [String: Data] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? [] where name != "incidents.sqlite-shm" {
                files[name] = FileManager.default.contents(atPath: state + "/" + name) ?? Data()
            }
            return files
        }
        let timelineBefore = try spawnAndWait(binary, ["export", "timeline", "--format", "json", "--state", state, "--no-record"], captureOutput: true).output
        let before = fingerprint()
        #expect(before["incidents.sqlite"]?.isEmpty == false)

        let wall = try TmuxSession(width: 120, height: 40, command: "\(binary) wall --state \(state)",
                                   environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e", "TRIAGE_STATE": state])
        defer { wall.kill() }
        try wall.waitFor(timeout: .seconds(10), "the wall") { $0.contains("wall must not write") && $0.contains("READ-ONLY") }
        // Every key that changes state in the interactive dashboard, each followed by what would
        // complete it (text and Enter for prompts, y or "yes" for confirmations).
        let attempts: [[String]] = [
            [" "], ["N", "-l:title", "Enter", "-l:P1", "Enter"], ["n", "-l:note from the wall", "Enter"], ["a"], ["s", "-l:P1", "Enter"],
            ["S", "-l:resolved", "Enter"], ["c", "-l:mallory", "Enter"], ["x", "-l:y"], ["x", "-l:yes", "Enter"], ["y", "Enter"],
            ["Enter"], ["j", " "], ["5", " "], ["5", "n", "-l:note", "Enter"], ["5", "a"],
        ]
        for attempt in attempts {
            for key in attempt {
                if key.hasPrefix("-l:") { try wall.type(String(key.dropFirst(3))) } else { try wall.send(key) }
            }
            Thread.sleep(forTimeInterval: 0.2)
            try wall.send("Escape")
        }
        try wall.type(" ")
        try wall.waitFor(timeout: .seconds(5), "read-only notice") { $0.lowercased().contains("read-only") }
        Thread.sleep(forTimeInterval: 1.5)  // anything a wall might write on its own (timers, probes) has had its chance
        let during = fingerprint()
        let pid = try wall.panePID()
        try wall.type("q")
        let end = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < end, isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!isAlive(pid), "q did not end the wall")
        let after = fingerprint()

        for (name, data) in before {
            #expect(during[name] == data, "\(name) changed while the wall ran")
            #expect(after[name] == data, "\(name) changed after the wall ran")
        }
        // A read-only WAL reader may leave an empty -wal behind; any other new file, or one with bytes, is a write.
        let newFiles = Set(after.keys).subtracting(before.keys).filter { $0 != "incidents.sqlite-wal" || after[$0]?.isEmpty == false }
        #expect(newFiles.isEmpty, "the wall created files: \(newFiles)")
        #expect(!FileManager.default.fileExists(atPath: state + "/exports"), "the wall saved an export")
        let timelineAfter = try spawnAndWait(binary, ["export", "timeline", "--format", "json", "--state", state, "--no-record"], captureOutput: true).output
        #expect(timelineAfter == timelineBefore, "the timeline changed:\n\(timelineAfter)")
        _ = database
    }
}
