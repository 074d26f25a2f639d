import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// `openssl s_client` output (OpenSSL 3.0, Debian 12) against a TLS server with a 5-day
/// self-signed certificate, read by the pure parser and judged by the pure evaluator.
@Suite("TLS checks: openssl s_client output")
struct TLSCheckParsingTests {
    /// The recorded certificate's NotAfter: Dec 11 20:46:18 2026 GMT.
    static let notAfter = CertificateDate.parse("Dec 11 20:46:18 2026 GMT")!

    static func outcome(_ fixture: String, stderr: String? = nil, exit: Int32 = 0) throws -> ProcessOutcome {
        ProcessOutcome(
            executable: "/usr/bin/openssl", exitStatus: .exited(exit), stdout: Array(try RecordedFixture.text(fixture).utf8),
            stderr: Array((try stderr.map { try RecordedFixture.text($0) } ?? "").utf8), duration: .milliseconds(30), deadline: .seconds(6))
    }

    static func spec(verify: Bool = true, warn: Duration = .seconds(14 * 86400), crit: Duration = .seconds(3 * 86400)) -> NetworkCheckSpec {
        NetworkCheckSpec(name: "tls", target: .tls(HostPort(host: "127.0.0.1", port: 443)), verifyTLS: verify, certWarn: warn, certCrit: crit)
    }

    @Test func readsTheLeafAndTheVerdict() throws {
        let ok = SClientOutput.parse(try RecordedFixture.text("sclient-3.0-ok.txt"))
        #expect(ok.certificate == CertificateFacts(subject: "CN = 127.0.0.1", issuer: "CN = 127.0.0.1", notAfter: Self.notAfter))
        #expect(ok.verifyCode == 0 && ok.verifyText == "ok")
        let untrusted = SClientOutput.parse(try RecordedFixture.text("sclient-3.0-untrusted.txt"))
        #expect(untrusted.verifyCode == 18 && untrusted.verifyText == "self-signed certificate")
        #expect(untrusted.certificate?.notAfter == Self.notAfter)
        let plain = SClientOutput.parse(try RecordedFixture.text("sclient-3.0-plain.txt"))
        #expect(plain.certificate == nil)
    }

    @Test func judgesExpiryByTheChecksOwnThresholds() throws {
        let fiveDaysBefore = Self.notAfter.addingTimeInterval(-5 * 86400 + 60)
        let warned = NetworkCheckEvaluator.evaluate(Self.spec(), outcome: try Self.outcome("sclient-3.0-ok.txt"), now: fiveDaysBefore)
        #expect(warned.state == .warn && warned.reason == "certificate expires in 4d")
        #expect(warned.certificateState == .warn)
        let calm = NetworkCheckEvaluator.evaluate(
            Self.spec(warn: .seconds(3 * 86400), crit: .seconds(86400)), outcome: try Self.outcome("sclient-3.0-ok.txt"), now: fiveDaysBefore)
        #expect(calm.state == .ok && calm.certificateState == .ok)
        let critical = NetworkCheckEvaluator.evaluate(
            Self.spec(warn: .seconds(30 * 86400), crit: .seconds(7 * 86400)), outcome: try Self.outcome("sclient-3.0-ok.txt"), now: fiveDaysBefore)
        #expect(critical.state == .crit && critical.reason == "certificate expires in 4d (cert_crit 7d)")
        let expired = NetworkCheckEvaluator.evaluate(
            Self.spec(verify: false), outcome: try Self.outcome("sclient-3.0-ok.txt"), now: Self.notAfter.addingTimeInterval(2 * 86400))
        #expect(expired.state == .crit && expired.reason == "certificate expired 2d ago")
    }

    @Test func anUntrustedChainIsCritUnlessVerificationIsOff() throws {
        let now = Self.notAfter.addingTimeInterval(-30 * 86400)
        let checked = NetworkCheckEvaluator.evaluate(Self.spec(), outcome: try Self.outcome("sclient-3.0-untrusted.txt"), now: now)
        #expect(checked.state == .crit && checked.reason == "certificate not trusted: self-signed certificate")
        let unchecked = NetworkCheckEvaluator.evaluate(Self.spec(verify: false), outcome: try Self.outcome("sclient-3.0-untrusted.txt"), now: now)
        #expect(unchecked.state == .ok && unchecked.verification == "self-signed certificate")
    }

    @Test func aFailedHandshakeSaysWhy() throws {
        let plain = NetworkCheckEvaluator.evaluate(
            Self.spec(), outcome: try Self.outcome("sclient-3.0-plain.txt", stderr: "sclient-3.0-plain.err.txt", exit: 1), now: Date())
        #expect(plain.state == .crit && plain.reason == "TLS handshake failed: wrong version number")
        let refused = ProcessOutcome(
            executable: "/usr/bin/openssl", exitStatus: .exited(1),
            stderr: Array(try RecordedFixture.text("sclient-3.0-refused.err.txt").utf8), deadline: .seconds(6))
        let result = NetworkCheckEvaluator.evaluate(Self.spec(), outcome: refused, now: Date())
        #expect(result.state == .crit && result.reason == "TLS handshake failed: Connection refused")
    }
}
