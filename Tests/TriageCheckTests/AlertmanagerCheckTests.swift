import Foundation
import Testing
import TriageCore
import TriageTestSupport
@testable import TriageApp
@testable import TriageProbes
import TriageExport

/// Alertmanager's alerts in the one picture and in `triage check`, against a real Alertmanager on
/// loopback (alerts posted by the test), and once with a real Prometheus raising the alert.
@Suite("Alertmanager: alerts in the picture, the timeline and triage check", .serialized)
struct AlertmanagerCheckTests {
    static func round(_ spec: AlertmanagerSpec) async throws -> AlertmanagerSnapshot {
        guard case .alertmanager(let round) = await AlertmanagerProbe(spec: spec).poll(deadline: .seconds(10)) else {
            throw AlertmanagerServer.StartError(description: "not an alertmanager round")
        }
        return round
    }

    @Test func firingAlertsAreEntitiesAndTheTimelineNotesFiringAndResolvedOnce() async throws {
        let server = try await AlertmanagerServer.start()
        let started = Date().addingTimeInterval(-120)
        try await server.post([
            AlertmanagerServer.alert("HighErrorRate", severity: "critical", labels: ["service": "checkout"], summary: "5xx above 5%", startsAt: started),
        ])
        try await server.waitForAlerts(count: 1)
        let spec = AlertmanagerSpec(name: "main", url: server.base)
        var snapshot = DashboardSnapshot(startedAt: Date())
        #expect(snapshot.record(alertmanager: try await Self.round(spec), slot: 0).isEmpty, "the first round is the baseline")

        let picture = OutageEntities(snapshot, now: Date())
        let alert = try #require(picture.all.first { $0.kind == .alert })
        #expect(alert.state == .crit)
        #expect(alert.name == "HighErrorRate service=checkout")
        #expect(alert.reason == "5xx above 5%")
        #expect(abs((alert.since ?? .distantPast).timeIntervalSince(started)) < 1)
        #expect(alert.source == "alertmanager:main")

        // A new warning fires: noted once; the same round again notes nothing.
        try await server.post([AlertmanagerServer.alert("DiskFilling", severity: "warning", labels: ["instance": "db-1"], description: "/var at 91%")])
        try await server.waitForAlerts(count: 2)
        let firing = snapshot.record(alertmanager: try await Self.round(spec), slot: 0)
        #expect(firing == ["alert DiskFilling [warning] (instance=db-1) firing on main: /var at 91%"])
        #expect(snapshot.record(alertmanager: try await Self.round(spec), slot: 0).isEmpty)
        #expect(OutageEntities(snapshot, now: Date()).all.first { $0.name == "DiskFilling instance=db-1" }?.state == .warn)

        // Resolved (endsAt in the past): noted once.
        try await server.post([AlertmanagerServer.alert(
            "HighErrorRate", severity: "critical", labels: ["service": "checkout"], startsAt: started, endsAt: Date().addingTimeInterval(-1))])
        try await server.waitForAlerts(count: 1)
        let resolved = snapshot.record(alertmanager: try await Self.round(spec), slot: 0)
        #expect(resolved == ["alert HighErrorRate [critical] (service=checkout) resolved on main"])
        #expect(snapshot.record(alertmanager: try await Self.round(spec), slot: 0).isEmpty)
        await server.stop()

        // Gone: one unknown row with curl's reason; the last alerts stay, marked stale; never all clear.
        let failed = snapshot.record(alertmanager: try await Self.round(AlertmanagerSpec(name: "main", url: server.base, timeout: .seconds(3))), slot: 0)
        #expect(failed.isEmpty, "an unreachable Alertmanager resolves nothing")
        let after = OutageEntities(snapshot, now: Date())
        let source = try #require(after.all.first { $0.key == "source:alertmanager/main" })
        #expect(source.state == .unknown && source.reason?.hasPrefix("alertmanager main: ") == true, "\(source)")
        #expect(after.all.first { $0.kind == .alert }?.staleSince != nil)
        #expect(!after.allClear)
    }

