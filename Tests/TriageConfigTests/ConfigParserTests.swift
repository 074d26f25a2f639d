import Foundation
import Testing
import TriageCore
@testable import TriageConfig

@Suite("ConfigParser")
struct ConfigParserTests {
    /// The shape from issue 3, verbatim: these names are fixed.
    static let issueExample = """
        refresh: 2s
        services:                      # HTTP checks
          - name: backend
            url: http://127.0.0.1:8001/health
            expect_status: 200         # default: any 2xx
            expect_body: ok            # optional substring
            timeout: 2s
            warn_latency: 2s
        checks:                        # command checks, argv only
          - name: redis
            run: [redis-cli, ping]
            expect_output: PONG
            timeout: 3s
        prometheus:
          - name: 5xx rate
            url: http://127.0.0.1:9090
            query: 'sum(rate(http_requests_total{status=~"5.."}[5m]))'
            warn_above: 0.01
            crit_above: 0.05
        docker:
          - host: unix:///var/run/docker.sock   # or context: NAME, or ssh://user@host
            containers: ["codexos-*"]          # globs; default all
        kubernetes:
          - context: prod                       # default: current context
            namespaces: [adaptive-learning-production]   # default: all
            selector: app=auth                  # optional

        """

    @Test func issueExampleParses() throws {
        let config = try ConfigParser.parse(yaml: Self.issueExample, file: "triage.yaml")
        #expect(config.refresh == .seconds(2))
        #expect(config.services == [HTTPCheckSpec(
            name: "backend", url: "http://127.0.0.1:8001/health", expectStatus: .codes([200]), expectBody: "ok",
            timeout: .seconds(2), warnLatency: .seconds(2))])
        #expect(config.checks == [CommandCheckSpec(name: "redis", argv: ["redis-cli", "ping"], expectOutput: "PONG", timeout: .seconds(3))])
        #expect(config.prometheus == [PrometheusQuerySpec(
            name: "5xx rate", serverURL: "http://127.0.0.1:9090", query: #"sum(rate(http_requests_total{status=~"5.."}[5m]))"#,
            thresholds: ValueThresholds(warnAbove: 0.01, critAbove: 0.05))])
        #expect(config.docker == [DockerTarget(endpoint: .host("unix:///var/run/docker.sock"), containers: ["codexos-*"])])
        #expect(config.kubernetes == [KubernetesTarget(context: "prod", namespaces: ["adaptive-learning-production"], selector: "app=auth")])
        #expect(config.sourcePath == "triage.yaml")
    }

    @Test func docsExampleParsesWithEveryKey() throws {
        let docs = try String(contentsOfFile: Self.repositoryRoot + "/docs/CONFIG.md", encoding: .utf8)
        let start = try #require(docs.range(of: "```yaml\n"))
        let end = try #require(docs.range(of: "\n```", range: start.upperBound..<docs.endIndex))
        let yaml = String(docs[start.upperBound..<end.lowerBound])
        let config = try ConfigParser.parse(yaml: yaml, file: "CONFIG.md", baseDirectory: "/srv/triage")
        #expect(config.refresh == .seconds(5))
        let backend = try #require(config.services.first)
        #expect(backend.method == "GET")
        #expect(backend.expectStatus == .codes([200, 204]))
        #expect(backend.interval == .seconds(10))
        #expect(backend.headers == [HTTPHeader(name: "Authorization", value: "Bearer REPLACE_ME")])
        #expect(backend.verifyTLS == false)
        #expect(backend.certWarn == .seconds(21 * 86400) && backend.certCrit == .seconds(7 * 86400))
        #expect(backend.policy == CheckStateMachine.Policy(failuresToCrit: 3, successesToRecover: 2))
        #expect(config.checks.first?.environment == ["PGCONNECT_TIMEOUT": "2"])
        #expect(config.checks.first?.expectExit == 0)
        #expect(config.prometheus.count == 2)
        #expect(config.prometheus[1].thresholds == ValueThresholds(critBelow: 1))
        #expect(config.docker.map(\.endpoint) == [.host("unix:///var/run/docker.sock"), .context("staging"), .host("ssh://ops@db1.example.com")])
        #expect(config.kubernetes.count == 2)
        #expect(config.kubernetes[1] == KubernetesTarget())
        #expect(config.logs == [
            .docker(container: "web", endpoint: .default),
            .docker(container: "api-*", endpoint: .context("staging")),
            .kubectl(target: "deployment/auth", context: "prod", namespace: "adaptive-learning-production", selector: nil),
            .kubectl(target: "pods", context: nil, namespace: "jobs", selector: "app=worker"),
            .file(path: "/var/log/nginx/error.log"),
            .file(path: "/srv/triage/logs/app.log"),
        ])
        #expect(config.runbook == "/srv/triage/runbooks/outage.md")
        #expect(config.theme == "light")
        #expect(config.state == "/srv/triage/triage-state.sqlite")
    }

    @Test func emptyFileIsTheDefault() throws {
        let config = try ConfigParser.parse(yaml: "# nothing yet\n", file: "t.yaml")
        #expect(config.configuresNothing)
        #expect(config.refresh == .seconds(2))
        #expect(try ConfigParser.parse(yaml: "services:\nchecks: []\n", file: "t.yaml").configuresNothing)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let label: String
        let yaml: String
        let errors: [String]
        var testDescription: String { label }
    }

    static let badConfigs: [Bad] = [
        Bad(label: "unknown top-level key", yaml: "refesh: 2s\n", errors: [
            #"t.yaml:1:1: refesh: unknown key "refesh" (did you mean "refresh"?)"#]),
        Bad(label: "unknown key in a check", yaml: "services:\n  - name: a\n    url: http://h/\n    timout: 2s\n", errors: [
            #"t.yaml:4:5: services[0].timout: unknown key "timout" (did you mean "timeout"?)"#]),
        Bad(label: "bare number as duration", yaml: "services:\n  - name: a\n    url: http://h/\n    timeout: 5\n", errors: [
            #"t.yaml:4:14: services[0].timeout: invalid duration "5": use a number with a unit, e.g. 500ms, 2s, 1m, 1h"#]),
        Bad(label: "bad refresh", yaml: "refresh: soon\n", errors: [
            #"t.yaml:1:10: refresh: invalid duration "soon": use a number with a unit, e.g. 500ms, 2s, 1m, 1h"#]),
        Bad(label: "zero duration", yaml: "refresh: 0s\n", errors: [
            "t.yaml:1:10: refresh: duration must be more than 0"]),
        // Found by the config fuzzer: a 91-digit latency trapped converting to Int64 milliseconds.
        Bad(label: "duration past a hundred years", yaml: "services:\n  - name: a\n    url: http://h/\n    warn_latency: 150999999999999999999999999999999999999999999999999999999999999999999999999999999999999990ms\n", errors: [
            #"t.yaml:4:19: services[0].warn_latency: duration "150999999999999999999999999999999999999999999999999999999999999999999999999999999999999990ms" is longer than 100 years"#]),
        Bad(label: "status as text", yaml: "services:\n  - name: a\n    url: http://h/\n    expect_status: ok\n", errors: [
            #"t.yaml:4:20: services[0].expect_status: expected a whole number, found "ok""#]),
        Bad(label: "status out of range", yaml: "services:\n  - name: a\n    url: http://h/\n    expect_status: [200, 99]\n", errors: [
            "t.yaml:4:26: services[0].expect_status[1]: 99 is out of range 100…599"]),
        Bad(label: "URL without scheme", yaml: "services:\n  - name: a\n    url: 127.0.0.1:8001/health\n", errors: [
            #"t.yaml:3:10: services[0].url: invalid URL "127.0.0.1:8001/health": expected http://…, https://…"#]),
        Bad(label: "URL with the wrong scheme", yaml: "services:\n  - name: a\n    url: ftp://h/x\n", errors: [
            #"t.yaml:3:10: services[0].url: unsupported URL scheme "ftp" in "ftp://h/x": expected http://…, https://…"#]),
        Bad(label: "URL with spaces", yaml: "prometheus:\n  - name: p\n    url: http://prom host:9090\n    query: up\n", errors: [
            #"t.yaml:3:10: prometheus[0].url: invalid URL "http://prom host:9090": expected http://…, https://…"#]),
        Bad(label: "missing url", yaml: "services:\n  - name: a\n", errors: [
            #"t.yaml:2:5: services[0].url: missing required key "url""#]),
        Bad(label: "run as a shell string", yaml: "checks:\n  - name: r\n    run: redis-cli ping\n", errors: [
            "t.yaml:3:10: checks[0].run: run must be a list of arguments such as [redis-cli, ping], not a shell string"]),
        Bad(label: "run empty", yaml: "checks:\n  - name: r\n    run: []\n", errors: [
            "t.yaml:3:10: checks[0].run: run needs at least the command name"]),
        Bad(label: "threshold as text", yaml: "prometheus:\n  - name: p\n    url: http://h:9090\n    query: up\n    crit_below: '1'\n", errors: [
            #"t.yaml:5:17: prometheus[0].crit_below: expected a number, found "1""#]),
        Bad(label: "warn above crit", yaml: "prometheus:\n  - name: p\n    url: http://h:9090\n    query: up\n    warn_above: 5\n    crit_above: 1\n", errors: [
            "t.yaml:5:17: prometheus[0].warn_above: warn_above (5) is above crit_above (1)"]),
        Bad(label: "verify_tls as text", yaml: "services:\n  - name: a\n    url: https://h/\n    verify_tls: no-thanks\n", errors: [
            #"t.yaml:4:17: services[0].verify_tls: expected true or false, found "no-thanks""#]),
        Bad(label: "duplicate names", yaml: "services:\n  - name: a\n    url: http://h/1\n  - name: a\n    url: http://h/2\n", errors: [
            #"t.yaml:4:11: services[1].name: duplicate name "a" (also services[0]); names identify rows"#]),
        Bad(label: "section is not a list", yaml: "services:\n  name: a\n", errors: [
            "t.yaml:2:3: services: expected a list (lines starting with \"- \"), found a mapping"]),
        Bad(label: "docker host over http", yaml: "docker:\n  - host: http://h:2375\n", errors: [
            #"t.yaml:2:11: docker[0].host: unsupported URL scheme "http" in "http://h:2375": expected unix://…, tcp://…, ssh://…, npipe://…"#]),
        Bad(label: "docker host and context", yaml: "docker:\n  - host: tcp://h:2376\n    context: prod\n", errors: [
            "t.yaml:3:5: docker[0].context: give host: or context:, not both"]),
        Bad(label: "log entry with two kinds", yaml: "logs:\n  - docker: web\n    file: /x\n", errors: [
            "t.yaml:2:5: logs[0]: a log entry takes one of docker:, kubectl: or file:, not docker and file"]),
        Bad(label: "log option for another kind", yaml: "logs:\n  - file: /x\n    namespace: a\n", errors: [
            "t.yaml:3:5: logs[0].namespace: namespace: does not apply to a file: log entry"]),
        Bad(label: "header value never echoed", yaml: "services:\n  - name: a\n    url: http://h/\n    headers:\n      'Bad Name': s3cret\n", errors: [
            "t.yaml:5:7: services[0].headers.Bad Name: invalid header (names are letters, digits and -, values one line)"]),
        Bad(label: "YAML syntax", yaml: "services:\n  - name: a\n   url: http://h/\n", errors: [
            "t.yaml:3:4: YAML syntax: did not find expected '-' indicator (while parsing a block collection)"]),
        Bad(label: "duplicate key", yaml: "refresh: 2s\nrefresh: 3s\n", errors: [
            #"t.yaml:2:1: refresh: duplicate key "refresh" (first at line 1); only one may be given"#]),
        Bad(label: "two duplicate keys, both reported", yaml: "refresh: 2s\ntheme: a\nrefresh: 3s\ntheme: b\n", errors: [
            #"t.yaml:3:1: refresh: duplicate key "refresh" (first at line 1); only one may be given"#,
            #"t.yaml:4:1: theme: duplicate key "theme" (first at line 2); only one may be given"#]),
        Bad(label: "a key three times, nested, and at the top", yaml: "services:\n  - name: a\n    url: http://h/\n    name: b\n    name: c\nservices: []\n", errors: [
            #"t.yaml:4:5: services[0].name: duplicate key "name" (first at line 2); only one may be given"#,
            #"t.yaml:5:5: services[0].name: duplicate key "name" (first at line 2); only one may be given"#,
            #"t.yaml:6:1: services: duplicate key "services" (first at line 1); only one may be given"#]),
        Bad(label: "duplicate key in a flow mapping", yaml: "services: [{name: a, url: 'http://h/', name: b}]\n", errors: [
            #"t.yaml:1:40: services[0].name: duplicate key "name" (first at 1:13); only one may be given"#]),
        Bad(label: "every problem at once, in file order", yaml: "refresh: 2\nservices:\n  - name: a\n    url: nope\n    method: 'GE T'\n", errors: [
            #"t.yaml:1:10: refresh: invalid duration "2": use a number with a unit, e.g. 500ms, 2s, 1m, 1h"#,
            #"t.yaml:4:10: services[0].url: invalid URL "nope": expected http://…, https://…"#,
            #"t.yaml:5:13: services[0].method: invalid HTTP method "GE T""#]),
    ]

    @Test(arguments: badConfigs)
    func rejects(_ bad: Bad) {
        do {
            let config = try ConfigParser.parse(yaml: bad.yaml, file: "t.yaml")
            Issue.record("accepted: \(config)")
        } catch {
            #expect(error.issues.map(\.description) == bad.errors)
        }
    }

    @Test func responseConditionsAlertRulesAndHostKeys() throws {
        let config = try ConfigParser.parse(yaml: """
            host: {enabled: false}
            services:
              - name: a
                url: http://h/
                follow_redirects: true
                max_body: 64KiB
                expect_body_regex: '^ok$'
                expect_json: {path: "$.checks[0].state", equals: "up"}
                expect_header: {Content-Type: application/json}
            prometheus:
              - name: down
                url: http://p/
                query: 'up == 0'
                alert_if: any
                alert_level: warn
                empty: ok
            """, file: "t.yaml")
        #expect(config.hostCounted == false)
        let service = try #require(config.services.first)
        #expect(service.followRedirects && service.expectBodyRegex == "^ok$")
        #expect(service.maxBody == 65536)
        #expect(ConfigParser.byteSize("1MiB") == 1 << 20 && ConfigParser.byteSize("2 mb") == 2 << 20 && ConfigParser.byteSize("4096") == 4096)
        for bad in ["2TiB", "-1", "lots", "1.5MiB", "", "99999999999GiB"] { #expect(ConfigParser.byteSize(bad) == nil, "\(bad)") }
        #expect(service.expectJSON == JSONExpectation(path: "$.checks[0].state", equals: "up"))
        #expect(service.expectHeaders == [HTTPHeader(name: "Content-Type", value: "application/json")])
        #expect(service.certWarn == .seconds(14 * 86400) && service.certCrit == .seconds(3 * 86400))
        #expect(config.prometheus.first?.alertLevel == .warn && config.prometheus.first?.emptyState == .ok)

        let bad = [
            "services: [{name: a, url: 'http://h/', expect_json: {path: '$..x', equals: '1'}}]\n",
            "services: [{name: a, url: 'http://h/', expect_body_regex: '(unclosed'}]\n",
            "prometheus: [{name: q, url: 'http://p/', query: x, alert_if: all}]\n",
            "prometheus: [{name: q, url: 'http://p/', query: x, alert_if: any, crit_above: 1}]\n",
            "prometheus: [{name: q, url: 'http://p/', query: x, empty: maybe}]\n",
            "host: {enabled: maybe}\n",
        ]
        for yaml in bad {
            #expect(throws: ConfigurationError.self, "\(yaml)") { try ConfigParser.parse(yaml: yaml, file: "t.yaml") }
        }
    }

    @Test func headerValuesNeverAppearInErrors() {
        do {
            _ = try ConfigParser.parse(yaml: "services:\n  - name: a\n    url: http://h/\n    headers:\n      'X Token': hunter2\n", file: "t.yaml")
            Issue.record("accepted a header name with a space")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
