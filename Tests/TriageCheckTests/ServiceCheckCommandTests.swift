import Foundation
import Testing
import TriageTestSupport

/// `triage check` as a script runs it: the real binary, real curl against a loopback server, real
/// commands, a Prometheus stand-in; JSON fields, table text and exit statuses.
@Suite("triage check: services, commands, queries, config errors", .serialized)
struct ServiceCheckCommandTests {
    @Test func everyKindOfCheckWithItsStateReasonAndExitStatus() async throws {
        let server = try await LoopbackServer.start()
        let directory = try CheckLab.temporaryDirectory("svc")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try CheckLab.write("""
            services:
              - name: up
                url: \(server.base)/ok
                expect_body: ok
              - name: broken
                url: \(server.base)/status/500
              - name: wrong body
                url: \(server.base)/text/hello
                expect_body: ok
              - name: refused
                url: http://127.0.0.1:1/health
                timeout: 2s
              - name: "evil\\e[2J\\e]0;title\\aname"
                url: \(server.base)/ok
            checks:
              - name: truthy
                run: ["true"]
              - name: pong
                run: [echo, PONG]
                expect_output: PONG
              - name: falsy
                run: ["false"]
            prometheus:
              - name: web up
                url: \(server.base)
                query: 'up{job="web"}'
                crit_below: 1
              - name: errors
                url: \(server.base)
                query: low_error_rate
                warn_above: 0.01
                crit_above: 0.05
            """, "triage.yaml", in: directory)
        let environment = TriageProcess.cleanEnvironment(home: directory)

        let result = try TriageProcess.run(["check", "--config", config, "--json"], environment: environment, directory: directory)
        let document = try result.json()
        CheckJSON.expectWellFormed(document)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect((document["summary"] as? [String: Any])?["exitStatus"] as? Int == 2)
        #expect(document["config"] as? String == config)

        func service(_ name: String) -> [String: Any]? { CheckJSON.entry(document, "services", named: name) }
        #expect(CheckJSON.entries(document, "services").map { $0["name"] as? String ?? "" }
            == ["up", "broken", "wrong body", "refused", "evil\u{1B}[2J\u{1B}]0;title\u{07}name"])
        #expect(service("up")?["state"] as? String == "ok")
        #expect(service("up")?["statusCode"] as? Int == 200)
        #expect(service("up")?["latencyMs"] is Double || service("up")?["latencyMs"] is Int)
        #expect(service("broken")?["state"] as? String == "crit")
        #expect(service("broken")?["statusCode"] as? Int == 500)
        #expect((service("broken")?["reason"] as? String)?.contains("500") == true, "\(String(describing: service("broken")))")
        #expect(service("wrong body")?["state"] as? String == "crit")
        #expect((service("wrong body")?["reason"] as? String)?.contains("ok") == true, "\(String(describing: service("wrong body")))")
        #expect(service("refused")?["state"] as? String == "crit")
        #expect(service("refused")?["statusCode"] is NSNull)
        #expect((service("refused")?["reason"] as? String)?.lowercased().contains("connect") == true, "\(String(describing: service("refused")))")

        func check(_ name: String) -> [String: Any]? { CheckJSON.entry(document, "checks", named: name) }
        #expect(check("truthy")?["state"] as? String == "ok")
        #expect(check("pong")?["state"] as? String == "ok")
        #expect(check("falsy")?["state"] as? String == "crit")
        #expect(check("falsy")?["exitCode"] as? Int == 1)
        #expect(check("falsy")?["command"] as? [String] == ["false"])

        func query(_ name: String) -> [String: Any]? { CheckJSON.entry(document, "prometheus", named: name) }
        #expect(query("web up")?["state"] as? String == "crit")
        #expect((query("web up")?["samples"] as? [[String: Any]])?.count == 2)
        #expect(query("errors")?["state"] as? String == "ok")

