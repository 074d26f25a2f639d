import Foundation
import TriageCore

/// What `openssl s_client` printed about one handshake: the leaf certificate's facts and the
/// verification verdict.
///
/// A pure reading of OpenSSL 3's output (Debian 12): the `Certificate chain` block gives each
/// certificate's subject (`s:`), issuer (`i:`) and validity (`v:NotBefore: …; NotAfter: …`), and
/// `Verify return code: 18 (self-signed certificate)` the verdict. Tested against the recorded
/// fixtures under Tests/TriageProbesTests/Fixtures/sclient-*.
public struct SClientOutput: Sendable, Equatable {
    public var certificate: CertificateFacts?
    /// 0 when the chain and name verified; nil when the handshake did not get that far.
    public var verifyCode: Int?
    /// openssl's words for `verifyCode` (`ok`, `self-signed certificate`).
    public var verifyText: String?

    public static func parse(_ text: String) -> SClientOutput {
        var subject: String?, issuer: String?
        var notAfters: [Date] = []
        var verifyCode: Int?, verifyText: String?
        var inChain = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line == "Certificate chain" {
                inChain = true
                continue
            }
            if line == "---" { inChain = false }
            if inChain {
                if subject == nil, let rest = Self.field(line, "s:") { subject = rest }
                if issuer == nil, let rest = Self.field(line, "i:") { issuer = rest }
                if line.hasPrefix("v:"), let range = line.range(of: "NotAfter: "),
                    let date = CertificateDate.parse(String(line[range.upperBound...]))
                {
                    notAfters.append(date)
                }
            }
            if line.hasPrefix("Verify return code: ") {
                let rest = line.dropFirst("Verify return code: ".count)
                verifyCode = Int(rest.prefix { $0.isNumber })
                if let open = rest.firstIndex(of: "("), let close = rest.lastIndex(of: ")"), open < close {
                    verifyText = String(rest[rest.index(after: open)..<close])
                }
            }
        }
        // The earliest NotAfter of the chain is when the endpoint stops being trusted, as for curl.
        let certificate = notAfters.min().map { CertificateFacts(subject: subject ?? "", issuer: issuer ?? "", notAfter: $0) }
        return SClientOutput(certificate: certificate, verifyCode: verifyCode, verifyText: verifyText)
    }

    /// ` 0 s:CN = api` → `CN = api` for the leaf (depth 0) lines.
    private static func field(_ line: String, _ prefix: String) -> String? {
        var rest = Substring(line)
        if let first = rest.first, first.isNumber {
            rest = rest.drop { $0.isNumber }.drop { $0 == " " }
        }
        guard rest.hasPrefix(prefix) else { return nil }
        return String(rest.dropFirst(prefix.count))
    }
}