    @Test func checkJSONListsAlertsAndAnUnreachableAlertmanagerAsUnknown() async throws {
        let server = try await AlertmanagerServer.start()
        let directory = try CheckLab.temporaryDirectory("amcheck")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let started = Date().addingTimeInterval(-600)
        try await server.post([
            AlertmanagerServer.alert("HighErrorRate", severity: "critical", labels: ["service": "checkout"], summary: "5xx above 5%",
                                     startsAt: started, generatorURL: "http://prometheus.example/graph?g0.expr=up"),
            AlertmanagerServer.alert("Watchdog", severity: "none"),
        ])
        try await server.waitForAlerts(count: 2)
        let gone = try await AlertmanagerServer.freePort()
        let config = try CheckLab.write("""
            host: {enabled: false}
            alertmanager:
              - name: main
                url: \(server.base)
                filter: ['severity=~"critical|warning"']
                headers: {Authorization: Bearer sekrit-token-123}
              - name: gone
                url: http://127.0.0.1:\(gone)
                timeout: 3s
            """, "triage.yaml", in: directory)
        let environment = TriageProcess.cleanEnvironment(home: directory)
        let result = try TriageProcess.run(["check", "--config", config, "--json"], environment: environment, directory: directory)
        let table = try TriageProcess.run(["check", "--config", config], environment: environment, directory: directory)
        await server.stop()
        let document = try result.json()
        CheckJSON.expectWellFormed(document)
        let alerts = CheckJSON.entries(document, "alerts")
        #expect(alerts.count == 2, "HighErrorRate and the unreachable one; the filter left Watchdog out: \(alerts)")
        let high = try #require(CheckJSON.entry(document, "alerts", named: "HighErrorRate"))
        #expect(high["state"] as? String == "crit")
        #expect(high["reason"] as? String == "5xx above 5%")
        #expect(high["alertmanager"] as? String == "main")
        #expect(high["severity"] as? String == "critical")
        #expect((high["labels"] as? [String: Any])?["service"] as? String == "checkout")
        #expect(high["generatorUrl"] as? String == "http://prometheus.example/graph?g0.expr=up")
        #expect(high["silenced"] as? Bool == false)
        let since = try #require(high["since"] as? String)
        #expect(abs((ISO8601DateFormatter().date(from: since) ?? .distantPast).timeIntervalSince(started)) < 1)
        let unreachable = try #require(CheckJSON.entry(document, "alerts", named: "*"))
        #expect(unreachable["state"] as? String == "unknown")
        #expect(unreachable["alertmanager"] as? String == "gone")
        #expect((unreachable["reason"] as? String)?.hasPrefix("alertmanager gone: ") == true, "\(unreachable)")
        #expect(result.status == 2, "a critical alert is exit 2")
        #expect(!result.stdout.contains("sekrit") && !result.stderr.contains("sekrit"), "headers are never shown")
        #expect(table.stdout.contains("ALERTS (2)"), "\(table.stdout)")
        #expect(table.stdout.contains("alertmanager gone: "), "\(table.stdout)")
        #expect(!table.stdout.contains("sekrit"))
    }

