import Foundation
import Testing
import TriageCore
import TriageTestSupport
@testable import TriageProbes

/// The probe and the silencer against a real Alertmanager on loopback, alerts posted by the test.
@Suite("Alertmanager: probe and silences against the real server", .serialized)
struct AlertmanagerProbeTests {
    @Test func filterPicksAlertsAndSilenceIsSetAndExpiredThroughTheAPI() async throws {
        let server = try await AlertmanagerServer.start()
        let start = Date().addingTimeInterval(-300)
        try await server.post([
            AlertmanagerServer.alert("HighErrorRate", severity: "critical", labels: ["service": "checkout"], summary: "5xx above 5%", startsAt: start),
            AlertmanagerServer.alert("DiskFilling", severity: "warning", labels: ["instance": "db-1"], description: "/var at 91%"),
            AlertmanagerServer.alert("Watchdog", severity: "none"),
        ])
        try await server.waitForAlerts(count: 3)
        let spec = AlertmanagerSpec(name: "main", url: server.base + "/", filter: [#"severity=~"critical|warning""#])
        guard case .alertmanager(let round) = await AlertmanagerProbe(spec: spec).poll(deadline: .seconds(10)) else {
            Issue.record("not an alertmanager round")
            return await server.stop()
        }
        #expect(round.failure == nil)
        #expect(Set(round.alerts.map(\.alertname)) == ["HighErrorRate", "DiskFilling"], "the filter left Watchdog out")
        let high = try #require(round.alerts.first { $0.alertname == "HighErrorRate" })
        #expect(abs((high.startsAt ?? .distantPast).timeIntervalSince(start)) < 1)

        // S: a silence through POST /api/v2/silences; GET /api/v2/silences shows it, the probe marks the alert.
        let silencer = AlertmanagerSilencer(spec: spec)
        let id = try await silencer.create(labels: high.labels, duration: .seconds(3600), createdBy: "alice", comment: "incident 7").get()
        let silences = try #require(try await server.get("/api/v2/silences") as? [[String: Any]])
        let made = try #require(silences.first { $0["id"] as? String == id })
        #expect(made["createdBy"] as? String == "alice" && made["comment"] as? String == "incident 7")
        #expect((made["status"] as? [String: Any])?["state"] as? String == "active")
        var silenced: FiringAlert?
        for _ in 0..<50 where silenced?.isSilenced != true {
            if case .alertmanager(let next) = await AlertmanagerProbe(spec: spec).poll(deadline: .seconds(10)) {
                silenced = next.alerts.first { $0.alertname == "HighErrorRate" }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(silenced?.silencedBy == [id])
        let until = try #require(silenced?.silencedUntil)
        #expect(abs(until.timeIntervalSinceNow - 3600) < 120)

        // E: expired through DELETE /api/v2/silence/{id}.
        try await silencer.expire(id: id).get()
        let after = try #require(try await server.get("/api/v2/silences") as? [[String: Any]])
        #expect((after.first { $0["id"] as? String == id }?["status"] as? [String: Any])?["state"] as? String == "expired")
        await server.stop()
    }

    @Test func unreachableAlertmanagerIsAFailedRoundWithCurlsReason() async throws {
        let port = try await AlertmanagerServer.freePort()
        let probe = AlertmanagerProbe(spec: AlertmanagerSpec(name: "gone", url: "http://127.0.0.1:\(port)", timeout: .seconds(3)))
        let data = await probe.poll(deadline: .seconds(10))
        let failure = try #require(data.failure)
        #expect(failure.hasPrefix("alertmanager gone: "), "\(failure)")
        #expect(failure.lowercased().contains("connect"), "\(failure)")
        // No answer is not an unreadable answer: the row says what curl said, nothing more.
        #expect(!failure.contains("unreadable"), "\(failure)")
    }

    @Test func rejectedFilterIsAFailedRoundInAlertmanagersWords() async throws {
        let server = try await AlertmanagerServer.start()
        let probe = AlertmanagerProbe(spec: AlertmanagerSpec(name: "main", url: server.base, filter: [#"severity="crit"#]))
        let failure = await probe.poll(deadline: .seconds(10)).failure
        await server.stop()
        #expect(failure == #"alertmanager main: HTTP 400: matcher value contains unescaped double quote: "crit"#)
    }
}
