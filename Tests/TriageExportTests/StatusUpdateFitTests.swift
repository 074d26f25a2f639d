import Foundation
import Testing
import TriageCore
@testable import TriageExport
import TriageRunbook

/// Issue 14 §6: the status update is fit to post. "Affected" names what is down, grouped by kind,
/// with names a reader knows (no docker socket URLs); warnings are counted, never called failing;
/// placeholders the responder fills replace their blanks in the message and the saved file.
@Suite struct StatusUpdateFitTests {
    static let since = ScriptedIncident.date("2026-11-23T19:50:00Z")

    /// Two services down and one degraded, one pod failing and one pending, two containers down
    /// (one on this machine, one on db1) and one over its memory warning.
    static let mixed = LiveFacts(
        collectedAt: ScriptedIncident.date("2026-11-23T20:05:58Z"),
        failingChecks: [
            .service(name: "payments", state: "down", since: since, reason: "HTTP 502"),
            .service(name: "search", state: "degraded", since: since, reason: "slow: 2.4s", severity: .warning),
            .service(name: "checkout", state: "down", since: since, reason: "connection refused"),
        ],
        podsNotReady: [
            .pod(name: "shop/checkout-7d9f", state: "CrashLoopBackOff", since: nil, reason: "back-off restarting failed container"),
            .pod(name: "shop/web-2", state: "Pending", since: nil, reason: "Pending", severity: .warning),
        ],
        containersDown: [
            .container(name: "lab-oom", state: "exited", since: since, reason: "OOM-killed", host: DockerHostTag.readable("unix:///tmp/lab/podman.sock")),
            .container(name: "redis-cache", state: "exited", since: since, reason: "exited 137", host: DockerHostTag.readable("ssh://ops@db1:22")),
            .container(name: "lab-mem", state: "running", since: nil, reason: "memory 93% of limit", severity: .warning, host: "local"),
        ])

    @Test func builtInLayoutGroupsCriticalItemsByKindAndCountsWarnings() {
        let input = ScriptedIncident.input(runbook: nil, live: Self.mixed)
        let text = StatusUpdate.render(input, format: .text)
        Golden.check(text, "status-fit-grouped.txt")
        #expect(text.contains("Services down:\n  - payments: down"))
        #expect(text.contains("Containers down:\n  - lab-oom: exited"))
        #expect(text.contains("  - redis-cache on db1: exited"))
        #expect(text.contains("Also: 3 warnings (degraded, not down)"))
        // Warnings are not listed as affected, and nothing reads as a socket URL.
        #expect(!text.contains("search:"))
        #expect(!text.contains("lab-mem"))
        #expect(!text.contains("unix://"))
        #expect(!text.contains("lab-oom@") && !text.contains("redis-cache@"), "a container is its name and host tag")
    }

    @Test func templateAffectedNamesAreGroupedAndWarningsCounted() {
        let input = ScriptedIncident.input(runbook: ScriptedIncident.placeholderRunbook, live: Self.mixed)
        let draft = StatusUpdate.draft(input, format: .text)
        #expect(draft.message.contains(
            "Affected: payments, checkout; pod shop/checkout-7d9f; containers lab-oom, redis-cache on db1; and 3 warnings"),
            "\(draft.message)")
    }

    @Test func aWarningIsNeverCalledFailing() {
        let onlyWarn = LiveFacts(
            collectedAt: ScriptedIncident.date("2026-11-23T20:05:58Z"),
            failingChecks: [.service(name: "search", state: "degraded", since: Self.since, reason: "slow", severity: .warning)])
        var input = ScriptedIncident.input(runbook: nil, live: onlyWarn)
        input.events = input.events.filter { !$0.text.lowercased().hasPrefix("impact:") }
        let text = StatusUpdate.render(input, format: .text)
        #expect(!text.contains("failing"), "\(text)")
        #expect(text.contains("Affected: nothing down now, and 1 warning (degraded)"), "\(text)")
        let facts = IncidentFacts(input)
        #expect(facts.impactLine == "nothing down; 1 warning (degraded, not down)", "\(facts.impactLine ?? "nil")")
        #expect(facts.affectedNames == "nothing down now; and 1 warning")
    }

    @Test func filledPlaceholdersReplaceTheirBlanksInTheMessageAndTheFile() {
        let input = ScriptedIncident.input(runbook: ScriptedIncident.placeholderRunbook)
        let draft = StatusUpdate.draft(input, format: .text)
        #expect(draft.leftForHuman == ["[ETA]", "[Customer ticket]"])
        let filled = draft.filling(["[ETA]": "  21:00 UTC ", "[Customer ticket]": "", "[Nonsense]": "x"])
        #expect(filled.message.contains("ETA: 21:00 UTC\n"), "\(filled.message)")
        // A blank answer leaves its placeholder listed and in the text.
        #expect(filled.leftForHuman == ["[Customer ticket]"])
        #expect(filled.message.contains("[Customer ticket]"))
        #expect(!filled.message.contains("[ETA]"))
        let file = StatusUpdate.render(input, format: .markdown, fills: ["[ETA]": "21:00 UTC", "[Customer ticket]": "CS-4711"])
        Golden.check(file, "status-fit-filled.md")
        #expect(!file.contains("Left for you"), "nothing is left once every blank is filled")
    }

    @Test func anAnswerIsRedactedAndNeutralizedLikeTheRestOfTheMessage() {
        let input = ScriptedIncident.input(runbook: ScriptedIncident.placeholderRunbook)
        let filled = StatusUpdate.draft(input, format: .text).filling(["[ETA]": "soon, db password=hunter2 \u{1B}]52;c;x\u{07}"])
        #expect(!filled.message.contains("hunter2"), "\(filled.message)")
        #expect(!filled.message.contains("\u{1B}"))
    }

    @Test(arguments: [
        ("unix:///tmp/triage-lab/podman.sock", "local"), ("unix:///var/run/docker.sock", "local"),
        ("tcp://10.0.0.5:2376", "10.0.0.5"), ("ssh://ops@db1", "db1"), ("ssh://ops@db1:2222", "db1"),
        ("tcp://[::1]:2376", "::1"), ("prod-east", "prod-east"), ("local", "local"), ("", "local"),
    ])
    func dockerHostTagsReadAsHostNames(host: String, readable: String) {
        #expect(DockerHostTag.readable(host) == readable)
    }
}