    /// The whole chain: a real Prometheus scrapes a loopback target, the target goes away, the rule
    /// `up{job="x"} == 0` fires, Prometheus sends it to the real Alertmanager, and `triage check`
    /// shows it. Bounded: at most 60 s of waiting.
    @Test func prometheusRuleFiresThroughAlertmanagerIntoTriage() async throws {
        let alertmanager = try await AlertmanagerServer.start()
        let target = try await LoopbackServer.startPython(["-c", """
            import http.server, json
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = b"x_ready 1\\n"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain; version=0.0.4")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args): pass
            server = http.server.HTTPServer(("127.0.0.1", 0), H)
            print(json.dumps({"port": server.server_address[1]}), flush=True)
            server.serve_forever()
            """])
        let prometheus = try await PrometheusServer.start(config: """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: [rules.yml]
            alerting:
              alertmanagers:
                - static_configs: [{targets: ["127.0.0.1:\(alertmanager.port)"]}]
            scrape_configs:
              - job_name: x
                static_configs: [{targets: ["127.0.0.1:\(target.port)"]}]
            """, files: ["rules.yml": """
            groups:
              - name: triage-test
                rules:
                  - alert: TargetDown
                    expr: 'up{job="x"} == 0'
                    for: 0s
                    labels: {severity: critical}
                    annotations: {summary: 'target x is down'}
            """])
        let directory = try CheckLab.temporaryDirectory("amprom")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try CheckLab.write(
            "host: {enabled: false}\nalertmanager:\n  - name: lab\n    url: \(alertmanager.base)\n", "triage.yaml", in: directory)
        let environment = TriageProcess.cleanEnvironment(home: directory)
        // Up first (Prometheus scraped it), then down.
        for _ in 0..<100 {
            let up = await ProcessRunner.run("curl", ["-sf", prometheus.base + "/api/v1/query?query=up%7Bjob%3D%22x%22%7D%3D%3D1"], deadline: .seconds(5))
            if up.stdoutText.contains("\"value\"") { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        await target.stop()
        var shown: [String: Any]?
        let deadline = Date().addingTimeInterval(60)
        while shown == nil, Date() < deadline {
            let result = try TriageProcess.run(["check", "--config", config, "--json"], environment: environment, directory: directory)
            shown = CheckJSON.entry(try result.json(), "alerts", named: "TargetDown")
            if shown == nil { try await Task.sleep(for: .seconds(1)) }
        }
        await prometheus.stop()
        await alertmanager.stop()
        let alert = try #require(shown, "triage did not show TargetDown within 60 s")
        #expect(alert["state"] as? String == "crit")
        #expect(alert["reason"] as? String == "target x is down")
        #expect((alert["labels"] as? [String: Any])?["job"] as? String == "x")
        #expect((alert["generatorUrl"] as? String)?.contains("/graph?g0.expr=") == true, "\(alert)")
    }
}

/// The status update's "affected" list names firing critical alerts (not warnings, not silenced ones).
@Suite("Alertmanager: firing critical alerts in the status update")
struct AlertmanagerStatusUpdateTests {
    @Test func firingCriticalAlertsAreAffectedAndCounted() {
        let now = Date(timeIntervalSince1970: 1_796_600_000)
        var snapshot = DashboardSnapshot(startedAt: now)
        _ = snapshot.record(alertmanager: AlertmanagerSnapshot(source: "main", alerts: [
            FiringAlert(fingerprint: "a", labels: ["alertname": "HighErrorRate", "severity": "critical", "service": "checkout"],
                        annotations: ["summary": "5xx above 5%"], startsAt: now.addingTimeInterval(-600)),
            FiringAlert(fingerprint: "b", labels: ["alertname": "DiskFilling", "severity": "warning"]),
            FiringAlert(fingerprint: "c", labels: ["alertname": "Silenced", "severity": "critical"], silencedBy: ["s1"]),
        ], lastGoodAt: now, roundAt: now), slot: 0)
        let live = snapshot.liveFacts(now: now)
        #expect(live.firingAlerts.map(\.name) == ["HighErrorRate (service=checkout)"])
        let incident = Incident(id: "7", title: "checkout errors", severity: "SEV1", startedAt: now.addingTimeInterval(-900))
        let text = StatusUpdate.render(
            ExportInput(incident: incident, events: [], live: live, now: now, timeZone: TimeZone(identifier: "UTC")!, actor: "alice"),
            format: .text)
        #expect(text.contains("HighErrorRate (service=checkout)"), "\(text)")
        #expect(text.contains("5xx above 5%"), "\(text)")
        #expect(text.contains("1 critical alert firing"), "\(text)")
        #expect(!text.contains("DiskFilling") && !text.contains("Silenced"), "\(text)")
    }
}
