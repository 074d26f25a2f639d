import Foundation
import TriageCore

/// Judges one DNS, TCP or TLS check from its tool's outcome: pure, so every case is a test row.
public enum NetworkCheckEvaluator {
    public static func evaluate(_ spec: NetworkCheckSpec, outcome: ProcessOutcome, now: Date) -> NetworkCheckResult {
        var result = NetworkCheckResult(state: .ok)
        if case .failedToStart(let reason) = outcome.exitStatus {
            // The tool is missing: triage cannot tell, the service is not known to be down.
            result.state = .unknown
            result.reason = reason
            return result
        }
        if case .cancelled = outcome.exitStatus {
            result.state = .unknown
            result.reason = "cancelled"
            return result
        }
        result.duration = outcome.duration
        if case .timedOut = outcome.exitStatus {
            result.state = .crit
            result.reason = "timed out after \(DurationText.format(spec.timeout))"
            return result
        }
        switch spec.target {
        case .dns(let question): judgeDNS(question, outcome, &result)
        case .tcp: judgeTCP(outcome, &result)
        case .tls: judgeTLS(spec, outcome, now, &result)
        }
        if result.state == .ok, let duration = result.duration, duration >= spec.warnLatency {
            result.state = .warn
            result.reason = "slow: \(HTTPCheckEvaluator.format(duration)) ≥ \(DurationText.format(spec.warnLatency))"
        }
        if result.state == .ok, let certificateState = result.certificateState, certificateState == .warn, let certificate = result.certificate {
            result.state = .warn
            result.reason = "certificate expires in \(HTTPCheckEvaluator.expiryText(certificate.notAfter.timeIntervalSince(now)))"
        }
        return result
    }

    static func judgeDNS(_ question: DNSQuestion, _ outcome: ProcessOutcome, _ result: inout NetworkCheckResult) {
        let dig = DigOutput.parse(outcome.stdoutText)
        result.dnsStatus = dig.status
        // dig's query time is what the server cost; the process start is not the server's.
        if let ms = dig.queryMilliseconds { result.duration = .milliseconds(ms) }
        guard let status = dig.status else {
            result.state = .crit
            result.reason = dig.error ?? outcome.failureReason ?? "no answer from the DNS server"
            return
        }
        let asked = "\(question.type.rawValue) \(question.name)"
        guard status == "NOERROR" else {
            result.state = .crit
            result.reason = "\(status) for \(asked)"
            return
        }
        let records = dig.answers.filter { $0.type == question.type.rawValue }.map(\.data)
        result.answers = records
        guard !records.isEmpty else {
            result.state = .crit
            result.reason = "no \(question.type.rawValue) record for \(question.name)"
            return
        }
        let found = Set(records.map(normalized))
        let missing = question.expect.filter { !found.contains(normalized($0)) }
        if !missing.isEmpty {
            result.state = .crit
            result.reason = "\(asked) is \(records.prefix(3).joined(separator: ", "))" + (records.count > 3 ? ", …" : "")
                + " (expected \(missing.joined(separator: ", ")))"
        }
    }

    /// Compared without case, surrounding quotes (TXT), a trailing dot or doubled spaces.
    static func normalized(_ value: String) -> String {
        var text = value.trimmingCharacters(in: .whitespaces).lowercased()
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        if text.hasSuffix(".") { text.removeLast() }
        return text.split(separator: " ").joined(separator: " ")
    }

    static func judgeTCP(_ outcome: ProcessOutcome, _ result: inout NetworkCheckResult) {
        if !outcome.succeeded {
            result.state = .crit
            // nc says "nc: connect to db port 5432 (tcp) failed: Connection refused".
            result.reason = ProcessOutcome.firstLine(outcome.stderr) ?? outcome.failureReason ?? "connection failed"
        }
    }

    static func judgeTLS(_ spec: NetworkCheckSpec, _ outcome: ProcessOutcome, _ now: Date, _ result: inout NetworkCheckResult) {
        let parsed = SClientOutput.parse(outcome.stdoutText)
        result.certificate = parsed.certificate
        result.verification = parsed.verifyText
        guard let certificate = parsed.certificate else {
            result.state = .crit
            result.reason = handshakeError(outcome.stderrText).map { "TLS handshake failed: \($0)" }
                ?? outcome.failureReason ?? "no certificate from the server"
            return
        }
        let certificateState = certificate.state(now: now, warn: spec.certWarn, crit: spec.certCrit)
        result.certificateState = certificateState
        let remaining = certificate.notAfter.timeIntervalSince(now)
        // Judged whether or not the chain is verified: `verify_tls: false` trusts an unknown
        // issuer, not a certificate past its date.
        if remaining <= 0 {
            result.state = .crit
            result.reason = "certificate expired \(HTTPCheckEvaluator.expiryText(-remaining)) ago"
        } else if certificateState == .crit {
            result.state = .crit
            result.reason = "certificate expires in \(HTTPCheckEvaluator.expiryText(remaining)) (cert_crit \(HTTPCheckEvaluator.expiryText(spec.certCrit.seconds)))"
        } else if spec.verifyTLS, let code = parsed.verifyCode, code != 0 {
            result.state = .crit
            result.reason = "certificate not trusted: \(parsed.verifyText ?? "verify return code \(code)")"
        }
    }

    /// OpenSSL's reason from its first error line:
    /// `80BB…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…` → `wrong version number`.
    static func handshakeError(_ stderr: String) -> String? {
        for line in stderr.split(whereSeparator: \.isNewline) where line.contains(":error:") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            if fields.count > 5, !fields[5].isEmpty { return String(fields[5]) }
        }
        return nil
    }
}
