import Foundation
import Testing
import TriageCore
import TriageStore

/// Issue 11's secret forms, typed into a title, a commander, a note and a runbook command's output,
/// through the real store and the real `triage export`: no secret in any byte of the database files
/// or of any export, and the masked text still reads right.
@Suite struct SecretRedactionExportTests {
    static let ghp = "ghp_nT0k3nAbCdEf0123456789aBcDeF01234567"
    static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJjbWQiOjF9.cmdJwtSig"

    /// One line, as a note is typed.
    static let note = #"login broken: password: ntPw1x; "password": "ntJs0n2"; secret: ntSecr3t; "#
        + "X-Api-Key: ntApiK4y; retried with token ntTok5n9 and \(ghp); Cookie: session=ntS3ss"

    /// Output of a runbook command, as IncidentSession records it.
    static let commandOutput = """
        $ ./diagnose.sh → exit 1
        > Authorization: Bearer cmdB3arer
        > Proxy-Authorization: Basic cmdBas1c
        < Set-Cookie: sid=cmdS1d; Path=/; HttpOnly
        X-Auth-Token: cmdAuthT0k
        PGPASSWORD=cmdPgPw9 psql -h db
        AWS_SECRET_ACCESS_KEY=cmdAwsS3cretKeyValue aws s3 ls
        aws_secret_access_key = cmdIniS3cret
        connecting to postgres://app:cmdDbPw7@db:5432/shop
        GET /v1/items?api_key=cmdQueryK3y&page=2
        {"token": "cmdJs0nTok", "user": "bob"}
        -----BEGIN RSA PRIVATE KEY-----
        MIIEcmdPemB0dyLine1
        cmdPemB0dyLine2==
        -----END RSA PRIVATE KEY-----
        slack xoxb-123456789012-cmdSlackTok, aws AKIAIOSFODNN7EXAMPLE, jwt \(jwt)
        """

    static let secrets = [
        "ttlPw1", "cmdrTok2", "ntPw1x", "ntJs0n2", "ntSecr3t", "ntApiK4y", "ntTok5n9", ghp, "ntS3ss", "cmdB3arer",
        "cmdBas1c", "cmdS1d", "cmdAuthT0k", "cmdPgPw9", "cmdAwsS3cretKeyValue", "cmdIniS3cret", "cmdDbPw7",
        "cmdQueryK3y", "cmdJs0nTok", "cmdPemB0dyLine1", "cmdPemB0dyLine2", "cmdSlackTok", "AKIAIOSFODNN7EXAMPLE",
        "cmdJwtSig",
    ]

    /// How the masked text reads in the timeline.
    static let readable = [
        "password: ****; \"password\": \"****\"; secret: ****; X-Api-Key: ****; retried with token **** and ****; Cookie: session=****",
        "Authorization: Bearer ****", "Proxy-Authorization: Basic ****", "Set-Cookie: sid=****; Path=/; HttpOnly",
        "X-Auth-Token: ****", "PGPASSWORD=**** psql -h db", "AWS_SECRET_ACCESS_KEY=**** aws s3 ls",
        "aws_secret_access_key = ****", "postgres://app:****@db:5432/shop", "?api_key=****&page=2",
        "\"token\": \"****\", \"user\": \"bob\"", "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----",
        "slack ****, aws ****, jwt ****",
    ]

    @Test func issueFormsAreMaskedInTheDatabaseAndEveryExport() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let new = try CLIRun([
            "incident", "new", "--title", "Checkout down, password: ttlPw1", "--severity", "P1",
            "--commander", "alice token=cmdrTok2", "--state", state.path,
        ])
        #expect(new.status == 0, "stderr: \(new.standardError)")
        let id = new.standardOutput.trimmingCharacters(in: .newlines)

        let store = try IncidentStore(stateDirectory: state.path, mode: .readWrite)
        try store.addNote(incidentID: id, text: Self.note, actor: "bob")
        try store.appendEvent(incidentID: id, kind: .command, text: Self.commandOutput, actor: "bob")
        let stored = try store.events(incidentID: id).map(\.text).joined(separator: "\n")
        try store.close()
        for phrase in Self.readable {
            #expect(stored.contains(phrase), "the stored timeline does not read \(phrase)")
        }
        #expect(stored.contains("Declared \"Checkout down, password: ****\""))

        var exports: [(String, String)] = []
        for kind in ["timeline", "status", "resolution"] {
            for format in ["markdown", "text", "json"] {
                let run = try CLIRun(["export", kind, "--format", format, "--state", state.path])
                #expect(run.status == 0, "export \(kind) \(format): \(run.standardError)")
                exports.append(("\(kind) \(format)", run.standardOutput))
            }
        }
        let postmortem = try CLIRun(["export", "postmortem", "--state", state.path])
        #expect(postmortem.status == 0, "export postmortem: \(postmortem.standardError)")
        exports.append(("postmortem", postmortem.standardOutput))

        for (name, text) in exports {
            #expect(text.contains(SecretRedactor.mask), "\(name) shows no mask")
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(name) leaks \(secret)")
            }
        }
        let timelineText = try #require(exports.first { $0.0 == "timeline text" }?.1)
        #expect(timelineText.contains("password: ****; \"password\": \"****\"; secret: ****"))
        #expect(timelineText.contains("    -----BEGIN RSA PRIVATE KEY-----\n    ****\n    -----END RSA PRIVATE KEY-----"))
        let timelineJSON = try #require(exports.first { $0.0 == "timeline json" }?.1)
        let timeline = try #require(try JSONSerialization.jsonObject(with: Data(timelineJSON.utf8)) as? [String: Any])
        let events = try #require(timeline["events"] as? [[String: Any]])
        let texts = events.compactMap { $0["text"] as? String }.joined(separator: "\n")
        for phrase in Self.readable {
            #expect(texts.contains(phrase), "the JSON timeline does not read \(phrase)")
        }

        // Every byte SQLite wrote (the exports above recorded themselves, so the WAL is fresh too).
        let files = try FileManager.default.contentsOfDirectory(atPath: state.path).filter { $0.hasPrefix("incidents.sqlite") }
        #expect(files.contains("incidents.sqlite"))
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: state.path).appendingPathComponent(file))
            for secret in Self.secrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds \(secret)")
            }
        }
    }
}
