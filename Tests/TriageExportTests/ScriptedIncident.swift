import Foundation
import TriageCore
import TriageExport
import TriageRunbook

/// One outage on a fixed clock, as the store would hold it: declared 19:42:03 UTC after an alert at
/// 19:40:10, acknowledged after 3m12s, one status update issued at 19:50, fixed and monitored.
enum ScriptedIncident {
    static let detected = date("2026-11-23T19:40:10Z")
    static let declared = date("2026-11-23T19:42:03Z")
    static let acknowledged = date("2026-11-23T19:43:22Z")
    static let mitigated = date("2026-11-23T20:03:00Z")
    static let now = date("2026-11-23T20:06:00Z")
    static let resolved = date("2026-11-23T20:20:30Z")
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let utc = TimeZone(identifier: "UTC")!

    static func date(_ text: String) -> Date {
        guard let value = ISO8601DateFormatter().date(from: text) else { fatalError("bad date \(text)") }
        return value
    }

    static func incident(resolved: Bool = false, runbookPath: String? = nil) -> Incident {
        Incident(
            id: "INC-20261123-1942", title: "Checkout API down", severity: "P1",
            status: resolved ? .resolved : .monitoring, commander: "alice", runbookPath: runbookPath,
            startedAt: declared, detectedAt: detected, acknowledgedAt: acknowledged, mitigatedAt: mitigated,
            resolvedAt: resolved ? Self.resolved : nil)
    }

    /// The timeline as `IncidentStore` records it; texts already redacted where the store would.
    static func events(resolved: Bool = false) -> [TimelineEvent] {
        var list: [(String, String, TimelineKind, String, Bool)] = [
            ("2026-11-23T19:40:10Z", "triage", .probe, "service checkout-api went down: HTTP 503", true),
            ("2026-11-23T19:42:03Z", "alice@bastion", .status,
             "Declared \"Checkout API down\" (P1, Investigating), commander alice", false),
            ("2026-11-23T19:43:22Z", "alice@bastion", .ack, "Acknowledged", false),
            ("2026-11-23T19:44:05Z", "alice@bastion", .tick,
             "Confirm the outage from outside: health endpoint, status page, a real request", false),
            ("2026-11-23T19:46:30Z", "bob@bastion", .note, "Impact: checkout fails for all EU customers", false),
            ("2026-11-23T19:48:00Z", "bob@bastion", .command,
             "$ Health endpoint from outside → exit 22\ncurl: (22) The requested URL returned error: 503",
             false),
            ("2026-11-23T19:50:00Z", "alice@bastion", .export, "Status update #1 issued", false),
            ("2026-11-23T19:55:00Z", "alice@bastion", .status, "Status Investigating → Identified", false),
            ("2026-11-23T19:56:10Z", "bob@bastion", .note,
             "Root cause: the database credentials expired at 19:38 and the pool could not reconnect", false),
            ("2026-11-23T19:58:00Z", "bob@bastion", .command,
             "$ Restart a deployment → exit 0\ndeployment.apps/checkout restarted", false),
            ("2026-11-23T20:01:00Z", "bob@bastion", .note, "fix: rotated the credentials and restarted checkout", false),
            ("2026-11-23T20:02:40Z", "alice@bastion", .tick, "Apply the fix and record the command and its result", false),
            ("2026-11-23T20:03:00Z", "alice@bastion", .status, "Status Identified → Monitoring", false),
            ("2026-11-23T20:05:00Z", "triage", .probe, "service checkout-api came back", true),
        ]
        if resolved {
            list += [
                ("2026-11-23T20:12:00Z", "alice@bastion", .note, "follow-up: alert on credentials expiring within 7 days",
                 false),
                ("2026-11-23T20:20:30Z", "alice@bastion", .status, "Status Monitoring → Resolved", false),
            ]
        }
        // Newest first, as the store returns them: ExportInput must sort.
        return Array(list.enumerated().map { index, row in
            TimelineEvent(
                id: Int64(index + 1), incidentID: "INC-20261123-1942", time: date(row.0), actor: row.1, kind: row.2,
                text: row.3, automatic: row.4)
        }.reversed())
    }

    /// Ticks for the built-in runbook's items that the timeline says were ticked.
    static func ticks(for runbook: Runbook) -> [String: ChecklistTick] {
        var ticks: [String: ChecklistTick] = [:]
        let ticked = [
            ("Confirm the outage from outside", "2026-11-23T19:44:05Z"),
            ("Acknowledge the alert", "2026-11-23T19:43:30Z"),
            ("Find what is down", "2026-11-23T19:49:00Z"),
            ("Apply the fix and record", "2026-11-23T20:02:40Z"),
            ("Export the incident timeline", "2026-11-23T20:25:00Z"),
        ]
        for (prefix, time) in ticked {
            guard let item = runbook.allItems.first(where: { $0.text.hasPrefix(prefix) }) else { continue }
            ticks[item.key] = ChecklistTick(itemKey: item.key, checked: true, actor: "alice@bastion", time: date(time))
        }
        return ticks
    }

    static let live = LiveFacts(
        collectedAt: date("2026-11-23T20:05:58Z"),
        failingChecks: [.service(name: "payments", state: "down", since: date("2026-11-23T19:41:00Z"), reason: "HTTP 502")],
        podsNotReady: [.pod(name: "shop/checkout-7d9f", state: "CrashLoopBackOff", since: date("2026-11-23T19:57:30Z"),
                            reason: "back-off restarting failed container")],
        containersDown: [.container(name: "redis-cache", state: "exited (137)", since: date("2026-11-23T19:52:10Z"),
                                    reason: "OOMKilled")])

    static func input(
        runbook: Runbook?, resolved: Bool = false, live: LiveFacts = ScriptedIncident.live,
        timeZone: TimeZone = berlin, now: Date? = nil
    ) -> ExportInput {
        ExportInput(
            incident: incident(resolved: resolved, runbookPath: runbook?.sourcePath), events: events(resolved: resolved),
            ticks: runbook.map(ticks(for:)) ?? [:], runbook: runbook, live: live,
            now: now ?? (resolved ? date("2026-11-23T20:21:00Z") : Self.now), timeZone: timeZone,
            actor: "carol@bastion")
    }

    /// A shared fixture runbook from TriageRunbookTests.
    static func fixture(_ name: String) -> Runbook {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../TriageRunbookTests/Fixtures/\(name)").standardized
        guard let data = FileManager.default.contents(atPath: url.path) else { fatalError("missing fixture \(url.path)") }
        return RunbookParser.parse(bytes: Array(data), path: "runbooks/\(name)")
    }

    /// A runbook whose status template uses every placeholder spelling the exports map.
    static let placeholderRunbook = RunbookParser.parse(text: """
        # Checkout runbook

        Post an update every 30 minutes.

        ## Severity

        | Severity | Description | Response Time |
        |---|---|---|
        | P1 | Checkout down | 5 minutes |

        ## Communication

        ### Status Update

        ```
        [UPDATE] [CURRENT_TIME] P[X] [Title] ([Incident ID])
        Status: [Status] (severity [Severity])
        Started: [Timestamp], at [Start Time]; running for [Duration]
        Affected: [Affected Services]
        Impact: [Impact]
        What we've tried, what's next: [What we've tried, what's next]
        ETA: [ETA]
        Posted by [Your Name] at [Time]; next update [Next Update]
        Details: [runbook](https://example.com/runbook) [Customer ticket]
        ```
        """, path: "inline-placeholders.md")
}
