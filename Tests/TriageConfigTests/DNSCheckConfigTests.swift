import Foundation
import Testing
import TriageCore
@testable import TriageConfig

/// `services:` entries with `dns:`, `tcp:` or `tls:` instead of `url:`: what parses, and each
/// mistake named with its file:line:column.
@Suite("DNSCheck, TCPCheck and TLSCheck config")
struct DNSCheckConfigTests {
    static let example = """
        services:
          - name: api
            url: http://127.0.0.1:8001/health
          - name: api dns
            dns: {name: api.example.com, type: A, server: 10.0.0.53, expect: 10.0.0.7}
          - name: mail dns
            dns:
              name: example.com
              type: mx
              server: "127.0.0.1:5353"
              expect: ["10 mail.example.com"]
          - name: db port
            tcp: db.internal:5432
            timeout: 2s
          - name: api cert
            tls: api.example.com:443
            cert_warn: 30d
            cert_crit: 7d
            verify_tls: false

        """

    func issues(_ yaml: String) -> [String] {
        do {
            _ = try ConfigParser.parse(yaml: yaml, file: "t.yaml")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func DNSCheckTCPCheckAndTLSCheckEntriesParseBesideHTTP() throws {
        let config = try ConfigParser.parse(yaml: Self.example, file: "triage.yaml")
        #expect(config.services.map(\.name) == ["api"])
        #expect(config.network.map(\.name) == ["api dns", "mail dns", "db port", "api cert"])
        #expect(config.network[0].target == .dns(DNSQuestion(
            name: "api.example.com", type: .A, server: HostPort(host: "10.0.0.53", port: 53), expect: ["10.0.0.7"])))
        #expect(config.network[1].target == .dns(DNSQuestion(
            name: "example.com", type: .MX, server: HostPort(host: "127.0.0.1", port: 5353), expect: ["10 mail.example.com"])))
        #expect(config.network[2].target == .tcp(HostPort(host: "db.internal", port: 5432)))
        #expect(config.network[2].timeout == .seconds(2))
        #expect(config.network[3].target == .tls(HostPort(host: "api.example.com", port: 443)))
        #expect(config.network[3].certWarn == .seconds(30 * 86400) && config.network[3].certCrit == .seconds(7 * 86400))
        #expect(config.network[3].verifyTLS == false)
        #expect(!config.configuresNothing)
    }

    @Test func DNSCheckMistakesNameTheirPosition() {
        #expect(issues("services:\n  - name: d\n    dns: {name: example.com, type: SRV}\n")
            == ["t.yaml:3:36: services[0].dns.type: type must be one of A, AAAA, CNAME, MX, TXT, not \"SRV\""])
        #expect(issues("services:\n  - name: d\n    dns: {type: A}\n")
            == ["t.yaml:3:10: services[0].dns.name: missing required key \"name\""])
        #expect(issues("services:\n  - name: d\n    dns: {name: -x.example.com}\n")
            == ["t.yaml:3:17: services[0].dns.name: invalid DNS name \"-x.example.com\""])
        #expect(issues("services:\n  - name: d\n    dns: {name: a.example.com, server: \"10.0.0.1:99999\"}\n")
            == ["t.yaml:3:40: services[0].dns.server: invalid address \"10.0.0.1:99999\": expected a host or host:port, e.g. 10.0.0.53 or 127.0.0.1:5353"])
        #expect(issues("services:\n  - name: d\n    dns: {name: a.example.com, class: IN}\n")
            == ["t.yaml:3:32: services[0].dns.class: unknown key \"class\""])
    }

    @Test func TCPCheckAndTLSCheckMistakesNameTheirPosition() {
        #expect(issues("services:\n  - name: t\n    tcp: db.internal\n")
            == ["t.yaml:3:10: services[0].tcp: invalid address \"db.internal\": expected host:port, e.g. db.internal:5432 or [::1]:853"])
        #expect(issues("services:\n  - name: t\n    tcp: db:5432\n    cert_warn: 3d\n")
            == ["t.yaml:4:5: services[0].cert_warn: cert_warn: applies to tls: and url: checks, not tcp:"])
        #expect(issues("services:\n  - name: t\n    tls: a:443\n    url: https://a/\n")
            == ["t.yaml:2:5: services[0]: a service takes one of url:, dns:, tcp: or tls:, not url and tls"])
        #expect(issues("services:\n  - name: t\n    tls: a:443\n    expect_status: 200\n")
            == ["t.yaml:4:5: services[0].expect_status: unknown key \"expect_status\""])
        #expect(issues("services:\n  - tls: a:443\n") == ["t.yaml:2:5: services[0].name: missing required key \"name\""])
    }

    @Test func TLSCheckNamesAreUniqueAcrossKinds() {
        #expect(issues("services:\n  - name: a\n    url: http://a/\n  - name: a\n    tcp: a:80\n")
            == ["t.yaml:4:11: services[1].name: duplicate name \"a\" (also services[0]); names identify rows"])
    }
}
