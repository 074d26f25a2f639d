import Foundation
import Testing

/// Issue 11, end to end: a paste drives nothing. The real binary runs in a private tmux server;
/// `paste-buffer -p` sends a paste the way a terminal does when the program asked for bracketed
/// paste (inside `ESC[200~` … `ESC[201~`), and plain `paste-buffer` the way a terminal without it
/// does (the bytes alone, all at once). The incident's runbook has one command, which leaves a file
/// behind when it runs.
@Suite(.serialized) struct PasteEndToEndTests {
    let binary = TmuxSession.triageBinary
    let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e"]

    /// The paste from the issue: a note, then `x` (run the selected command), `yes` and Enter.
    static let notePaste = "root cause: disk\nxyes\n"

    /// An open incident whose runbook's only command creates `ran` when it runs; destructive (it
    /// starts with `rm`, so running it needs `yes` typed) or not (`y` is enough).
    struct Drill {
        let dir: FaultDirectory
        let state: String
        let ran: String
        let config: String

        init(destructive: Bool, binary: String) throws {
            dir = try FaultDirectory("paste")
            state = dir.file("state")
            ran = dir.file("RAN")
            let code = destructive ? "rm -f \(dir.file("victim")) && touch \(ran)" : "touch \(ran)"
            try dir.write("drill.md", """
                # Paste drill

                ## Detection

                - [ ] Find what is down

                ```sh
                \(code)
                ```

                """)
            try dir.write("triage.yaml", "refresh: 1s\n")
            config = dir.file("triage.yaml")
            let created = try spawnAndWait(binary, ["incident", "new", "--title", "paste drill", "--severity", "P2",
                                                    "--runbook", dir.file("drill.md"), "--state", state], captureOutput: true)
            guard created.status == 0 else { throw E2EError("incident new failed: \(created.output)") }
        }

        var commandRan: Bool { FileManager.default.fileExists(atPath: ran) }

        /// The incident's timeline as `triage export timeline --format json` prints it.
        func timeline(_ binary: String) throws -> [[String: String]] {
            let output = try spawnAndWait(binary, ["export", "timeline", "--format", "json", "--state", state, "--no-record"], captureOutput: true).output
            let document = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let events = document?["events"] as? [[String: Any]] ?? []
            return events.map { $0.compactMapValues { $0 as? String } }
        }

