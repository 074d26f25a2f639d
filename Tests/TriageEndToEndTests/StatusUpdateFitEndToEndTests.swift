import Foundation
import Testing

/// Issue 14 §6 in the real binary: `y` previews the whole update (a long line wraps, nothing is cut
/// with `…`), lists what is unfilled, `e` fills each placeholder in place, and Enter sends exactly
/// the previewed text as OSC 52 (read back from tmux's buffer, `set-clipboard on`). With blanks
/// left, Enter asks first: `n` sends nothing, `y` sends it with its brackets.
@Suite(.serialized) struct StatusUpdateFitEndToEndTests {
    let binary = TmuxSession.triageBinary

    static let longLine = "Customers see errors on checkout while we work through the payments backlog and the retry queue, "
        + "so please hold refunds until the next update: END-OF-LONG-LINE"

    static let runbook = """
        # Checkout runbook

        ## Communication

        ### Status Update

        ```
        [UPDATE] [Title] ([Incident ID]) is [Status]
        Affected: [Affected Services]
        Current actions: [Actions]
        ETA: [ETA]
        \(longLine)
        ```
        """

    @Test func previewWrapsFillsInPlaceAndSendsWhatItShowed() throws {
        let state = NSTemporaryDirectory() + "triage-e2e-fit-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let runbookPath = state + "/runbook.md"
        try Self.runbook.write(toFile: runbookPath, atomically: true, encoding: .utf8)
        // One service on a loopback port nothing listens on (this helper's lab port): curl cannot
        // connect, which is UNKNOWN, not down; no discovery, so nothing else on the machine joins in.
        let config = state + "/triage.yaml"
        try "services:\n  - name: payments\n    url: http://127.0.0.1:18461/health\n    timeout: 1s\nhost:\n  enabled: false\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "checkout returns 502", "--severity", "P1",
                                                "--runbook", runbookPath, "--state", state], captureOutput: true)
        #expect(created.status == 0, "\(created.output)")
        let session = try TmuxSession(width: 100, height: 32, command: "\(binary) --config \(config) --state \(state)",
                                      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e"])
        defer { session.kill() }
        try session.tmux(["set-option", "-s", "set-clipboard", "on"])
        try session.waitFor("checkout returns 502")
        try session.waitFor(timeout: .seconds(15), "the first probe round") { $0.contains("payments") && $0.contains("UNKNOWN") }

        try session.type("y")
        var screen = try session.waitFor("Status update #1")
        // The long line is shown whole, wrapped: its end is on screen and nothing in the box is cut.
        #expect(screen.contains("END-OF-LONG-LINE"), "\(screen)")
        #expect(screen.contains("unfilled: [Actions], [ETA]"), "\(screen)")
        #expect(screen.contains("e fill blanks"), "\(screen)")
        // An UNKNOWN check is not called down or failing.
        #expect(screen.contains("Affected: nothing down now"), "\(screen)")

        try session.type("e")
        try session.waitFor("Fill [Actions] (1 of 2")
        try session.type("restarted the payments pool")
        try session.send("Enter")
        try session.waitFor("Fill [ETA] (2 of 2")
        try session.type("21:00 UTC")
        try session.send("Enter")
        screen = try session.waitFor(timeout: .seconds(5), "the filled preview") { $0.contains("Current actions: restarted the payments pool") }
        #expect(screen.contains("ETA: 21:00 UTC"), "\(screen)")
        #expect(!screen.contains("unfilled:"), "\(screen)")

        try session.send("Enter")
        try session.waitFor(timeout: .seconds(5), "the sent notice") { $0.contains("sent to the terminal as OSC 52 (the terminal may drop it)") }
        let buffer = try session.tmux(["show-buffer"])
        #expect(buffer.contains("Current actions: restarted the payments pool"), "tmux buffer holds: \(buffer)")
        #expect(buffer.contains("ETA: 21:00 UTC"))
        #expect(buffer.contains(Self.longLine), "the copy is the text, unwrapped and uncut")
        #expect(!buffer.contains("[ETA]") && !buffer.contains("[Actions]"))
        #expect(!buffer.contains("unfilled"), "the note under the preview is not part of the message")
        #expect(!buffer.contains("127.0.0.1"))

        // The next update starts with blanks again; Enter asks, and `n` sends nothing.
        let buffersBefore = try session.tmux(["list-buffers"]).split(separator: "\n").count
        try session.type("y")
        try session.waitFor("Status update #2")
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(5), "the question") { $0.contains("Send status update #2 with 2 unfilled?") }
        try session.type("n")
        try session.waitFor(timeout: .seconds(5), "the question closed") { !$0.contains("unfilled?") }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try session.tmux(["list-buffers"]).split(separator: "\n").count == buffersBefore, "n sent nothing")
        try session.type("y")
        try session.waitFor("Status update #2")
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(5), "the question") { $0.contains("with 2 unfilled?") }
        try session.type("y")
        try session.waitFor(timeout: .seconds(5), "the sent notice") { $0.contains("status update #2 sent to the terminal as OSC 52") }
        let second = try session.tmux(["show-buffer"])
        #expect(second.contains("ETA: [ETA]"), "sent as it is, with its brackets: \(second)")
    }
}
