import Foundation
import Testing
import TriageCore
import TriageUI
@testable import TriageApp
@testable import TriageProbes

/// The Services pane's "!" beside the code and the detail view's certificate colour follow the
/// check's own `cert_warn`/`cert_crit`, not a fixed 14 days.
@Suite struct CertThresholdTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A round of an HTTPS check whose certificate has `days` left, judged with the given thresholds.
    static func track(daysLeft: Double, warn: Duration, crit: Duration = .seconds(86400)) -> ServiceCheckTrack {
        let spec = HTTPCheckSpec(name: "api", url: "https://api.example.com/", certWarn: warn, certCrit: crit)
        let transfer = CurlTransfer(httpCode: 200, exitCode: 0, timeTotal: 0.01, timeNameLookup: 0.001, timeConnect: 0.002, timeStartTransfer: 0.009)
        let certificate = CertificateFacts(subject: "CN = api.example.com", issuer: "CN = Test CA", notAfter: now.addingTimeInterval(daysLeft * 86400))
        let result = HTTPCheckEvaluator.evaluate(spec, transfer: transfer, body: nil, batchFailure: nil, now: now, certificate: certificate)
        var track = ServiceCheckTrack(name: "api", kind: .http)
        track.record(ServiceCheckResult(name: "api", detail: .http(result), checkedAt: now))
        return track
    }

    static func code(_ track: ServiceCheckTrack) -> String {
        ServicesPaneBuilder.row(for: track, now: now).cells[2].spans.map(\.text).joined()
    }

    static func detail(_ track: ServiceCheckTrack) -> [String] {
        ServiceDetailLines.lines(track, definition: [], now: now).map { $0.spans.map(\.text).joined() }
    }

    @Test func aLongerCertWarnMarksACertificateTheOldFourteenDaysMissed() {
        let track = Self.track(daysLeft: 20.5, warn: .seconds(30 * 86400))
        #expect(track.latest?.state == .warn)
        #expect(Self.code(track) == "200!")
    }

    @Test func aShorterCertWarnLeavesACalmCertificateUnmarked() {
        let track = Self.track(daysLeft: 10.5, warn: .seconds(7 * 86400), crit: .seconds(2 * 86400))
        #expect(track.latest?.state == .ok)
        #expect(Self.code(track) == "200")
        let certificateLine = ServiceDetailLines.lines(track, definition: [], now: Self.now).first { $0.spans.first?.text.contains("certificate") == true }
        #expect(certificateLine?.spans.last?.style.role == .normal)
    }

    @Test func theDetailShowsTheCertificatesFactsAndItsLatencyPhases() {
        let lines = Self.detail(Self.track(daysLeft: 20.5, warn: .seconds(30 * 86400)))
        func value(_ label: String) -> String? {
            lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label + " ") }.map {
                $0.trimmingCharacters(in: .whitespaces).dropFirst(label.count).trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(value("certificate") == "expires in 20 days")
        #expect(value("subject") == "CN = api.example.com")
        #expect(value("issuer") == "CN = Test CA")
        #expect(value("not after") == "2027-02-04T20:00:00Z")
        for phase in ["latency", "dns", "connect", "first byte"] { #expect(value(phase) != nil, "\(phase) in \(lines)") }
    }
}

/// The TLS-only check's row: days left in the CODE column, marked by its own cert_warn.
@Suite struct TLSCheckRowTests {
    @Test func TLSCheckRowShowsDaysLeftMarkedByItsThresholds() {
        let now = CertThresholdTests.now
        let certificate = CertificateFacts(subject: "CN = a", issuer: "CN = a", notAfter: now.addingTimeInterval(20.5 * 86400))
        func code(_ state: HealthState) -> String {
            var track = ServiceCheckTrack(name: "cert", kind: .tls)
            let result = NetworkCheckResult(duration: .milliseconds(30), certificate: certificate, verification: "ok", certificateState: state, state: state)
            track.record(ServiceCheckResult(name: "cert", detail: .tls(result), checkedAt: now))
            return ServicesPaneBuilder.row(for: track, now: now).cells[2].spans.map(\.text).joined()
        }
        #expect(code(.warn) == "20d!")
        #expect(code(.ok) == "20d")
    }
}
