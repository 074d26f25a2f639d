import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// The parser of Alertmanager's v2 answers, on answers recorded from the real server
/// (prometheus-alertmanager 0.25, Debian 12) into Fixtures/alertmanager-*.json.
@Suite("Alertmanager: responses recorded from the real server")
struct AlertmanagerResponseTests {
    @Test func activeAlertsKeepLabelsAnnotationsStartAndRulePage() throws {
        let alerts = try AlertmanagerResponse.alerts(Array(RecordedFixture.data("alertmanager-alerts.json"))).get()
        #expect(alerts.map(\.alertname) == ["HighErrorRate", "Watchdog", "DiskFilling"])
        let high = alerts[0]
        #expect(high.fingerprint == "4324684e1c3ca260")
        #expect(high.labels["service"] == "checkout")
        #expect(high.severityState == .crit)
        #expect(high.reason == "checkout 5xx above 5%", "summary first")
        #expect(high.startsAt == RecordedFixture.date("2026-12-06T23:40:00Z"))
        #expect(high.generatorURL == "http://prometheus.example:9090/graph?g0.expr=rate%28x%5B5m%5D%29")
        #expect(high.distinguishingLabels == ["instance=10.0.0.5:8080", "service=checkout"])
        #expect(!high.isSilenced)
        // severity "none": shown, never a problem; no summary: the description; no annotation at all: the name.
        #expect(alerts[1].severityState == .ok)
        #expect(alerts[1].reason == "Watchdog")
        #expect(alerts[1].generatorURL == nil, "an empty generatorURL is none")
        #expect(alerts[2].severityState == .warn)
        #expect(alerts[2].reason == "/var at 91%")
    }

    @Test func severityWordsMapToStates() {
        func state(_ severity: String?) -> HealthState {
            FiringAlert(fingerprint: "f", labels: severity.map { ["severity": $0] } ?? [:]).severityState
        }
        #expect(state("critical") == .crit && state("CRITICAL") == .crit && state("page") == .crit)
        #expect(state("warning") == .warn && state(nil) == .warn && state("major") == .warn)
        #expect(state("info") == .ok && state("none") == .ok)
    }

    @Test func silencedAlertsNameTheirSilence() throws {
        let alerts = try AlertmanagerResponse.alerts(Array(RecordedFixture.data("alertmanager-alerts-silenced.json"))).get()
        let high = try #require(alerts.first { $0.alertname == "HighErrorRate" })
        #expect(high.silencedBy == ["b5fa15eb-3e77-45f0-9103-6d956c7eaa98"])
        #expect(alerts.filter(\.isSilenced).count == 1)
    }

    @Test func onlyActiveSilencesHaveAnEnd() throws {
        let ends = try AlertmanagerResponse.activeSilenceEnds(Array(RecordedFixture.data("alertmanager-silences.json"))).get()
        #expect(Array(ends.keys) == ["b5fa15eb-3e77-45f0-9103-6d956c7eaa98"], "the expired one is left out")
        let created = try AlertmanagerResponse.createdSilenceID(Array(RecordedFixture.data("alertmanager-silence-created.json"))).get()
        #expect(created == "b8ae1f1c-99f2-4d50-86e7-655bf2ada021")
    }

    @Test func rejectionsAreSaidInTheServersWords() {
        // What 0.25 answers a bad filter with (HTTP 400), and go-swagger's validation error.
        let bad = AlertmanagerResponse.alerts(Array(#""matcher value contains unescaped double quote: \"crit""#.utf8))
        #expect(bad == .failure(.serverError(#"matcher value contains unescaped double quote: "crit"#)))
        let missing = AlertmanagerResponse.createdSilenceID(Array(#"{"code":602,"message":"comment in body is required"}"#.utf8))
        #expect(missing == .failure(.serverError("comment in body is required")))
        #expect(AlertmanagerResponse.alerts(Array("<html>".utf8)) == .failure(.malformed("not JSON: <html>")))
        #expect(AlertmanagerResponse.alerts([]) == .failure(.malformed("empty body")))
    }

    @Test func silenceBodyIsJSONWithEveryLabelAsAnExactMatcher() throws {
        let start = RecordedFixture.date("2026-12-07T00:00:00Z")
        let body = AlertmanagerSilencer.body(
            labels: ["alertname": "DiskFilling", "instance": "db-1 \"quoted\""], start: start, duration: .seconds(3600),
            createdBy: "alice", comment: "incident 7")
        let object = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(object["createdBy"] as? String == "alice")
        #expect(object["startsAt"] as? String == "2026-12-07T00:00:00.000Z")
        #expect(object["endsAt"] as? String == "2026-12-07T01:00:00.000Z")
        let matchers = try #require(object["matchers"] as? [[String: Any]])
        #expect(matchers.map { $0["value"] as? String } == ["DiskFilling", "db-1 \"quoted\""])
        #expect(matchers.allSatisfy { $0["isEqual"] as? Bool == true && $0["isRegex"] as? Bool == false })
        #expect(!AlertmanagerSilencer.isSilenceID("../alerts") && AlertmanagerSilencer.isSilenceID("b5fa15eb-3e77-45f0-9103-6d956c7eaa98"))
    }
}
