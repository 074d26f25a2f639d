import Foundation
import Testing

/// An interactive session and a wall display on one incident database, each in its own tmux.
@Suite(.serialized) struct WallEndToEndTests {
    let binary = TmuxSession.triageBinary
    let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e"]

    @Test func tickInTheInteractiveSessionShowsOnTheWallAndTheWallCannotWrite() throws {
        let state = NSTemporaryDirectory() + "triage-e2e-wall-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "checkout 5xx", "--severity", "P1", "--state", state], captureOutput: true)
        #expect(created.status == 0, "incident new failed")
        let incidentID = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(incidentID.hasPrefix("INC-"))

        let interactive = try TmuxSession(width: 120, height: 40, command: "\(binary) --state \(state)", environment: environment)
        defer { interactive.kill() }
        let wall = try TmuxSession(width: 120, height: 40, command: "\(binary) wall --state \(state)", environment: environment)
        defer { wall.kill() }
        try interactive.waitFor(incidentID)
        let before = try wall.waitFor(timeout: .seconds(10), "the wall showing the incident") { $0.contains(incidentID) && $0.contains("0/4") }
        #expect(before.contains("READ-ONLY"))

        // Focus the incident pane (the cursor lands on the first open item), tick it.
        try interactive.type("5")
        try interactive.type(" ")
        try interactive.waitFor(timeout: .seconds(5), "the tick on the interactive screen") { $0.contains("[x]") }
        let ticked = ContinuousClock.now
        try wall.waitFor(timeout: .seconds(2), "the tick on the wall within the bound") { $0.contains("1/4") }
        let latency = ContinuousClock.now - ticked
        #expect(latency < .seconds(2), "the wall took \(latency)")

        // The wall refuses state changes and says so; nothing is written.
        try wall.type(" ")
        try wall.waitFor(timeout: .seconds(5), "read-only notice") { $0.lowercased().contains("read-only:") }
        try wall.type("N")
        let listed = try spawnAndWait(binary, ["incident", "list", "--state", state], captureOutput: true)
        #expect(listed.output.components(separatedBy: "INC-").count == 2, "the wall created an incident:\n\(listed.output)")
        let pid = try wall.panePID()
        try wall.type("q")
        let end = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < end, isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!isAlive(pid), "q did not end the wall")
    }

    /// A read-only display creates nothing: with no state directory, `triage wall` says there is no
    /// incident database and leaves the file system as it found it. It used to create the directory
    /// (and its missing parents), given with --state or from $XDG_STATE_HOME.
    @Test(arguments: ["--state", "XDG_STATE_HOME"])
    func aWallWithNoStateDirectoryCreatesNothing(via: String) throws {
        let base = NSTemporaryDirectory() + "triage-e2e-wall-nothing-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        var environment = environment
        var command = "\(binary) wall"
        if via == "--state" {
            command += " --state \(base)/missing/state"
            environment["TRIAGE_STATE"] = base + "/unused"
        } else {
            environment["TRIAGE_STATE"] = ""
            environment["XDG_STATE_HOME"] = base + "/xdg"
        }
        let wall = try TmuxSession(width: 120, height: 40, command: command, environment: environment)
        defer { wall.kill() }
        try wall.waitFor(timeout: .seconds(15), "the wall saying there is no database") { $0.contains("no incident database yet") }
        let pid = try wall.panePID()
        try wall.type("q")
        let end = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < end, isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!isAlive(pid), "q did not end the wall")
        let left = try FileManager.default.subpathsOfDirectory(atPath: base)
        #expect(left.isEmpty, "the wall created \(left)")
    }
}
