import Foundation
import Testing

/// Running runbook commands from the dashboard (`x`), as a person meets it, with the real binary.
@Suite(.serialized) struct RunbookCommandEndToEndTests {
    let binary = TmuxSession.triageBinary

    /// A command that expands an unset variable is refused and the screen names the variable;
    /// nothing runs, while a command without one next to it does run (so the test can see a run).
    @Test func aCommandWithAnUnsetVariableIsRefusedAndNamesIt() throws {
        let dir = NSTemporaryDirectory() + "triage-e2e-unset-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let refusedMarker = dir + "/refused-ran"
        let safeMarker = dir + "/safe-ran"
        let runbook = dir + "/runbook.md"
        try """
            # Restart drill

            ## Fix

            - [ ] Restart the stuck container

            ```sh
            # Mark the drill
            touch '\(safeMarker)'
            ```

            ```sh
            # Restart the stuck container (one line: a block of several is a row per command)
            docker restart "$CONTAINER"; touch '\(refusedMarker)'
            ```
            """.write(toFile: runbook, atomically: true, encoding: .utf8)
        let state = dir + "/state"
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "unset drill", "--severity", "P2", "--runbook", runbook,
                                                "--state", state], captureOutput: true)
        #expect(created.status == 0, "incident new: \(created.output)")

        let session = try TmuxSession(width: 120, height: 40, command: "env -u CONTAINER '\(binary)' --state '\(state)'",
                                      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e", "TRIAGE_STATE": state])
        defer { session.kill() }
        try session.waitFor(timeout: .seconds(15), "the incident") { $0.contains("unset drill") && $0.contains("Restart the stuck container") }
        try session.type("5")
        try session.type("G")
        try session.waitFor(timeout: .seconds(5), "the command row") { $0.contains("$ docker restart \"$CONTAINER\"") }

        // x on the command with $CONTAINER: refused, the variable named, nothing to confirm.
        try session.type("x")
        let refused = try session.waitFor(timeout: .seconds(5), "the refusal") { $0.contains("Cannot run this command") }
        #expect(refused.contains("$CONTAINER is unset or empty"), "the screen does not name the variable:\n\(refused)")
        #expect(!refused.contains("type yes"), "a refusal must offer nothing to confirm:\n\(refused)")
        try session.send("Escape")
        try session.waitFor(timeout: .seconds(5), "the refusal closed") { !$0.contains("Cannot run this command") }

        // The command above it has no variable: it runs, so a run would have been seen.
        try session.type("k")
        try session.type("x")
        try session.waitFor(timeout: .seconds(5), "the run confirmation") { $0.contains("Run this command?") }
        try session.type("y")
        let end = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < end, !FileManager.default.fileExists(atPath: safeMarker) { Thread.sleep(forTimeInterval: 0.1) }
        #expect(FileManager.default.fileExists(atPath: safeMarker), "the command without a variable did not run")

        // Back on the refused command: x again still refuses, and it never ran.
        try session.type("j")
        try session.type("x")
        try session.waitFor(timeout: .seconds(5), "the refusal again") { $0.contains("Cannot run this command") }
        try session.send("Escape")
        Thread.sleep(forTimeInterval: 1)
        #expect(!FileManager.default.fileExists(atPath: refusedMarker), "the command with an unset variable ran")
        try session.type("q")

        let timeline = try spawnAndWait(binary, ["export", "timeline", "--format", "markdown", "--state", state, "--no-record"], captureOutput: true)
        #expect(timeline.output.contains("safe-ran"), "the run command is not on the timeline:\n\(timeline.output)")
        #expect(!timeline.output.contains("docker restart"), "the refused command is on the timeline:\n\(timeline.output)")
    }
}
