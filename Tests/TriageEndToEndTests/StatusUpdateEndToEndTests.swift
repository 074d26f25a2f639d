import Foundation
import Testing

/// `y` previews the status update and Enter copies it with OSC 52; tmux (set-clipboard on) keeps
/// the payload in its paste buffer, which is where the test reads it back.
@Suite(.serialized) struct StatusUpdateEndToEndTests {
    let binary = TmuxSession.triageBinary

    @Test func statusUpdateIsCopiedThroughOSC52AndRecorded() throws {
        let state = NSTemporaryDirectory() + "triage-e2e-osc52-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "checkout returns 502", "--severity", "P1", "--state", state], captureOutput: true)
        #expect(created.status == 0)
        let session = try TmuxSession(width: 120, height: 40, command: "\(binary) --state \(state)",
                                      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e"])
        defer { session.kill() }
        try session.tmux(["set-option", "-s", "set-clipboard", "on"])
        try session.waitFor("checkout returns 502")
        try session.type("y")
        try session.waitFor("Status update #1")
        try session.send("Enter")
        // Before the first probe round the built-in layout leaves `[Impact]`: Enter asks first.
        let answer = try session.waitFor(timeout: .seconds(5), "sent notice or question") {
            $0.contains("sent to the terminal as OSC 52") || $0.contains("unfilled?")
        }
        if answer.contains("unfilled?") { try session.type("y") }
        try session.waitFor(timeout: .seconds(5), "sent notice") { $0.contains("sent to the terminal as OSC 52") }
        let buffer = try session.tmux(["show-buffer"])
        #expect(buffer.contains("checkout returns 502"), "tmux buffer holds: \(buffer)")
        #expect(buffer.contains("P1"))
        #expect(!buffer.contains("\u{1B}"), "escape bytes leaked into the copied text")
        // Recorded on the timeline, which resets the update timer.
        let exported = try spawnAndWait(binary, ["export", "timeline", "--format", "json", "--state", state, "--no-record"], captureOutput: true)
        #expect(exported.output.contains("Status update #1 issued"), "\(exported.output)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: state + "/exports")) ?? []
        #expect(files.contains { $0.contains("status-update-1") }, "saved files: \(files)")
    }
}
