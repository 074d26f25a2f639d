import Foundation
import Testing
import TriageCore
@testable import TriageExport
import TriageRunbook

@Suite struct FactsTests {
    @Test(arguments: [
        ("ls: exit 0", nil), ("curl …: exit 22", "exit 22"), ("exit code 1", "exit 1"), ("exit status: 2", "exit 2"),
        ("exited with code 3", "exit 3"), ("exited 127", "exit 127"), ("killed by signal 9", "signal 9"),
        ("deadline: timed out after 30s", "timed out"), ("kubectl get pods", nil),
        // As the incident pane records them: only the status after the arrow counts.
        ("$ Restart a container → exit 1\nError: no such container: web", "exit 1"),
        ("$ Check pods → exit 0\nlast run said exit 3", nil),
        ("$ Roll back → timed out after 2m\n", "timed out"),
        ("$ Roll back → killed by signal 9", "signal 9"),
        ("$ Host resources → could not start /bin/sh", "could not start /bin/sh"),
    ] as [(String, String?)])
    func commandOutcome(text: String, failure: String?) {
        #expect(CommandOutcome.failure(in: text) == failure)
    }

    @Test func notesByPrefixLatestWins() {
        var input = ScriptedIncident.input(runbook: nil)
        input.events.append(TimelineEvent(
            id: 99, incidentID: input.incident.id, time: input.now, actor: "bob", kind: .note,
            text: "  ROOT CAUSE:   a bad deploy ", automatic: false))
        let facts = IncidentFacts(input)
        #expect(facts.rootCause == "a bad deploy")
        #expect(facts.fix == "rotated the credentials and restarted checkout")
        #expect(facts.impactNote == "checkout fails for all EU customers")
    }

    @Test func actionsAndChangesSinceTheLastUpdate() {
        let facts = IncidentFacts(ScriptedIncident.input(runbook: nil))
        #expect(facts.lastUpdateTime == ScriptedIncident.date("2026-11-23T19:50:00Z"))
        #expect(facts.actionsSinceLastUpdate.map(\.kind) == [.note, .command, .note, .tick])
        #expect(facts.changesSinceLastUpdate.map(\.kind) == [.status, .status, .probe])
        #expect(facts.newlyAffected.map(\.name) == ["shop/checkout-7d9f", "redis-cache"])
    }

    @Test func timeInEachStatus() {
        let facts = IncidentFacts(ScriptedIncident.input(runbook: nil, resolved: true))
        let spent = facts.secondsPerStatus.map { "\($0.status.rawValue) \(Int($0.seconds))" }
        #expect(spent == ["investigating 777", "identified 480", "monitoring 1050"])
    }

    @Test func statusUpdateLogCountsIssuedUpdates() {
        let events = ScriptedIncident.events()
        #expect(StatusUpdateLog.previous(in: events) == .init(number: 1, time: ScriptedIncident.date("2026-11-23T19:50:00Z")))
        #expect(StatusUpdateLog.nextNumber(in: events) == 2)
        #expect(StatusUpdateLog.issuedText(number: 3) == "Status update #3 issued")
        let other = TimelineEvent(id: 1, incidentID: "x", time: .now, actor: "a", kind: .export, text: "Timeline exported", automatic: false)
        #expect(StatusUpdateLog.number(of: other) == nil)
        #expect(StatusUpdateLog.previous(in: [other]) == nil)
    }

    @Test func nextUpdateFollowsTheRunbookInterval() {
        #expect(ScriptedIncident.input(runbook: nil).updateIntervalMinutes == 15)
        #expect(ScriptedIncident.input(runbook: ScriptedIncident.placeholderRunbook).updateIntervalMinutes == 30)
        #expect(ScriptedIncident.input(runbook: nil).updateNumber == 2)
    }

    @Test func failingTracksBecomeAffectedServices() {
        var track = ServiceCheckTrack(name: "api", kind: .http, policy: .init(failuresToCrit: 1))
        let http = HTTPCheckResult(statusCode: 503, state: .crit, reason: "HTTP 503")
        track.record(ServiceCheckResult(name: "api", detail: .http(http), checkedAt: ScriptedIncident.declared))
        let ok = ServiceCheckTrack(name: "web", kind: .http)
        let items = LiveFacts.failingChecks(from: [track, ok])
        #expect(items.map(\.name) == ["api"])
        #expect(items.first?.reason == "HTTP 503")
    }
}
