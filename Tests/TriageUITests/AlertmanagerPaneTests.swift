import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// Alertmanager alerts on the dashboard: rows of the Services pane in the picture's order at the
/// sizes people use, their detail view, the unreachable Alertmanager's row, the wall's board, and
/// `S`/`E` in an alert's view (refused on the wall).
@Suite("Alertmanager: Services rows, detail view and keys")
struct AlertmanagerPaneTests {
    static let now = Date(timeIntervalSince1970: 1_796_600_000)

    static func snapshot(failure: String? = nil) -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: now.addingTimeInterval(-60))
        snapshot.declareServices([("auth", .http, .standard)])
        snapshot.record(services: [ServiceCheckResult(
            name: "auth", detail: .http(HTTPCheckResult(statusCode: 200, timings: .init(total: .milliseconds(12)), state: .ok, reason: nil)),
            checkedAt: now)])
        _ = snapshot.record(alertmanager: AlertmanagerSnapshot(source: "main", alerts: [
            FiringAlert(fingerprint: "f1", labels: ["alertname": "DiskFilling", "severity": "warning", "instance": "db-1"],
                        annotations: ["description": "/var at 91%"], startsAt: now.addingTimeInterval(-1800)),
            FiringAlert(fingerprint: "f2", labels: ["alertname": "HighErrorRate", "severity": "critical", "service": "checkout"],
                        annotations: ["summary": "5xx above 5%", "runbook_url": "https://wiki/x"], startsAt: now.addingTimeInterval(-300),
                        generatorURL: "http://prometheus:9090/graph?g0.expr=rate", silencedBy: ["s-1"], silencedUntil: now.addingTimeInterval(3600)),
        ], lastGoodAt: now, roundAt: now), slot: 0)
        if let failure {
            _ = snapshot.record(alertmanager: AlertmanagerSnapshot(source: "main", alerts: [], roundAt: now, failure: failure), slot: 0)
        }
        snapshot.record(host: HostSnapshot(time: now, hostname: "bastion", disks: [], memory: nil, load: nil, cpuCount: 2, cpuPercent: 5, problems: []))
        return snapshot
    }

    static func render(_ snapshot: DashboardSnapshot, width: Int, height: Int, silenced: Bool = false) -> String {
        let session = IncidentSession(store: nil, problem: nil, readOnly: false, actor: "alice", defaultRunbookPath: nil)
        defer { session.stop() }
        var ui = UIState()
        ui.focus = .services
        let sources = DashboardSources(servicesConfigured: true)
        let model = DashboardViewModel.build(snapshot, ui: ui, sources: sources, session: session, logs: LogPaneModel(),
                                             width: width, height: height, now: now, timeZone: TimeZone(identifier: "UTC")!)
        return DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: .standard).text
    }

    @Test(arguments: [(200, 50), (80, 24)])
    func alertsAreServicesRowsWorstFirst(width: Int, height: Int) throws {
        let text = Self.render(Self.snapshot(), width: width, height: height)
        let lines = text.split(separator: "\n").map(String.init)
        let disk = try #require(lines.firstIndex { $0.contains("DiskFilling") }, "\(text)")
        let auth = try #require(lines.firstIndex { $0.contains("auth") && $0.contains("OK") }, "\(text)")
        #expect(lines[disk].contains("WARN"), "\(lines[disk])")
        #expect(disk < auth, "a warning above an ok check:\n\(text)")
        // Silenced (silenced: false, the default): listed, ok, saying until when.
        let high = try #require(lines.firstIndex { $0.contains("HighErrorRate") }, "\(text)")
        #expect(lines[high].contains("OK"), "\(lines[high])")
        let reason = OutageEntities(Self.snapshot(), now: Self.now).all.first { $0.key == "alert:main/f2" }?.reason
        #expect(reason == "silenced until 2026-12-07 00:33 UTC: 5xx above 5%")
    }

    @Test func anUnreachableAlertmanagerIsOneUnknownRowWithItsReason() throws {
        let snapshot = Self.snapshot(failure: "alertmanager main: Failed to connect to 127.0.0.1 port 9 after 0 ms: Connection refused")
        let text = Self.render(snapshot, width: 200, height: 50)
        let lines = text.split(separator: "\n")
        let row = try #require(lines.first { $0.contains("alertmanager m") && $0.contains("? UNKNOWN") }, "\(text)")
        // The reason in that row, said once (AlertmanagerRowTests).
        #expect(row.contains("Failed to connect to 127.0.0.1 port"), "\(row)")
        let picture = OutageEntities(snapshot, now: Self.now)
        #expect(!picture.allClear)
        #expect(WallModelBuilder.board(picture, now: Self.now).contains { $0.kind == "source" && $0.name == "alertmanager main" })
        #expect(WallModelBuilder.board(picture, now: Self.now).contains { $0.kind == "alert" && $0.name == "DiskFilling instance=db-1" },
                "the stale alerts stay on the wall")
    }

    @Test func enterOpensTheAlertsViewWithLabelsRulePageAndSilence() throws {
        let snapshot = Self.snapshot()
        var ui = UIState()
        ui.focus = .services
        let rows = SelectedEntity.services(snapshot, ui: ui, now: Self.now)
        let index = try #require(rows.firstIndex { $0.name.hasPrefix("HighErrorRate") })
        ui.selection[.services] = index
        let target = try #require(SelectedEntity.target(snapshot, ui: ui, now: Self.now))
        #expect(target == .alert("alert:main/f2"))
        let view = DetailViewBuilder.build(target, snapshot: snapshot, sources: DashboardSources(), processes: [], scroll: 0, now: Self.now)
        let text = view.lines.map(\.plainText).joined(separator: "\n")
        #expect(view.title == "Alert HighErrorRate")
        for expected in ["critical", "5xx above 5%", "http://prometheus:9090/graph?g0.expr=rate", "service", "checkout",
                         "runbook_url", "https://wiki/x", "silenced", "s-1", "(5m ago)"] {
            #expect(text.contains(expected), "\(expected) missing:\n\(text)")
        }
        #expect(view.hint == AlertSilenceFlow.hint)
    }

    @Test func sAndEInAnAlertsViewAskAndTheWallRefusesThem() {
        var ui = UIState()
        ui.detail = .alert("alert:main/f2")
        #expect(ui.handleDetail(.char("S")) == [.domain(.silenceAlert, input: nil)])
        #expect(ui.handleDetail(.char("E")) == [.domain(.expireSilence, input: nil)])
        var wall = UIState(readOnly: true)
        wall.detail = .alert("alert:main/f2")
        #expect(wall.handleDetail(.char("S")).isEmpty)
        #expect(wall.flash?.plainText.contains("read-only") == true)
        #expect(wall.handleDetail(.char("E")).isEmpty)
    }

    @Test func silencingNeedsAnIncidentAConfiguredAlertmanagerAndATrustedConfig() {
        let session = IncidentSession(store: nil, problem: nil, readOnly: false, actor: "alice", defaultRunbookPath: nil)
        defer { session.stop() }
        var sources = DashboardSources()
        sources.alertmanagers = [AlertmanagerSpec(name: "main", url: "http://127.0.0.1:9093")]
        func refusal(_ sources: DashboardSources) -> String? {
            if case .failure(let refusal) = AlertSilenceFlow.request(for: .alert("alert:main/f2"), snapshot: Self.snapshot(), sources: sources, session: session) {
                return refusal.reason
            }
            return nil
        }
        #expect(refusal(sources) == "no incident open: press N to declare one")
        #expect(refusal(DashboardSources()) == "alertmanager main is not configured")
        var untrusted = sources
        untrusted.commandsWithheld = "./triage.yaml is not trusted"
        #expect(refusal(untrusted)?.hasPrefix("not from an untrusted configuration") == true)
        #expect(AlertSilenceFlow.duration("") == .seconds(3600), "empty is the default hour")
        #expect(AlertSilenceFlow.duration("30m") == .seconds(1800))
        #expect(AlertSilenceFlow.duration("10s") == nil && AlertSilenceFlow.duration("30d") == nil && AlertSilenceFlow.duration("soon") == nil)
    }
}

