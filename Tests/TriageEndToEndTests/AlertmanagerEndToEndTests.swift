import Foundation
import Testing
import TriageProbes
import TriageTestSupport

/// Alertmanager alerts with the real binary in tmux and a real Alertmanager on loopback: the alert
/// shows in Services; with an incident open a new firing alert and a resolved one reach the timeline
/// by themselves; in the alert's view `S` asks how long, shows the request, and after `y` the
/// silence exists in Alertmanager (createdBy the actor, a comment naming the incident), the view
/// says until when, and `E` expires it; each on the timeline.
@Suite(.serialized) struct AlertmanagerEndToEndTests {
    let binary = TmuxSession.triageBinary
    let actions = SelectionActionEndToEndTests()

    @Test func sSilencesTheAlertAfterConfirmationAndEExpiresItAndTheTimelineRecordsFiringAndResolved() async throws {
        let server = try await AlertmanagerServer.start()
        do {
            try await silenceAndExpire(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func silenceAndExpire(_ server: AlertmanagerServer) async throws {
        let drill = try SelectionActionEndToEndTests.Drill(binary: binary, runbook: "# Alert drill\n\n## Steps\n\n- [ ] Look\n")
        defer { try? FileManager.default.removeItem(atPath: drill.dir) }
        try await server.post([AlertmanagerServer.alert("HighErrorRate", severity: "critical", labels: ["service": "checkout"], summary: "5xx above 5%")])
        try await server.waitForAlerts(count: 1)
        let session = try drill.start(binary, config: "alertmanager:\n  - name: main\n    url: \(server.base)\n")
        defer { session.kill() }
        try session.waitFor("HighErrorRat", timeout: .seconds(20))

        // A new alert while the incident is open: on the timeline by itself.
        try await server.post([AlertmanagerServer.alert("DiskFilling", severity: "warning", labels: ["instance": "db-1"], description: "/var at 91%")])
        try session.waitFor("DiskFillin", timeout: .seconds(20))
        actions.expectOnTimeline(drill, "alert DiskFilling [warning] (instance=db-1) firing on main: /var at 91%")

        // The critical alert is the Services pane's first row: its view, then S.
        try actions.typeSlowly(session, "1", until: "Services focused") { $0.contains("HighErrorRat") }
        try actions.typeSlowly(session, "Enter", until: "the alert's view") { $0.contains("Alert HighErrorRate") }
        try actions.typeSlowly(session, "S", until: "the duration question") { $0.contains("for how long?") }
        try actions.typeSlowly(session, "Enter", until: "the confirmation") { $0.contains("Silence the alert?") && $0.contains("/api/v2/silences") }
        try actions.typeSlowly(session, "y", until: "silencing") { !$0.contains("Silence the alert?") }
        var silence: [String: Any]?
        #expect(actions.waitUntil(.seconds(15)) {
            let silences = (try? awaitGet(server, "/api/v2/silences")) as? [[String: Any]] ?? []
            silence = silences.first { ($0["status"] as? [String: Any])?["state"] as? String == "active" }
            return silence != nil
        }, "no active silence in Alertmanager")
        #expect(silence?["createdBy"] as? String == "e2e")
        #expect((silence?["comment"] as? String)?.contains("act drill") == true, "\(String(describing: silence))")
        let id = try #require(silence?["id"] as? String)
        actions.expectOnTimeline(drill, "silenced alert HighErrorRate [critical] (service=checkout) on main for 1h (silence \(id))")
        try session.waitFor(timeout: .seconds(20), "the view says until when") { $0.contains("silenced") && $0.contains("until 20") }

        // E expires it.
        try actions.typeSlowly(session, "E", until: "the expiry question") { $0.contains("Expire the silence?") }
        try actions.typeSlowly(session, "y", until: "expiring") { !$0.contains("Expire the silence?") }
        #expect(actions.waitUntil(.seconds(15)) {
            let silences = (try? awaitGet(server, "/api/v2/silences")) as? [[String: Any]] ?? []
            return silences.first { $0["id"] as? String == id }.flatMap { ($0["status"] as? [String: Any])?["state"] as? String } == "expired"
        }, "the silence was not expired")
        actions.expectOnTimeline(drill, "expired silence \(id) of alert HighErrorRate")

        // Resolved (endsAt in the past): on the timeline by itself.
        try await server.post([AlertmanagerServer.alert("DiskFilling", severity: "warning", labels: ["instance": "db-1"], endsAt: Date().addingTimeInterval(-1))])
        actions.expectOnTimeline(drill, "alert DiskFilling [warning] (instance=db-1) resolved on main")
        session.kill()
    }

    /// The synchronous tests wait with a blocking loop; this asks the server from it.
    func awaitGet(_ server: AlertmanagerServer, _ path: String) throws -> Any {
        let outcome = spawnAndWaitCurl(server.base + path)
        return try JSONSerialization.jsonObject(with: Data(outcome.utf8))
    }

    func spawnAndWaitCurl(_ url: String) -> String {
        (try? spawnAndWait("/usr/bin/curl", ["-sf", url], captureOutput: true).output) ?? ""
    }
}