        /// The timeline once `done` holds for it, read again (up to 10 s) until then: the dashboard
        /// shows a note at once and commits it on its writer's thread, so an export read just after
        /// the screen showed it may not have it yet on a loaded machine.
        func timeline(_ binary: String, once done: ([[String: String]]) -> Bool) throws -> [[String: String]] {
            let deadline = ContinuousClock.now + .seconds(10)
            var events = try timeline(binary)
            while !done(events), ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.1)
                events = try timeline(binary)
            }
            return events
        }
    }

    /// triage on the drill's incident, the Incident pane focused and its command row selected
    /// (Enter on it shows the command, which proves the selection).
    func startOnTheCommand(_ drill: Drill) throws -> TmuxSession {
        let session = try TmuxSession(width: 120, height: 40, command: "\(binary) --config \(drill.config) --state \(drill.state)",
                                      environment: environment.merging(["TRIAGE_STATE": drill.state]) { $1 })
        try session.waitFor(timeout: .seconds(15), "the drill incident") { $0.contains("Find what is down") && $0.contains("1 Services") }
        try session.type("5")
        try session.waitFor(timeout: .seconds(5), "the Incident pane focused") { $0.contains("┏━ 5 Incident") }
        try session.type("G")
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(5), "the command shown") { $0.contains("┏━ Command") }
        try session.send("Escape")
        try session.waitFor(timeout: .seconds(5), "the command closed") { !$0.contains("┏━ Command") && $0.contains("┏━ 5 Incident") }
        return session
    }

    /// Opens the note prompt (the command row stays selected).
    func openNotePrompt(_ session: TmuxSession) throws {
        try session.type("n")
        try session.waitFor(timeout: .seconds(5), "the note prompt") { $0.contains("Note for the timeline") }
    }

    /// Pastes `text` into the pane; `bracketed` is tmux's -p: the markers go around it when the
    /// program asked for bracketed paste. tmux sends a line feed as CR, as a terminal does.
    func paste(_ text: String, into session: TmuxSession, bracketed: Bool) throws {
        try session.tmux(["set-buffer", "-b", "e2e-paste", text])
        try session.tmux(["paste-buffer", "-d", "-b", "e2e-paste", "-t", session.name] + (bracketed ? ["-p"] : []))
    }

    /// Types one key and waits until the screen shows what it did: a person's pace, one key a read.
    func typeSlowly(_ session: TmuxSession, _ key: String, until what: String, _ predicate: (String) -> Bool) throws {
        if key == "Enter" { try session.send("Enter") } else { try session.type(key) }
        try session.waitFor(timeout: .seconds(5), what, predicate)
    }

    // MARK: Bracketed paste

    /// The issue's paste into the note prompt with a destructive command selected: the note holds
    /// the pasted text (one line), nothing runs, and the timeline shows the note and no command.
    @Test func aPasteIntoTheNotePromptIsTextAndRunsNothing() throws {
        let drill = try Drill(destructive: true, binary: binary)
        defer { drill.dir.remove() }
        let session = try startOnTheCommand(drill)
        defer { session.kill() }
        try openNotePrompt(session)
        try paste(Self.notePaste, into: session, bracketed: true)
        // Before the fix the paste ran the command ("running: rm -f …").
        let shown = try session.waitFor(timeout: .seconds(5), "the pasted text in the prompt, or the command run") {
            $0.contains("› root cause: disk xyes▏") || $0.contains("running:") || $0.contains("Run this command?")
        }
        #expect(shown.contains("› root cause: disk xyes▏"), "the paste is not in the prompt:\n\(shown)")
        // Time for anything the paste might have set off.
        Thread.sleep(forTimeInterval: 1.5)
        let screen = try session.capture()
        #expect(screen.contains("Note for the timeline"), "the prompt closed:\n\(screen)")
        #expect(!screen.contains("Run this command?"), "the paste opened the run confirmation:\n\(screen)")
        #expect(!drill.commandRan, "the pasted x and yes ran the command")
        // Enter, typed: the note is saved as pasted.
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(5), "the prompt closed") { !$0.contains("Note for the timeline") }
        try session.type("T")
        // Cut at the pane's edge here (the kind column is as wide as its longest kind); the export
        // below has it whole.
        try session.waitFor(timeout: .seconds(10), "the note on the timeline") {
            $0.range(of: #"note +e2e +root cause: dis"#, options: .regularExpression) != nil
        }
        Thread.sleep(forTimeInterval: 1)
        #expect(!drill.commandRan, "the command ran")
        let events = try drill.timeline(binary) { $0.contains { $0["kind"] == "note" } }
        #expect(events.contains { $0["kind"] == "note" && $0["text"] == "root cause: disk xyes" }, "timeline: \(events)")
        #expect(!events.contains { $0["kind"] == "command" }, "a command is on the timeline: \(events)")
    }

    /// A paste with no prompt open acts on nothing (its `z` would zoom, `x` open the run
    /// confirmation, `q` quit) and says so.
    @Test func aPasteOutsideAPromptIsIgnoredWithANotice() throws {
        let drill = try Drill(destructive: false, binary: binary)
        defer { drill.dir.remove() }
        let session = try startOnTheCommand(drill)
        defer { session.kill() }
        let pid = try triagePID(under: session)
        try paste("zjxyes\nq", into: session, bracketed: true)
        try session.waitFor(timeout: .seconds(5), "the notice") { $0.contains("paste ignored: press n to add a note") }
        Thread.sleep(forTimeInterval: 1)
        let screen = try session.capture()
        #expect(isAlive(pid), "the pasted q quit triage")
        #expect(screen.contains("6 Host") && screen.contains("┏━ 5 Incident"), "the pasted z zoomed or moved the focus:\n\(screen)")
        #expect(!screen.contains("Run this command?"), "the pasted x opened the confirmation:\n\(screen)")
        #expect(!drill.commandRan)
        // Keys still work after it.
        try session.type("6")
        try session.waitFor(timeout: .seconds(5), "focus on Host") { $0.contains("┏━ 6 Host") }
    }

    /// A paste cut off mid-way (its end marker never comes, as when the connection drops): after a
    /// moment of quiet the prompt holds what came, with a warning, and typed keys are keys again.
    @Test func aPasteWhoseEndNeverComesLetsInputRecover() throws {
        let drill = try Drill(destructive: true, binary: binary)
        defer { drill.dir.remove() }
        let session = try startOnTheCommand(drill)
        defer { session.kill() }
        try openNotePrompt(session)
        // The start marker and half a line, and no end marker: sent as raw bytes (no -p).
        try paste("\u{1B}[200~half a line\nxyes", into: session, bracketed: false)
        try session.waitFor(timeout: .seconds(5), "the cut paste taken into the prompt") {
            $0.contains("› half a line xyes▏") && $0.contains("cut off")
        }
        #expect(!drill.commandRan)
        try session.type(" more")
        try session.waitFor(timeout: .seconds(5), "typed keys in the prompt") { $0.contains("› half a line xyes more▏") }
        try session.send("Enter")
        try session.type("T")
        try session.waitFor(timeout: .seconds(10), "the note on the timeline") { $0.range(of: #"note +e2e +half a line xy"#, options: .regularExpression) != nil }
        #expect(!drill.commandRan)
        let events = try drill.timeline(binary) { $0.contains { $0["kind"] == "note" } }
        #expect(events.contains { $0["kind"] == "note" && $0["text"] == "half a line xyes more" }, "timeline: \(events)")
    }

    // MARK: Without bracketed paste

    /// A terminal without bracketed paste: the issue's paste arrives as keys, all in one read. The
    /// note line is taken as typed and `x` opens the confirmation, but the `yes` (or `y`) and Enter
    /// of the same read do not answer it. Then the same confirmation typed a key at a time does run
    /// the command, so the file check above could fail.
    @Test(arguments: [true, false])
    func aBurstWithoutBracketedPasteDoesNotAnswerTheConfirmation(destructive: Bool) throws {
        let drill = try Drill(destructive: destructive, binary: binary)
        defer { drill.dir.remove() }
        let session = try startOnTheCommand(drill)
        defer { session.kill() }
        try openNotePrompt(session)
        try paste(destructive ? Self.notePaste : "root cause: disk\nxy", into: session, bracketed: false)
        let screen = try session.waitFor(timeout: .seconds(5), "the confirmation cancelled, or the command run") {
            $0.contains("not confirmed: it came with other keys") || $0.contains("running:")
        }
        #expect(screen.contains("not confirmed: it came with other keys"), "the confirmation was not cancelled:\n\(screen)")
        #expect(!screen.contains("Run this command?"))
        Thread.sleep(forTimeInterval: 1)
        #expect(!drill.commandRan, "the burst answered the confirmation and ran the command")
        var events = try drill.timeline(binary) { $0.contains { $0["kind"] == "note" } }
        #expect(events.contains { $0["kind"] == "note" && $0["text"] == "root cause: disk" }, "timeline: \(events)")
        #expect(!events.contains { $0["kind"] == "command" }, "a command is on the timeline: \(events)")

        // Typed at a person's pace, the same confirmation is answered.
        try typeSlowly(session, "x", until: "the confirmation") { $0.contains("Run this command?") }
        if destructive {
            try typeSlowly(session, "y", until: "y typed") { $0.contains("› y▏") }
            try typeSlowly(session, "e", until: "ye typed") { $0.contains("› ye▏") }
            try typeSlowly(session, "s", until: "yes typed") { $0.contains("› yes▏") }
            try typeSlowly(session, "Enter", until: "the command started") { $0.contains("running:") }
        } else {
            try typeSlowly(session, "y", until: "the command started") { $0.contains("running:") }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, !drill.commandRan { Thread.sleep(forTimeInterval: 0.1) }
        #expect(drill.commandRan, "the typed confirmation did not run the command")
        // Its output goes to the timeline once it has finished.
        events = try drill.timeline(binary) { $0.contains { $0["kind"] == "command" } }
        #expect(events.contains { $0["kind"] == "command" }, "timeline: \(events)")
    }

    // MARK: Leaving the terminal as it was

    enum Exit: String, CaseIterable, CustomTestStringConvertible {
        case quit, sigterm, crash, suspend
        var testDescription: String { rawValue }
    }

    /// Runs a command in the pane's shell and waits for it to finish.
    func shell(_ session: TmuxSession, _ command: String) throws {
        let tag = "DONE-\(UInt32.random(in: 0..<UInt32.max))"
        try session.type("\(command); echo \(tag)-$((1+1))")
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(10), "\(command) done") { $0.contains("\(tag)-2") }
    }

    /// Pastes `text` (tmux -p) into `cat -v` run by the pane's shell and returns what cat read:
    /// `^[[200~TEXT^[[201~` when the terminal still has bracketed paste on, `TEXT` when it is off.
    func pasteIntoCat(_ session: TmuxSession, _ text: String, file: String) throws -> String {
        try session.type("cat -v > \(file)")
        try session.send("Enter")
        let shell = try session.panePID()
        let deadline = ContinuousClock.now + .seconds(5)
        func catRunning() -> Bool {
            descendants(of: shell).contains { (try? String(contentsOfFile: "/proc/\($0)/comm", encoding: .utf8))?.hasPrefix("cat") == true }
        }
        while ContinuousClock.now < deadline, !catRunning() { Thread.sleep(forTimeInterval: 0.05) }
        guard catRunning() else { throw E2EError("cat did not start") }
        try paste(text, into: session, bracketed: true)
        try session.send("Enter")
        try session.send("C-d")
        let end = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < end, catRunning() { Thread.sleep(forTimeInterval: 0.05) }
        return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }

    func triagePID(under session: TmuxSession) throws -> Int32 {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            let pane = try session.panePID()
            if let pid = ([pane] + descendants(of: pane)).first(where: {
                (try? String(contentsOfFile: "/proc/\($0)/comm", encoding: .utf8))?.hasPrefix("triage") == true
            }) { return pid }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError("no triage under the pane's shell")
    }

    /// The process state letter from /proc (`T` stopped).
    func processState(_ pid: Int32) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(close, offsetBy: 2)]
    }

    /// Every bracketed-paste switch in the recorded bytes, in order: true for on (`ESC[?2004h`).
    static func pasteModeSwitches(_ bytes: [UInt8]) -> [Bool] {
        let prefix = Array("\u{1B}[?2004".utf8)
        var switches: [Bool] = []
        var index = 0
        while index + prefix.count < bytes.count {
            if Array(bytes[index..<(index + prefix.count)]) == prefix {
                let last = bytes[index + prefix.count]
                if last == UInt8(ascii: "h") { switches.append(true) } else if last == UInt8(ascii: "l") { switches.append(false) }
                index += prefix.count
            } else {
                index += 1
            }
        }
        return switches
    }

    /// However triage gives the terminal back (q, SIGTERM, a crash, Ctrl-Z), bracketed paste is off:
    /// the bytes it wrote end with `ESC[?2004l`, and a paste into the next program arrives without
    /// markers. After `fg` from Ctrl-Z it is on again: a paste is ignored as a paste.
    @Test(arguments: Exit.allCases)
    func bracketedPasteIsOffWhenTheShellHasTheTerminal(exit: Exit) throws {
        let dir = try FaultDirectory("paste-exit")
        defer { dir.remove() }
        try dir.write("triage.yaml", "refresh: 1s\n")
        // dash: no line editor of its own that would switch bracketed paste on for its prompt.
        let session = try TmuxSession(width: 120, height: 40, command: "env PS1='$ ' /bin/sh -i", environment: environment)
        defer { session.kill() }
        try session.waitFor("$")
        // Control: with the mode on, the paste reaches cat inside the markers, so the check can fail.
        try shell(session, #"printf '\033[?2004h'"#)
        let control = try pasteIntoCat(session, "CONTROL-PASTE", file: dir.file("control.txt"))
        #expect(control.contains("^[[200~CONTROL-PASTE^[[201~"), "tmux did not bracket the control paste: \(control.debugDescription)")
        try shell(session, #"printf '\033[?2004l'"#)

        let recording = dir.file("terminal.bytes")
        try session.tmux(["pipe-pane", "-o", "-t", session.name, "cat >> '\(recording)'"])
        try session.type("'\(binary)' --config '\(dir.file("triage.yaml"))' --state '\(dir.file("state"))'")
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(15), "the dashboard") { $0.contains("1 Services") && $0.contains("6 Host") }
        let pid = try triagePID(under: session)
        switch exit {
        case .quit: try session.type("q")
        case .sigterm: #expect(kill(pid, SIGTERM) == 0)
        case .crash: #expect(kill(pid, SIGABRT) == 0)
        case .suspend: try session.send("C-z")
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, exit == .suspend ? processState(pid) != "T" : isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(exit == .suspend ? processState(pid) == "T" : !isAlive(pid), "triage did not \(exit == .suspend ? "stop" : "exit")")
        // The shell has the terminal again once it has said so.
        if exit == .suspend { try session.waitFor(timeout: .seconds(10), "the job stopped") { $0.contains("Stopped") } }
        try shell(session, "echo back")

        let after = try pasteIntoCat(session, "AFTER-PASTE", file: dir.file("after.txt"))
        #expect(after.contains("AFTER-PASTE"), "the paste did not reach cat: \(after.debugDescription)")
        #expect(!after.contains("[200~") && !after.contains("[201~"), "bracketed paste was left on after \(exit): \(after.debugDescription)")
        var bytes = Array((try? Data(contentsOf: URL(fileURLWithPath: recording))) ?? Data())
        #expect(Self.pasteModeSwitches(bytes).first == true, "triage never switched bracketed paste on")
        #expect(Self.pasteModeSwitches(bytes).last == false, "the last bracketed-paste switch is not off: \(Self.pasteModeSwitches(bytes))")

        guard exit == .suspend else { return }
        try session.type("fg")
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(10), "the dashboard again") { $0.contains("1 Services") && $0.contains("6 Host") }
        try session.type("6")
        try session.waitFor(timeout: .seconds(5), "focus on Host") { $0.contains("┏━ 6 Host") }
        try paste("zq", into: session, bracketed: true)
        try session.waitFor(timeout: .seconds(5), "the paste taken as a paste after fg") { $0.contains("paste ignored") }
        #expect(isAlive(pid))
        try session.type("q")
        let end = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < end, isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!isAlive(pid))
        bytes = Array((try? Data(contentsOf: URL(fileURLWithPath: recording))) ?? Data())
        #expect(Self.pasteModeSwitches(bytes) == [true, false, true, false], "switches: \(Self.pasteModeSwitches(bytes))")
    }
}
