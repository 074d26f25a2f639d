import Foundation
import Testing
import TriageCore
@testable import TriageExport
import TriageRunbook

/// No export in any format lets a secret through, even from events that were stored unredacted
/// (an older triage, a hand-edited database) or from live probe reasons, which are never stored.
@Suite struct RedactionTests {
    /// (text carrying a secret, the secret itself)
    static let cases: [(String, String)] = [
        ("curl https://admin:hunter2pass@db.internal/health", "hunter2pass"),
        ("mysql -uroot -pS3cretPw -h db", "S3cretPw"),
        ("psql --password Sekr1tValue -h db", "Sekr1tValue"),
        ("deploy with --password=Eq8lsValue", "Eq8lsValue"),
        ("export PASSWORD=pw123abc", "pw123abc"),
        ("DB_PASSWORD=\"quoted pw\" ./migrate", "quoted pw"),
        ("Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="),
        ("curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig' api", "eyJhbGciOiJIUzI1NiJ9"),
        ("token was Bearer abc.def.ghi123 in the log", "abc.def.ghi123"),
        ("GITHUB_TOKEN=ghp_abcdefghij0123 gh api", "ghp_abcdefghij0123"),
        ("AWS_SECRET=awsSecret987 aws s3 ls", "awsSecret987"),
        ("STRIPE_KEY=sk_live_12345 ./charge", "sk_live_12345"),
        ("api_key=lowercase555key", "lowercase555key"),
        // Issue 11's forms
        ("password: colonPw1", "colonPw1"),
        (#"{"password": "jsonPw2"}"#, "jsonPw2"),
        ("secret: yamlSecr3t", "yamlSecr3t"),
        ("X-Api-Key: headerK3y", "headerK3y"),
        ("Cookie: session=cookieS3ss; theme=dark", "cookieS3ss"),
        ("pushed ghp_aBcDeF0123456789aBcDeF0123456789abcd by mistake", "ghp_aBcDeF0123456789aBcDeF0123456789abcd"),
        ("Authorization: token schemeT0k", "schemeT0k"),
        ("retried with token wordT0k3n", "wordT0k3n"),
        ("Set-Cookie: sid=setCookieS1d; Path=/", "setCookieS1d"),
        ("-----BEGIN PRIVATE KEY-----\nMIIEpemBodyLine\n-----END PRIVATE KEY-----", "MIIEpemBodyLine"),
    ]

    static func leakyInput(runbook: Runbook?) -> ExportInput {
        var events: [TimelineEvent] = []
        var id: Int64 = 0
        var time = ScriptedIncident.declared
        func add(_ kind: TimelineKind, _ text: String) {
            id += 1
            time = time.addingTimeInterval(30)
            events.append(TimelineEvent(
                id: id, incidentID: "INC-20261123-1942", time: time, actor: "bob", kind: kind, text: text,
                automatic: false))
        }
        for (text, _) in cases {
            add(.note, text)
            add(.command, "$ \(text) → exit 1\nerror output repeating it: \(text)")
            add(.note, "root cause: \(text)")
            add(.note, "fix: \(text)")
            add(.note, "impact: \(text)")
            add(.note, "follow-up: \(text)")
        }
        let reasons = cases.map(\.0).joined(separator: "; ")
        let live = LiveFacts(
            collectedAt: time,
            failingChecks: [.service(name: "api", state: "down", since: ScriptedIncident.declared, reason: reasons)],
            podsNotReady: [.pod(name: "shop/api-1", state: "Error", since: nil, reason: reasons)])
        var incident = ScriptedIncident.incident(resolved: true)
        incident.title = "Leak test PASSWORD=titleSecret1"
        return ExportInput(
            incident: incident, events: events, runbook: runbook, live: live, now: time.addingTimeInterval(60),
            timeZone: ScriptedIncident.berlin, actor: "carol")
    }

    static func allExports(_ input: ExportInput) -> [(String, String)] {
        var out: [(String, String)] = []
        for format in ExportFormat.allCases {
            out.append(("status \(format)", StatusUpdate.render(input, format: format)))
            out.append(("resolution \(format)", ResolutionNotice.render(input, format: format)))
            out.append(("timeline \(format)", TimelineExport.render(input, format: format)))
            out.append(("status draft \(format)", StatusUpdate.draft(input, format: format).message))
            out.append(("resolution draft \(format)", ResolutionNotice.draft(input, format: format).message))
        }
        out.append(("postmortem", PostmortemDraft.render(input)))
        return out
    }

    @Test(arguments: ["none", "built-in", "placeholders"])
    func noSecretInAnyExport(runbookName: String) throws {
        let runbook: Runbook? = switch runbookName {
        case "built-in": BuiltinRunbook.parsed
        case "placeholders": ScriptedIncident.placeholderRunbook
        default: nil
        }
        let input = Self.leakyInput(runbook: runbook)
        for (name, text) in Self.allExports(input) {
            for (_, secret) in Self.cases + [("", "titleSecret1")] {
                #expect(!text.contains(secret), "\(name) leaks \(secret)")
            }
            #expect(text.contains(SecretRedactor.mask), "\(name) shows no mask at all")
        }
    }

    @Test func jsonStaysValidWhenSecretsAreQuoted() throws {
        let input = Self.leakyInput(runbook: nil)
        for (name, text) in Self.allExports(input) where name.hasSuffix("json") && !name.contains("draft") {
            #expect(throws: Never.self, "\(name) is not valid JSON") {
                try JSONSerialization.jsonObject(with: Data(text.utf8))
            }
        }
    }
}
