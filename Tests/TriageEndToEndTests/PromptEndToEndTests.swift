import Foundation
import Testing

/// The incident field prompts as a new user meets them: a shown current value is replaced by what
/// is typed, and severity is picked from the runbook's levels (this used to store `P1P3` and
/// `root@vmalice`, shown on the wall and exported).
@Suite(.serialized) struct PromptEndToEndTests {
    let binary = TmuxSession.triageBinary

    @Test func severityAndCommanderAreReplacedNotAppendedTo() throws {
        let dir = NSTemporaryDirectory() + "triage-e2e-prompt-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let state = dir + "/state"
        let session = try TmuxSession(
            width: 120, height: 40,
            command: "cd \(dir) && exec \(binary) --state \(state)",
            environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_STATE": state])
        defer { session.kill() }
        try session.waitFor("5 Incident")
        try session.send("N")
        try session.waitFor(timeout: .seconds(5), "title prompt") { $0.lowercased().contains("title") }
        try session.type("checkout 5xx")
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(5), "severity pick list") { $0.contains("› P1") && $0.contains("  P2") }
        try session.send("Enter")
        // Saved (its id shows) and the pick list gone (its title names the incident too).
        try session.waitFor(timeout: .seconds(10), "the declared incident") { $0.contains("INC-") && !$0.contains("Severity of") }

        // `s` then `P3`: the pick list lands on P3; Enter stores it.
        try session.send("s")
        try session.waitFor(timeout: .seconds(5), "severity pick list") { $0.contains("› P1") && $0.contains("Severity") }
        try session.type("P3")
        try session.waitFor(timeout: .seconds(5), "P3 highlighted") { $0.contains("› P3") }
        try session.send("Enter")
        // `c` then `alice`: the current commander is selected, so typing replaces it.
        try session.waitFor(timeout: .seconds(5), "pick list closed") { !$0.contains("› P3") }
        try session.send("c")
        try session.waitFor(timeout: .seconds(5), "commander prompt") { $0.contains("Incident commander") }
        try session.type("alice")
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(5), "commander prompt closed") { !$0.contains("Incident commander") }

        // `N` with the incident open asks before opening a second one; Esc keeps this one.
        try session.send("N")
        try session.waitFor(timeout: .seconds(5), "second-incident question") { $0.contains("Open a second incident?") }
        try session.send("Escape")
        try session.waitFor(timeout: .seconds(5), "question closed") { !$0.contains("Open a second incident?") }
        try session.type("q")

        let listed = try spawnAndWait(binary, ["incident", "list", "--state", state], captureOutput: true)
        let ids = listed.output.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { $0.hasPrefix("INC-") }
        #expect(ids.count == 1, "exactly one incident:\n\(listed.output)")
        let id = try #require(ids.first, "no incident was declared:\n\(listed.output)")
        let shown = try spawnAndWait(binary, ["incident", "show", String(id), "--state", state, "--json"], captureOutput: true)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any], "\(shown.output)")
        let incident = try #require(report["incident"] as? [String: Any], "\(shown.output)")
        #expect(incident["severity"] as? String == "P3", "severity: \(shown.output)")
        #expect(incident["commander"] as? String == "alice", "commander: \(shown.output)")
    }
}
