import Foundation
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

/// Real curl against real servers on 127.0.0.1 (scripts/testservers/probe_server.py).
@Suite("HTTP checks with real curl")
struct HTTPCheckRunnerTests {
    func http(_ results: [ServiceCheckResult]) -> [HTTPCheckResult] {
        results.compactMap { if case .http(let result) = $0.detail { result } else { nil } }
    }

    @Test func oneRoundJudgesEveryKindOfEndpoint() async throws {
        let server = try await LoopbackServer.start()
        let closed = try await LoopbackServer.start()
        await closed.stop()
        defer { Task { await server.stop() } }
        let specs = [
            HTTPCheckSpec(name: "healthy", url: server.base + "/ok", expectStatus: .codes([200]), expectBody: "ok"),
            HTTPCheckSpec(name: "broken", url: server.base + "/status/500"),
            HTTPCheckSpec(name: "hanging", url: server.base + "/slow?ms=4000", timeout: .seconds(1)),
            HTTPCheckSpec(name: "refused", url: closed.base + "/ok"),
            HTTPCheckSpec(name: "wrong body", url: server.base + "/text/maintenance", expectBody: "ok"),
            HTTPCheckSpec(name: "sluggish", url: server.base + "/slow?ms=300", warnLatency: .milliseconds(200)),
            HTTPCheckSpec(name: "head", url: server.base + "/ok", method: "HEAD"),
            HTTPCheckSpec(name: "post", url: server.base + "/ok", method: "POST", expectBody: "posted"),
        ]
        let runner = HTTPCheckRunner(specs: specs)
        let started = ContinuousClock.now
        let results = await runner.runRound()
        let elapsed = ContinuousClock.now - started
        #expect(results.map(\.name) == specs.map(\.name))
        let rows = http(results)
        #expect(rows.map(\.state) == [.ok, .crit, .crit, .crit, .crit, .warn, .ok, .ok])
        #expect(rows[0].statusCode == 200)
        #expect(rows[0].bodyMatched == true)
        #expect(rows[0].timings.total != nil && rows[0].timings.connect != nil && rows[0].timings.nameLookup != nil)
        #expect(rows[1].reason == "HTTP 500 (expected 2xx)")
        #expect(rows[2].reason == "timed out after 1s")
        #expect(rows[2].statusCode == nil)
        #expect(rows[3].reason?.contains("Couldn't connect to server") == true, "\(rows[3].reason ?? "")")
        #expect(rows[4].reason == "body does not contain \"ok\"")
        #expect(rows[4].bodyMatched == false)
        #expect(rows[5].reason?.hasPrefix("slow: ") == true)
        #expect(elapsed < .seconds(4), "the endpoints run in parallel, bounded by the 1s timeout")
    }

    @Test func headersReachTheServerButNotTheCommandLine() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let spec = HTTPCheckSpec(
            name: "auth", url: server.base + "/headers", expectBody: "\"authorization\": \"Bearer s3cret-token\"",
            headers: [HTTPHeader(name: "Authorization", value: "Bearer s3cret-token")])
        let arguments = CurlBatch.arguments(parallelMax: 50)
        #expect(!arguments.joined(separator: " ").contains("s3cret"))
        let results = http(await HTTPCheckRunner(specs: [spec]).runRound())
        #expect(results.first?.state == .ok, "\(results.first?.reason ?? "")")
    }

    @Test func hundredEndpointsInOneRoundMapBackToTheirChecks() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        // Each body is unique to its endpoint, so a mix-up in mapping results back fails the check.
        let specs = (0..<100).map { HTTPCheckSpec(name: "n\($0)", url: server.base + "/n/\($0)", expectBody: "[ok \($0)]") }
        let results = await HTTPCheckRunner(specs: specs).runRound()
        let rows = http(results)
        #expect(rows.count == 100)
        let failed = zip(specs, rows).filter { $0.1.state != .ok }.map { "\($0.0.name): \($0.1.reason ?? "")" }
        #expect(failed.isEmpty, "\(failed.prefix(5))")
    }

    @Test func tlsCertificateDaysAndVerification() async throws {
        let scratch = NSTemporaryDirectory() + "triage-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let made = await ProcessRunner.run(
            "openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", scratch + "/key.pem", "-out", scratch + "/cert.pem",
             "-days", "30", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
            deadline: .seconds(30))
        try #require(made.succeeded, "openssl is needed for this test (scripts/setup.sh installs it): \(made.failureReason ?? "")")
        let server = try await LoopbackServer.start("probe_server.py", ["--tls", scratch + "/cert.pem", scratch + "/key.pem"])
        defer { Task { await server.stop() } }
        let url = "https://127.0.0.1:\(server.port)/ok"
        let rows = http(await HTTPCheckRunner(specs: [
            HTTPCheckSpec(name: "no verify", url: url, verifyTLS: false),
            HTTPCheckSpec(name: "verify", url: url),
        ]).runRound())
        #expect(rows[0].state == .ok, "\(rows[0].reason ?? "")")
        #expect(rows[0].certificateDaysLeft == 29 || rows[0].certificateDaysLeft == 30)
        #expect(rows[0].timings.tlsHandshake != nil)
        #expect(rows[1].state == .crit)
        #expect(rows[1].reason == "SSL certificate problem: self-signed certificate")
    }

    @Test func missingCurlMakesEveryCheckUnknownWithTheReason() async {
        let runner = HTTPCheckRunner(specs: [HTTPCheckSpec(name: "a", url: "http://127.0.0.1:1/")], batch: CurlBatch(curl: "triage-no-curl-here"))
        let rows = http(await runner.runRound())
        #expect(rows.first?.state == .unknown)
        #expect(rows.first?.reason == "triage-no-curl-here: not found on PATH")
    }
}
