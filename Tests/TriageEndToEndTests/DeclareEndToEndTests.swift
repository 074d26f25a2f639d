import Foundation
import Testing

/// Declaring an incident from the dashboard (`N`), as a person does it.
@Suite(.serialized) struct DeclareEndToEndTests {
    let binary = TmuxSession.triageBinary

    /// `--runbook` given relative to where triage was started is stored absolute: the incident is
    /// reopened later from other directories (the wall, `incident show`, a restart elsewhere), and a
    /// relative path stored as typed would then read "cannot read runbook" and the built-in checklist.
    @Test func aRelativeRunbookIsStoredSoTheIncidentOpensFromAnywhere() throws {
        let dir = NSTemporaryDirectory() + "triage-e2e-declare-\(UUID().uuidString.prefix(8))"
        let work = dir + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            # Relative Runbook Drill

            - [ ] Page the drill owner
            - [ ] Confirm the drill from outside
            """.write(toFile: work + "/drill.md", atomically: true, encoding: .utf8)
        let state = dir + "/state"
        let session = try TmuxSession(
            width: 120, height: 40,
            command: "cd \(work) && exec \(binary) --runbook drill.md --state \(state)",
            environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_STATE": state])
        defer { session.kill() }
        try session.waitFor("5 Incident")
        try session.send("N")
        try session.waitFor(timeout: .seconds(5), "title prompt") { $0.lowercased().contains("title") }
        try session.type("drill outage")
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(5), "severity prompt") { $0.lowercased().contains("severity") }
        try session.send("Enter")
        try session.waitFor(timeout: .seconds(10), "the declared incident with the drill checklist") {
            $0.contains("drill outage") && $0.contains("Page the drill owner") && !$0.contains("unsaved")
        }
        try session.type("q")

        // From another working directory (the test's own), the incident still has its runbook.
        let listed = try spawnAndWait(binary, ["incident", "list", "--state", state], captureOutput: true)
        let id = try #require(listed.output.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("INC-") },
                              "no incident was declared:\n\(listed.output)")
        let shown = try spawnAndWait(binary, ["incident", "show", String(id), "--state", state], captureOutput: true)
        #expect(shown.status == 0, "incident show failed:\n\(shown.output)")
        #expect(shown.output.contains("Relative Runbook Drill (\(work)/drill.md)"), "runbook not stored absolute:\n\(shown.output)")
        #expect(shown.output.contains("Checklist 0/2"), "the checklist is not the runbook's two items:\n\(shown.output)")
        #expect(!shown.output.contains("cannot read"), "the runbook was not found from elsewhere:\n\(shown.output)")
    }
}
