import Foundation
import TriageCore

/// Judges one HTTP check from curl's report of its transfer: pure, so every case is a table row in tests.
public enum HTTPCheckEvaluator {
    /// - Parameters:
    ///   - transfer: curl's write-out for this check; nil when curl never reported on it.
    ///   - body: the start of the body when `expect_body` is set; nil when it could not be read.
    ///   - batchFailure: why the whole curl process failed, used when `transfer` is nil.
    ///   - certificate: the endpoint's chain as any transfer to its host:port saw it this round;
    ///     nil falls back to this transfer's own report (empty on a reused connection).
    public static func evaluate(
        _ spec: HTTPCheckSpec, transfer: CurlTransfer?, body: [UInt8]?, batchFailure: String?, now: Date,
        certificate: CertificateFacts? = nil, headers: [String: [String]]? = nil, bodyCapped: Bool = false
    ) -> HTTPCheckResult {
        guard let transfer else {
            return HTTPCheckResult(state: .unknown, reason: batchFailure ?? "curl reported nothing for this URL")
        }
        let code = transfer.httpCode.flatMap { $0 > 0 ? $0 : nil }
        let timings = HTTPCheckResult.Timings(
            total: duration(transfer.timeTotal), nameLookup: duration(transfer.timeNameLookup),
            connect: duration(transfer.timeConnect),
            tlsHandshake: transfer.timeAppConnect.flatMap { $0 > 0 ? duration($0) : nil },
            firstByte: duration(transfer.timeStartTransfer))
        let certificate = certificate ?? transfer.certificates.flatMap(CurlCertinfo.facts)
        let daysLeft = certificate?.daysLeft(now: now)
        var result = HTTPCheckResult(
            statusCode: code, timings: timings, transportError: transfer.errorMessage, curlExitCode: transfer.exitCode,
            certificateDaysLeft: daysLeft, certificate: certificate, state: .ok)
        result.certificateState = certificate?.state(now: now, warn: spec.certWarn, crit: spec.certCrit)
        result.bodyBytes = transfer.sizeDownload.flatMap { $0.isFinite && $0 >= 0 && $0 < 1e15 ? Int($0) : nil }

        func fail(_ reason: String, _ state: HealthState = .crit) -> HTTPCheckResult {
            result.state = state
            result.reason = reason
            return result
        }

        // A body cut at max_body is not a failed transfer: the answer arrived, the rest was refused.
        let exitCode = bodyCapped ? 0 : transfer.exitCode ?? 0
        if exitCode == 28 { return fail("timed out after \(DurationText.format(spec.timeout))") }
        if code == nil {
            return fail(transfer.errorMessage ?? "no response (curl exit \(exitCode))")
        }
        if let code, !spec.expectStatus.accepts(code) {
            // A redirect names where it points: the usual fix is that URL, or follow_redirects.
            if (300...399).contains(code), let location = transfer.redirectURL, !location.isEmpty {
                return fail("HTTP \(code) to \(location) (expected \(spec.expectStatus.description))")
            }
            return fail("HTTP \(code) (expected \(spec.expectStatus.description))")
        }
        if exitCode != 0 {
            return fail(transfer.errorMessage ?? "transfer failed (curl exit \(exitCode))")
        }
        if let expected = spec.expectBody {
            guard let body else { return fail("body could not be read", .unknown) }
            let matched = contains(body, Array(expected.utf8))
            result.bodyMatched = matched
            if !matched { return fail("body does not contain \"\(expected)\"") }
        }
        if let pattern = spec.expectBodyRegex {
            guard let body else { return fail("body could not be read", .unknown) }
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return fail("invalid expect_body_regex", .unknown) }
            let text = String(decoding: body, as: UTF8.self)
            if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                return fail("body does not match /\(pattern)/")
            }
        }
        if let expectation = spec.expectJSON {
            guard let body else { return fail("body could not be read", .unknown) }
            guard let found = JSONPathSubset.text(at: expectation.path, in: body) else {
                return fail("\(expectation.path) not found in the body")
            }
            if found != expectation.equals {
                return fail("\(expectation.path) is \"\(short(found))\" (expected \"\(expectation.equals)\")")
            }
        }
        for expected in spec.expectHeaders {
            let values = headers?[expected.name.lowercased()] ?? []
            guard !values.isEmpty else { return fail("no \(expected.name) header") }
            if !values.contains(where: { $0.lowercased().contains(expected.value.lowercased()) }) {
                return fail("\(expected.name) is \"\(short(values[0]))\" (expected \(expected.value))")
            }
        }
        // Judged whether or not curl verified the chain: `verify_tls: false` trusts an unknown
        // issuer, not a certificate past its date.
        let remaining = certificate.map { $0.notAfter.timeIntervalSince(now) }
        if let remaining, remaining <= 0 { return fail("certificate expired \(expiryText(-remaining)) ago") }
        if let remaining, remaining < spec.certCrit.seconds {
            return fail("certificate expires in \(expiryText(remaining)) (cert_crit \(expiryText(spec.certCrit.seconds)))")
        }
        if let total = timings.total, total >= spec.warnLatency {
            return fail("slow: \(format(total)) ≥ \(DurationText.format(spec.warnLatency))", .warn)
        }
        if let remaining, remaining < spec.certWarn.seconds {
            return fail("certificate expires in \(expiryText(remaining))", .warn)
        }
        return result
    }

    /// Server text quoted in a reason, cut to 60 characters (the screen sanitizes it when drawn).
    static func short(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(59)) + "…"
    }

    /// "5d", "20h", "40m": whole units, rounded down, as an expiry warning reads.
    static func expiryText(_ seconds: Double) -> String {
        if seconds >= 86400 { return "\(Int(seconds / 86400))d" }
        if seconds >= 3600 { return "\(Int(seconds / 3600))h" }
        return "\(max(0, Int(seconds / 60)))m"
    }

    static func duration(_ seconds: Double?) -> Duration? {
        // Bounded like a parsed duration: a garbled figure past Int64 microseconds must not trap.
        guard let seconds, seconds.isFinite, seconds >= 0, seconds <= DurationText.maximumSeconds else { return nil }
        return .microseconds(Int64((seconds * 1_000_000).rounded()))
    }

    /// `2.31s`, `850ms`: latency as the pane shows it.
    public static func format(_ duration: Duration) -> String {
        let ms = duration.milliseconds
        if ms < 1000 { return "\(ms)ms" }
        let hundredths = (ms + 5) / 10
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)s"
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