        // The table: same verdicts, and not one control character from the hostile name reaches the terminal.
        let table = try TriageProcess.run(["check", "--config", config], environment: environment, directory: directory)
        #expect(table.status == 2)
        #expect(table.stdout.contains("SERVICES (5)") && table.stdout.contains("CHECKS (3)") && table.stdout.contains("PROMETHEUS (2)"))
        #expect(table.stdout.contains("HOST "))
        let controls = table.stdout.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" }
        #expect(controls.isEmpty, "control characters in the table: \(controls.map(\.value))")
        #expect(table.stdout.contains("evil␛[2J"), "\(table.stdout)")
        let brokenLine = table.stdout.split(separator: "\n").first { $0.contains("broken") }
        #expect(brokenLine?.contains("CRIT") == true && brokenLine?.contains("500") == true, "\(String(describing: brokenLine))")
        #expect(table.stdout.contains("(exit 2)"))
        await server.stop()
    }

    @Test func exitStatusFollowsTheWorstState() async throws {
        let server = try await LoopbackServer.start()
        let directory = try CheckLab.temporaryDirectory("exit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = TriageProcess.cleanEnvironment(home: directory)

        let okConfig = try CheckLab.write("""
            services:
              - name: up
                url: \(server.base)/ok?token=s3cret-value
            """, "ok.yaml", in: directory)
        let ok = try TriageProcess.run(["check", "--config", okConfig, "--json"], environment: environment, directory: directory)
        let okDocument = try ok.json()
        CheckJSON.expectWellFormed(okDocument)
        #expect(CheckJSON.entry(okDocument, "services", named: "up")?["state"] as? String == "ok")
        // Credentials in a URL are masked in the report, as in every export.
        #expect(CheckJSON.entry(okDocument, "services", named: "up")?["url"] as? String == "\(server.base)/ok?token=****")
        #expect(!ok.stdout.contains("s3cret-value"))
        #expect(ok.status == CheckJSON.expectedExit(worst: "ok", document: okDocument), "host: \(String(describing: okDocument["host"]))")

        let warnConfig = try CheckLab.write("""
            services:
              - name: sluggish
                url: \(server.base)/slow?ms=600
                warn_latency: 200ms
            """, "warn.yaml", in: directory)
        let warn = try TriageProcess.run(["check", "--config", warnConfig, "--json"], environment: environment, directory: directory)
        let warnDocument = try warn.json()
        #expect(CheckJSON.entry(warnDocument, "services", named: "sluggish")?["state"] as? String == "warn")
        #expect(warn.status == CheckJSON.expectedExit(worst: "warn", document: warnDocument))
        #expect((warnDocument["summary"] as? [String: Any])?["exitStatus"] as? Int == Int(warn.status))
        await server.stop()
    }

    @Test func configurationErrorsExitThreeWithFileLineColumn() throws {
        let directory = try CheckLab.temporaryDirectory("cfg")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = TriageProcess.cleanEnvironment(home: directory)
        let config = try CheckLab.write("""
            services:
              - name: api
                url: http://127.0.0.1:1/health
                timeout: fast
                colour: blue
            """, "bad.yaml", in: directory)
        let result = try TriageProcess.run(["check", "--config", config, "--json"], environment: environment, directory: directory)
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(config):4:14: services[0].timeout:"), "\(result.stderr)")
        #expect(result.stderr.contains("\(config):5:5: services[0].colour: unknown key"), "\(result.stderr)")

        let missing = try TriageProcess.run(["check", "--config", directory + "/nope.yaml"], environment: environment, directory: directory)
        #expect(missing.status == 3)
        #expect(missing.stderr.contains(directory + "/nope.yaml:1:1:"), "\(missing.stderr)")

        // ./triage.yaml is found without --config, and its errors are reported the same way.
        _ = try CheckLab.write("refresh: soon\n", "triage.yaml", in: directory)
        let local = try TriageProcess.run(["check"], environment: environment, directory: directory)
        #expect(local.status == 3)
        #expect(local.stderr.contains("triage.yaml:1:10: refresh:"), "\(local.stderr)")
    }
}
