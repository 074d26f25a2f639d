import Foundation
import Testing
import TriageProbes
import TriageTestSupport

/// `triage check --json` against a real HTTPS server with a certificate made by openssl for 5 days.
@Suite("triage check: certificate facts and timings", .serialized)
struct CertificateCheckCommandTests {
    @Test func everyCheckOnTheEndpointCarriesItsCertificateAndTimings() async throws {
        let directory = try CheckLab.temporaryDirectory("cert")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await CheckLab.selfSignedCertificate(in: directory, days: 5, subject: "/CN=127.0.0.1/O=triage test")
        let server = try await LoopbackServer.start("probe_server.py", ["--tls", directory + "/cert.pem", directory + "/key.pem"])
        // 60 checks: more than one curl --parallel wave, so some reuse a connection.
        let services = (0..<60).map { index in
            """
              - name: c\(index)
                url: https://127.0.0.1:\(server.port)/n/\(index)
                verify_tls: false
                cert_warn: 10d
                cert_crit: 2d
            """
        }.joined(separator: "\n")
        let config = try CheckLab.write("services:\n" + services + "\n", "triage.yaml", in: directory)
        let result = try TriageProcess.run(
            ["check", "--config", config, "--json"], environment: TriageProcess.cleanEnvironment(home: directory), directory: directory)
        await server.stop()
        let document = try result.json()
        CheckJSON.expectWellFormed(document)
        let entries = CheckJSON.entries(document, "services")
        try #require(entries.count == 60, "stderr: \(result.stderr)")
        for entry in entries {
            let name = entry["name"] as? String ?? "?"
            #expect(entry["state"] as? String == "warn", "\(name): \(entry["reason"] ?? "")")
            #expect(entry["reason"] as? String == "certificate expires in 4d", "\(name)")
            #expect(entry["certDaysLeft"] as? Int == 4, "\(name)")
            let certificate = entry["certificate"] as? [String: Any]
            #expect(certificate?["subject"] as? String == "CN = 127.0.0.1, O = triage test", "\(name): \(String(describing: certificate))")
            #expect(certificate?["issuer"] as? String == "CN = 127.0.0.1, O = triage test")
            #expect((certificate?["notAfter"] as? String)?.hasSuffix("Z") == true)
            let timings = entry["timingsMs"] as? [String: Any]
            #expect(Set(timings?.keys.map { $0 } ?? []) == ["dns", "connect", "tls", "firstByte", "total"], "\(name)")
            let total = (timings?["total"] as? NSNumber)?.doubleValue, firstByte = (timings?["firstByte"] as? NSNumber)?.doubleValue
            #expect(total != nil && firstByte != nil && firstByte! <= total!, "\(name): \(String(describing: timings))")
        }
    }
}
