import Foundation
import Testing

/// Record an incident with the real dashboard while two command checks break and heal, then replay
/// it with the real binary: the replay is the dashboard's own panes (the Logs pane with a line
/// recorded after a transition), shows the same states in the same order, and refuses keys. An
/// incident recorded before pane recording still replays, on the outage board, saying so.
@Suite(.serialized) struct RecordingReplayEndToEndTests {
    let binary = TmuxSession.triageBinary
    let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e"]

    /// Which of the two checks a screen shows as CRIT (a line naming it with the CRIT label).
    static func failing(_ screen: String) -> Set<String> {
        var names: Set<String> = []
        for line in screen.split(separator: "\n") where line.contains("CRIT") {
            for name in ["backend", "webapp"] where line.contains(name) { names.insert(name) }
        }
        return names
    }

    /// The progress line says "+2m30s of 2m30s": the replay is at the recording's end.
    static func atEnd(_ screen: String) -> Bool {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("replay ") && $0.contains(" of ") }) else { return false }
        let words = line.split(separator: " ")
        guard let of = words.firstIndex(of: "of"), of > 0, of + 1 < words.count else { return false }
        return words[of - 1] == "+" + words[of + 1]
    }

    /// The speed the progress line shows ("20x").
    static func speed(_ screen: String) -> Substring? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("replay ") && $0.contains(" of ") }) else { return nil }
        return line.split(separator: " ").first { $0.hasSuffix("x") && Double($0.dropLast()) != nil }
    }

    /// A fresh directory whose triage.yaml has a command check per name, failing while `<dir>/<name>-down` exists.
    static func workspace(_ label: String, checks: [String], more: String = "") throws -> String {
        let dir = NSTemporaryDirectory() + "triage-e2e-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let entries = checks.map { "  - name: \($0)\n    run: [sh, -c, \"test ! -e \(dir)/\($0)-down\"]\n" }.joined()
        try ("refresh: 500ms\nchecks:\n" + entries + more).write(toFile: dir + "/triage.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    /// Types `q` and waits (bounded) for the pane's process to end.
    static func quit(_ session: TmuxSession, _ what: String) throws {
        let pid = try session.panePID()
        try session.type("q")
        let end = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < end, isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!isAlive(pid), "q did not end the \(what)")
    }

    @Test func aRecordedIncidentReplaysTheSameStatesInTheSameOrder() throws {
        let dir = try Self.workspace("replay", checks: ["backend", "webapp"], more: "logs:\n  - file: app.log\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "starting\n".write(toFile: dir + "/app.log", atomically: true, encoding: .utf8)
        let state = dir + "/state"
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "replay drill", "--severity", "P2", "--state", state], captureOutput: true)
        #expect(created.status == 0)
        let incidentID = created.output.trimmingCharacters(in: .whitespacesAndNewlines)

        // Record: both ok, backend breaks, webapp breaks, backend heals. Each state held 4 s.
        let dashboard = try TmuxSession(
            width: 120, height: 40, command: "\(binary) --config \(dir)/triage.yaml --state \(state)", environment: environment)
        defer { dashboard.kill() }
        try dashboard.waitFor(incidentID, timeout: .seconds(15))
        func wait(for expected: Set<String>, _ what: String) throws {
            try dashboard.waitFor(timeout: .seconds(15), what) { Self.failing($0) == expected && $0.contains("backend") && $0.contains("webapp") }
            Thread.sleep(forTimeInterval: 4)
        }
        try wait(for: [], "both checks ok")
        FileManager.default.createFile(atPath: dir + "/backend-down", contents: nil)
        // A line that arrives after the transition: the recording keeps it with its own time and source.
        // (It names neither check: a screen row naming one beside a CRIT elsewhere would count as failing.)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/app.log"))
        log.seekToEndOfFile()
        log.write(Data("upstream exploded marker-7f3\n".utf8))
        try log.close()
        try wait(for: ["backend"], "backend CRIT")
        FileManager.default.createFile(atPath: dir + "/webapp-down", contents: nil)
        try wait(for: ["backend", "webapp"], "both CRIT")
        try FileManager.default.removeItem(atPath: dir + "/backend-down")
        try wait(for: ["webapp"], "backend healed")
        try Self.quit(dashboard, "dashboard")

        // Replay at 20x: every screen's failing set, in order, without repeats.
        let replay = try TmuxSession(
            width: 120, height: 40, command: "\(binary) replay \(incidentID) --speed 20x --state \(state)", environment: environment)
        defer { replay.kill() }
        var seen: [Set<String>] = []
        var last = ""
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let screen = try replay.capture()
            guard screen.contains("replay ") else { Thread.sleep(forTimeInterval: 0.02); continue }
            let failing = Self.failing(screen)
            if seen.last != failing { seen.append(failing) }
            last = screen
            if screen.contains("  end") { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        // The dashboard's own panes, not the wall's board; the Logs pane has the recorded line.
        for pane in ["1 Services", "4 Logs", "5 Incident"] { #expect(last.contains(pane), "no \(pane) pane in the replay:\n\(last)") }
        #expect(last.contains("marker-7f3"), "the Logs pane lacks the recorded line:\n\(last)")
        let expected: [Set<String>] = [[], ["backend"], ["backend", "webapp"], ["webapp"]]
        // The states shown are the recorded ones, in the recorded order (a state the poll missed at 20x may be absent).
        var position = 0
        for failing in seen {
            guard let index = expected[position...].firstIndex(of: failing) else {
                Issue.record("replay showed \(failing) out of order: \(seen)")
                break
            }
            position = index
        }
        #expect(seen.last == ["webapp"], "the replay ended on \(seen)")

        // Step through it by transition: the same states, every one of them, in the same order.
        try replay.type(" ")
        try replay.waitFor(timeout: .seconds(5), "paused") { $0.contains("paused") }
        for _ in 0..<12 { try replay.send("Left") }
        try replay.waitFor(timeout: .seconds(5), "back at the start") { $0.contains("+0s of") }
        var stepped: [Set<String>] = [Self.failing(try replay.capture())]
        // Each `]` is followed by a speed key, alternately + (20x to 50x) and - (back): once the
        // line shows the new speed, the `]` before it has been read too. Waiting for any change of
        // the screen instead ran out on a transition the screen does not show (the host's finding
        // on a loaded machine, say), and twelve steps fell short when load added transitions.
        // Bounded by the recording's rounds (500 ms each, about 20 s), not a guess at its transitions.
        for step in 0..<100 {
            let before = try replay.capture()
            if Self.atEnd(before) { break }
            let faster = step % 2 == 0
            try replay.type(faster ? "]+" : "]-")
            let after = try replay.waitFor(timeout: .seconds(5), "the next transition") { Self.speed($0) == (faster ? "50x" : "20x") }
            if stepped.last != Self.failing(after) { stepped.append(Self.failing(after)) }
        }
        #expect(stepped.drop { $0 != [] }.elementsEqual(expected), "stepping showed \(stepped)")

        // Read-only: a key that acts anywhere else is refused with a flash.
        try replay.type("x")
        try replay.waitFor(timeout: .seconds(5), "the refusal") { $0.contains("replay is read-only") }
        try Self.quit(replay, "replay")
    }

    @Test func anIncidentRecordedBeforePaneRecordingReplaysOnTheBoard() throws {
        let dir = try Self.workspace("replay-v2", checks: ["backend"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let state = dir + "/state"
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "old recording", "--severity", "P2", "--state", state], captureOutput: true)
        let incidentID = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let dashboard = try TmuxSession(
            width: 120, height: 40, command: "\(binary) --config \(dir)/triage.yaml --state \(state)", environment: environment)
        defer { dashboard.kill() }
        try dashboard.waitFor(timeout: .seconds(15), "backend ok") { $0.contains(incidentID) && $0.contains("backend") && Self.failing($0).isEmpty }
        FileManager.default.createFile(atPath: dir + "/backend-down", contents: nil)
        try dashboard.waitFor(timeout: .seconds(15), "backend CRIT") { Self.failing($0) == ["backend"] }
        Thread.sleep(forTimeInterval: 2)
        try Self.quit(dashboard, "dashboard")

        // What a triage before pane recording left: the picture's recording only.
        let driver = URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("triage-store-driver").path
        let forgot = try spawnAndWait(driver, ["forget-sources", state + "/incidents.sqlite", incidentID], captureOutput: true)
        #expect(forgot.status == 0, "\(forgot.output)")
        let replay = try TmuxSession(
            width: 120, height: 40, command: "\(binary) replay \(incidentID) --speed 20x --state \(state)", environment: environment)
        defer { replay.kill() }
        let screen = try replay.waitFor(timeout: .seconds(15), "the board at the end") { $0.contains("  end") && Self.failing($0) == ["backend"] }
        #expect(screen.contains("recorded before triage recorded its panes"), "\(screen)")
        #expect(!screen.contains("1 Services"), "an old recording has no panes to show:\n\(screen)")
    }
}
