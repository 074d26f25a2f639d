import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// dig's output as Debian 12's dnsutils (BIND 9.18) printed it against dnsmasq on loopback, read
/// by the pure parser and judged by the pure evaluator.
@Suite("DNS checks: dig output")
struct DNSCheckParsingTests {
    static func outcome(_ fixture: String, exit: Int32 = 0) throws -> ProcessOutcome {
        ProcessOutcome(
            executable: "/usr/bin/dig", exitStatus: .exited(exit), stdout: Array(try RecordedFixture.text(fixture).utf8),
            duration: .milliseconds(12), deadline: .seconds(6))
    }

    static func spec(_ name: String, _ type: DNSQuestion.RecordType, expect: [String] = []) -> NetworkCheckSpec {
        NetworkCheckSpec(name: "dns", target: .dns(DNSQuestion(name: name, type: type, server: HostPort(host: "127.0.0.1", port: 53), expect: expect)))
    }

    @Test func readsEachRecordTypeFromTheAnswerSection() throws {
        let a = DigOutput.parse(try RecordedFixture.text("dig-9.18-a.txt"))
        #expect(a.status == "NOERROR")
        #expect(a.answers == [DigOutput.Record(name: "api.example.test.", type: "A", data: "127.0.0.7")])
        #expect(a.queryMilliseconds != nil)
        #expect(DigOutput.parse(try RecordedFixture.text("dig-9.18-aaaa.txt")).answers.map(\.data) == ["::7"])
        #expect(DigOutput.parse(try RecordedFixture.text("dig-9.18-cname.txt")).answers.map(\.data) == ["api.example.test."])
        #expect(DigOutput.parse(try RecordedFixture.text("dig-9.18-mx.txt")).answers.map(\.data) == ["10 mail.example.test."])
        #expect(DigOutput.parse(try RecordedFixture.text("dig-9.18-txt.txt")).answers.map(\.data) == ["\"v=spf1 -all\""])
        let chain = DigOutput.parse(try RecordedFixture.text("dig-9.18-cname-chain.txt"))
        #expect(chain.answers.map(\.type) == ["CNAME", "A"])
    }

    @Test func noAnswerKeepsDigsOwnWords() throws {
        let timeout = DigOutput.parse(try RecordedFixture.text("dig-9.18-timeout.txt"))
        #expect(timeout.status == nil)
        #expect(timeout.error == "no servers could be reached")
        let refused = DigOutput.parse(try RecordedFixture.text("dig-9.18-refused.txt"))
        #expect(refused.status == nil && refused.error == "no servers could be reached")
        #expect(DigOutput.parse(try RecordedFixture.text("dig-9.18-nxdomain.txt")).status == "NXDOMAIN")
    }

    @Test func judgesStatusRecordsAndExpectations() throws {
        let now = Date()
        func judge(_ fixture: String, _ spec: NetworkCheckSpec, exit: Int32 = 0) throws -> NetworkCheckResult {
            NetworkCheckEvaluator.evaluate(spec, outcome: try Self.outcome(fixture, exit: exit), now: now)
        }
        #expect(try judge("dig-9.18-a.txt", Self.spec("api.example.test", .A, expect: ["127.0.0.7"])).state == .ok)
        let wrong = try judge("dig-9.18-a.txt", Self.spec("api.example.test", .A, expect: ["127.0.0.8"]))
        #expect(wrong.state == .crit)
        #expect(wrong.reason == "A api.example.test is 127.0.0.7 (expected 127.0.0.8)")
        // Case, trailing dot and TXT quotes do not matter.
        #expect(try judge("dig-9.18-mx.txt", Self.spec("example.test", .MX, expect: ["10 MAIL.example.test"])).state == .ok)
        #expect(try judge("dig-9.18-txt.txt", Self.spec("example.test", .TXT, expect: ["v=spf1 -all"])).state == .ok)
        #expect(try judge("dig-9.18-cname.txt", Self.spec("www.example.test", .CNAME, expect: ["api.example.test."])).state == .ok)
        // An A question answered through a CNAME judges the A records only.
        #expect(try judge("dig-9.18-cname-chain.txt", Self.spec("www.example.test", .A, expect: ["127.0.0.7"])).answers == ["127.0.0.7"])
        let missing = try judge("dig-9.18-nxdomain.txt", Self.spec("nothere.example.test", .A))
        #expect(missing.state == .crit && missing.reason == "NXDOMAIN for A nothere.example.test")
        let empty = try judge("dig-9.18-nodata.txt", Self.spec("api.example.test", .MX))
        #expect(empty.state == .crit && empty.reason == "no MX record for api.example.test")
        let unreachable = try judge("dig-9.18-timeout.txt", Self.spec("api.example.test", .A), exit: 9)
        #expect(unreachable.state == .crit && unreachable.reason == "no servers could be reached")
    }

    @Test func missingToolIsUnknownNotDown() {
        let outcome = ProcessOutcome(executable: "dig", exitStatus: .failedToStart("dig: not found on PATH"), deadline: .seconds(6))
        let result = NetworkCheckEvaluator.evaluate(Self.spec("api.example.test", .A), outcome: outcome, now: Date())
        #expect(result.state == .unknown && result.reason == "dig: not found on PATH")
    }

    @Test func argvPutsConfigValuesBehindTheirOptions() {
        let (tool, arguments) = NetworkCheckCommand.argv(Self.spec("api.example.test", .MX))
        #expect(tool == "dig")
        #expect(arguments == ["+tries=1", "+time=5", "@127.0.0.1", "-p", "53", "-q", "api.example.test", "-t", "MX"])
        let tcp = NetworkCheckCommand.argv(NetworkCheckSpec(name: "db", target: .tcp(HostPort(host: "db", port: 5432)), timeout: .milliseconds(1500)))
        #expect(tcp.executable == "nc" && tcp.arguments == ["-z", "-v", "-w", "2", "db", "5432"])
        let tls = NetworkCheckCommand.argv(NetworkCheckSpec(name: "api", target: .tls(HostPort(host: "api.example.com", port: 443))))
        #expect(tls.arguments == ["s_client", "-connect", "api.example.com:443", "-servername", "api.example.com", "-verify_hostname", "api.example.com"])
        let ip6 = NetworkCheckCommand.argv(NetworkCheckSpec(name: "dot", target: .tls(HostPort(host: "::1", port: 853))))
        #expect(ip6.arguments == ["s_client", "-connect", "[::1]:853", "-verify_ip", "::1"])
    }

    @Test func hostPortRefusesWhatCouldBeAnOption() {
        #expect(HostPort.parse("db:5432") == HostPort(host: "db", port: 5432))
        #expect(HostPort.parse("[::1]:853") == HostPort(host: "::1", port: 853))
        #expect(HostPort.parse("10.0.0.53", defaultPort: 53) == HostPort(host: "10.0.0.53", port: 53))
        #expect(HostPort.parse("db") == nil)
        #expect(HostPort.parse("-oProxyCommand=x:22") == nil)
        #expect(HostPort.parse("db:0") == nil)
        #expect(HostPort.parse("::1:53") == nil)
        #expect(HostPort.parse("db host:1") == nil)
    }
}