/// An Alertmanager is outside text like any API server: label names and values, annotations and
/// the rule's URL reach the pane, the view and the wall as plain text.
@Suite("Alertmanager: hostile alert text")
struct AlertmanagerInjectionTests {
    @Test func controlSequencesInAnAlertNeverReachTheScreen() {
        let now = AlertmanagerPaneTests.now
        let escape = "\u{1b}]52;c;cm0gLXJmIH4=\u{07}\u{1b}[2J"
        var snapshot = DashboardSnapshot(startedAt: now)
        _ = snapshot.record(alertmanager: AlertmanagerSnapshot(source: "main" + escape, alerts: [
            FiringAlert(fingerprint: "f" + escape, labels: ["alertname": "Evil" + escape, "severity": "critical", "x" + escape: "v" + escape],
                        annotations: ["summary": "sum" + escape + "\nline", "note" + escape: "n" + escape], startsAt: now,
                        generatorURL: "http://g/" + escape),
        ], lastGoodAt: now, roundAt: now), slot: 0)
        let pane = AlertmanagerPaneTests.render(snapshot, width: 200, height: 50)
        #expect(!pane.contains("\u{1b}") && !pane.contains("\u{07}"))
        let picture = OutageEntities(snapshot, now: now)
        let alert = picture.all.first { $0.kind == .alert }
        #expect(alert?.reason == "sum]52;c;cm0gLXJmIH4=[2J line" || !(alert?.reason ?? "").contains("\u{1b}"))
        let view = DetailViewBuilder.build(.alert(alert?.key ?? ""), snapshot: snapshot, sources: DashboardSources(), processes: [], scroll: 0, now: now)
        // What reaches the terminal is the cell grid: the view drawn into one.
        var grid = CellGrid(width: 200, height: 50)
        view.render(into: &grid, area: Rect(x: 0, y: 1, width: 200, height: 48))
        let text = grid.text
        #expect(text.contains("Evil"), "\(text.debugDescription)")
        #expect(!text.contains("\u{1b}") && !text.contains("\u{07}"), "\(text.debugDescription)")
        #expect(WallModelBuilder.board(picture, now: now).allSatisfy { !($0.name + $0.reason).contains("\u{1b}") })
    }
}
