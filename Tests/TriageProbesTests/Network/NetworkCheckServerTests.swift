import Foundation
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

/// DNS, TCP and TLS checks run through the real tools (dig, nc, openssl) against real servers on
/// loopback: dnsmasq with a hosts file, probe_server.py as the TCP listener, and the same server
/// speaking TLS with a 5-day certificate made by openssl.
@Suite("DNS, TCP and TLS checks against real servers", .serialized)
struct NetworkCheckServerTests {
    static func run(_ specs: [NetworkCheckSpec]) async -> [String: NetworkCheckResult] {
        let results = await NetworkCheckRunner(specs: specs).runRound()
        var byName: [String: NetworkCheckResult] = [:]
        for result in results {
            switch result.detail {
            case .dns(let network), .tcp(let network), .tls(let network): byName[result.name] = network
            default: break
            }
        }
        return byName
    }

    @Test func DNSCheckAgainstDnsmasq() async throws {
        let server = try await DNSMasqServer.start()
        let at = HostPort(host: "127.0.0.1", port: server.port)
        func dns(_ name: String, _ query: String, _ type: DNSQuestion.RecordType, _ expect: [String] = []) -> NetworkCheckSpec {
            NetworkCheckSpec(name: name, target: .dns(DNSQuestion(name: query, type: type, server: at, expect: expect)), timeout: .seconds(2))
        }
        let results = await Self.run([
            dns("a", "api.example.test", .A, ["127.0.0.7"]),
            dns("aaaa", "api.example.test", .AAAA, ["::7"]),
            dns("cname", "www.example.test", .CNAME, ["api.example.test"]),
            dns("mx", "example.test", .MX, ["10 mail.example.test"]),
            dns("txt", "example.test", .TXT, ["v=spf1 -all"]),
            dns("moved", "api.example.test", .A, ["127.0.0.8"]),
            dns("gone", "nothere.example.test", .A),
        ])
        await server.stop()
        for name in ["a", "aaaa", "cname", "mx", "txt"] {
            #expect(results[name]?.state == .ok, "\(name): \(results[name]?.reason ?? "no result")")
        }
        #expect(results["a"]?.answers == ["127.0.0.7"])
        #expect(results["moved"]?.state == .crit)
        #expect(results["moved"]?.reason == "A api.example.test is 127.0.0.7 (expected 127.0.0.8)")
        #expect(results["gone"]?.reason == "NXDOMAIN for A nothere.example.test")

        // The server is gone: dig's own words, within the check's timeout.
        let clock = ContinuousClock()
        let started = clock.now
        let after = await Self.run([dns("a", "api.example.test", .A)])
        #expect(after["a"]?.state == .crit)
        #expect(after["a"]?.reason == "no servers could be reached", "\(after["a"]?.reason ?? "")")
        #expect(clock.now - started < .seconds(5))
    }

    @Test func TCPCheckAgainstAListener() async throws {
        let server = try await LoopbackServer.start()
        let spec = NetworkCheckSpec(name: "port", target: .tcp(HostPort(host: "127.0.0.1", port: server.port)), timeout: .seconds(2))
        let open = await Self.run([spec])
        #expect(open["port"]?.state == .ok, "\(open["port"]?.reason ?? "")")
        #expect(open["port"]?.duration != nil)
        await server.stop()
        let closed = await Self.run([spec])
        #expect(closed["port"]?.state == .crit)
        #expect(closed["port"]?.reason?.hasSuffix("Connection refused") == true, "\(closed["port"]?.reason ?? "")")
    }

    @Test func TLSCheckReadsTheCertificateWithoutHTTP() async throws {
        let certificate = try await SelfSignedCertificate.make(days: 5)
        defer { certificate.remove() }
        let server = try await certificate.startServer()
        let plain = try await LoopbackServer.start()
        let endpoint = HostPort(host: "127.0.0.1", port: server.port)
        let results = await Self.run([
            NetworkCheckSpec(name: "unverified", target: .tls(endpoint), timeout: .seconds(3), verifyTLS: false),
            NetworkCheckSpec(name: "verified", target: .tls(endpoint), timeout: .seconds(3)),
            NetworkCheckSpec(name: "lenient", target: .tls(endpoint), timeout: .seconds(3), verifyTLS: false, certWarn: .seconds(2 * 86400), certCrit: .seconds(86400)),
            NetworkCheckSpec(name: "plain", target: .tls(HostPort(host: "127.0.0.1", port: plain.port)), timeout: .seconds(3)),
        ])
        await server.stop()
        await plain.stop()
        let unverified = try #require(results["unverified"])
        #expect(unverified.state == .warn && unverified.reason == "certificate expires in 4d", "\(unverified.reason ?? "")")
        #expect(unverified.certificate?.subject == "CN = 127.0.0.1")
        #expect(unverified.certificate?.daysLeft(now: Date()) == 4)
        #expect(results["verified"]?.reason == "certificate not trusted: self-signed certificate", "\(results["verified"]?.reason ?? "")")
        #expect(results["lenient"]?.state == .ok, "\(results["lenient"]?.reason ?? "")")
        #expect(results["plain"]?.state == .crit)
        #expect(results["plain"]?.reason?.hasPrefix("TLS handshake failed") == true, "\(results["plain"]?.reason ?? "")")
    }
}
