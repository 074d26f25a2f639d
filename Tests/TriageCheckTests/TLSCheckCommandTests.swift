import Foundation
import Testing
import TriageProbes
import TriageTestSupport

/// `triage check` with `tcp:`, `tls:` and `dns:` services, run as the real binary against real
/// loopback servers: probe_server.py speaking plain HTTP (a TCP listener) and TLS with a 5-day
/// certificate, and a DNS server address where nothing answers.
@Suite("triage check: TCPCheck, TLSCheck and DNSCheck rows", .serialized)
struct TLSCheckCommandTests {
    @Test func TLSCheckTCPCheckAndDNSCheckRowsInJSONAndTable() async throws {
        let directory = try CheckLab.temporaryDirectory("net")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await CheckLab.selfSignedCertificate(in: directory, days: 5)
        let tls = try await LoopbackServer.start("probe_server.py", ["--tls", directory + "/cert.pem", directory + "/key.pem"])
        let plain = try await LoopbackServer.start()
        let config = try CheckLab.write("""
            services:
              - name: port
                tcp: 127.0.0.1:\(plain.port)
              - name: cert
                tls: 127.0.0.1:\(tls.port)
                verify_tls: false
                cert_warn: 10d
              - name: resolver
                dns: {name: api.example.test, type: A, server: "127.0.0.1:9", expect: 127.0.0.7}
                timeout: 1s

            """, "triage.yaml", in: directory)
        let environment = TriageProcess.cleanEnvironment(home: directory)
        let json = try TriageProcess.run(["check", "--config", config, "--json"], environment: environment, directory: directory)
        let table = try TriageProcess.run(["check", "--config", config], environment: environment, directory: directory)
        await tls.stop()
        await plain.stop()

        let document = try json.json()
        CheckJSON.expectWellFormed(document)
        let entries = Dictionary(uniqueKeysWithValues: CheckJSON.entries(document, "services").map { ($0["name"] as? String ?? "?", $0) })
        try #require(entries.count == 3, "stderr: \(json.stderr)")
        #expect(entries["port"]?["state"] as? String == "ok", "\(entries["port"] ?? [:])")
        #expect(entries["port"]?["kind"] as? String == "tcp")
        #expect(entries["port"]?["target"] as? String == "127.0.0.1:\(plain.port)")
        #expect(entries["port"]?["latencyMs"] is NSNumber)
        #expect(entries["cert"]?["state"] as? String == "warn")
        #expect(entries["cert"]?["reason"] as? String == "certificate expires in 4d")
        #expect(entries["cert"]?["certDaysLeft"] as? Int == 4)
        #expect((entries["cert"]?["certificate"] as? [String: Any])?["subject"] as? String == "CN = 127.0.0.1")
        #expect(entries["cert"]?["verification"] as? String == "self-signed certificate")
        #expect(entries["resolver"]?["state"] as? String == "crit")
        #expect(entries["resolver"]?["kind"] as? String == "dns")
        #expect(entries["resolver"]?["target"] as? String == "A api.example.test @127.0.0.1:9")
        #expect(entries["resolver"]?["reason"] as? String == "no servers could be reached", "\(entries["resolver"] ?? [:])")
        #expect(json.status == 2)

        let rows = table.stdout.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains(" port ") && $0.contains("tcp") && $0.contains("OK") }, "\(table.stdout)")
        #expect(rows.contains { $0.contains("cert") && $0.contains("tls") && $0.contains("certificate expires in 4d") }, "\(table.stdout)")
        #expect(rows.contains { $0.contains("resolver") && $0.contains("dns") && $0.contains("no servers could be reached") }, "\(table.stdout)")
    }
}
