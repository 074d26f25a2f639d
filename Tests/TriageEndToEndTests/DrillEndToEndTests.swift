import Foundation
import Testing

/// Record an incident with the real dashboard while a command check breaks, then run `triage drill`
/// from it with the real binary (the dashboard itself, fed by the recording): DRILL in the header,
/// the recorded failure in the Services pane, a tick stored on the drill (not the recorded incident),
/// a `$` command refused and never run, a status update recorded, the export titled DRILL.
@Suite(.serialized) struct DrillEndToEndTests {
    let binary = TmuxSession.triageBinary
    let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "TRIAGE_USER": "e2e"]

    /// Whether a line of the screen names the backend with `label` (OK or CRIT).
    static func backend(_ screen: String, _ label: String) -> Bool {
        screen.split(separator: "\n").contains { $0.contains("backend") && $0.contains(label) }
    }

    @Test func aDrillPlaysTheRecordingAndWorksItsOwnIncident() throws {
        let dir = NSTemporaryDirectory() + "triage-e2e-drill-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            refresh: 500ms
            checks:
              - name: backend
                run: [sh, -c, "test ! -e \(dir)/backend-down"]
            """.write(toFile: dir + "/triage.yaml", atomically: true, encoding: .utf8)
        try """
            # Backend drill

            ## Mitigation

            - [ ] Roll back the backend

            ```sh
            touch \(dir)/RAN
            ```

            """.write(toFile: dir + "/drill.md", atomically: true, encoding: .utf8)
        let state = dir + "/state"
        let created = try spawnAndWait(binary, ["incident", "new", "--title", "Backend outage", "--severity", "P2", "--state", state],
                                       captureOutput: true)
        #expect(created.status == 0)
        let recordedID = created.output.trimmingCharacters(in: .whitespacesAndNewlines)

        // Record: backend ok, then CRIT for a few seconds.
        let dashboard = try TmuxSession(
            width: 120, height: 40, command: "\(binary) --config \(dir)/triage.yaml --state \(state)", environment: environment)
        defer { dashboard.kill() }
        try dashboard.waitFor(timeout: .seconds(15), "backend ok") { $0.contains(recordedID) && Self.backend($0, "OK") }
        Thread.sleep(forTimeInterval: 2)
        FileManager.default.createFile(atPath: dir + "/backend-down", contents: nil)
        try dashboard.waitFor(timeout: .seconds(15), "backend CRIT") { Self.backend($0, "CRIT") }
        Thread.sleep(forTimeInterval: 3)
        let pid = try dashboard.panePID()
        try dashboard.type("q")
        let end = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < end, isAlive(pid) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!isAlive(pid), "q did not end the dashboard")

        // The drill, at 20x: the recorded failure reaches the board under a DRILL header.
        let drill = try TmuxSession(
            width: 120, height: 40, command: "\(binary) drill \(dir)/drill.md --from \(recordedID) --speed 20x --state \(state)",
            environment: environment)
        defer { drill.kill() }
        try drill.waitFor(timeout: .seconds(15), "DRILL and the recorded failure") {
            $0.contains("DRILL: Backend outage") && Self.backend($0, "CRIT")
        }
        // Space on the first open item ticks it; on the command row a `$` is refused and nothing runs.
        try drill.type(" ")
        try drill.waitFor(timeout: .seconds(5), "the tick") { $0.contains("[x] Roll back the backend") }
        try drill.send("Down")
        try drill.type("x")
        try drill.waitFor(timeout: .seconds(5), "the refusal") { $0.contains("drill: not run") }
        // It is the dashboard: the status update previews and, with Enter, is recorded on the drill.
        try drill.type("y")
        try drill.waitFor(timeout: .seconds(5), "the status update preview") { $0.contains("Status update #1") }
        try drill.send("Enter")
        try drill.waitFor(timeout: .seconds(5), "the preview closed") { !$0.contains("Status update #1") }
        let drillPID = try drill.panePID()
        try drill.type("q")
        let quit = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < quit, isAlive(drillPID) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!isAlive(drillPID), "q did not end the drill")
        #expect(!FileManager.default.fileExists(atPath: dir + "/RAN"), "a drill ran a runbook command")

        // The tick is on the drill, not on the recorded incident; the drill's export is titled DRILL.
        let list = try spawnAndWait(binary, ["incident", "list", "--json", "--state", state], captureOutput: true)
        let document = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [String: Any]
        let ids = (document?["incidents"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let drillID = try #require(ids.first { $0 != recordedID }, "no drill incident in \(list.output)")
        let drillTimeline = try spawnAndWait(binary, ["export", "timeline", "--incident", drillID, "--no-record", "--state", state], captureOutput: true).output
        #expect(drillTimeline.prefix { $0 != "\n" }.contains("DRILL"), "\(drillTimeline)")
        #expect(drillTimeline.contains("Roll back the backend"), "\(drillTimeline)")
        #expect(drillTimeline.lowercased().contains("status update"), "\(drillTimeline)")
        let recordedTimeline = try spawnAndWait(binary, ["export", "timeline", "--incident", recordedID, "--no-record", "--state", state], captureOutput: true).output
        #expect(!recordedTimeline.contains("Roll back the backend") && !recordedTimeline.contains("DRILL"), "\(recordedTimeline)")
        let status = try spawnAndWait(binary, ["export", "status", "--incident", drillID, "--no-record", "--state", state], captureOutput: true).output
        #expect(status.prefix { $0 != "\n" }.contains("DRILL"), "\(status)")
    }
}
