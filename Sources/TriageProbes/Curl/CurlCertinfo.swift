import Foundation
import TriageCore

/// Reads curl's `%{certs}` text dump of a peer chain into the facts a check shows.
///
/// curl writes one block per certificate, leaf first, each with `Subject:`, `Issuer:` and
/// `Expire date:` lines; an empty dump (plain http, or a reused connection) has no facts.
public enum CurlCertinfo {
    public static func facts(_ text: String) -> CertificateFacts? {
        var subject: String?, issuer: String?
        for line in text.split(whereSeparator: \.isNewline) {
            if subject == nil, line.hasPrefix("Subject:") { subject = String(line.dropFirst("Subject:".count)) }
            if issuer == nil, line.hasPrefix("Issuer:") { issuer = String(line.dropFirst("Issuer:".count)) }
        }
        guard let notAfter = CertificateDate.expiryDates(inCurlCertinfo: text).min() else { return nil }
        return CertificateFacts(subject: subject ?? "", issuer: issuer ?? "", notAfter: notAfter)
    }

    /// The host:port whose certificate a TLS URL gets ("api.example.com:443"); nil for plain http.
    ///
    /// Checks with the same key share one connection pool inside `curl --parallel`, and so one chain.
    public static func endpoint(ofURL url: String) -> String? {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "https",
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        return "\(host):\(components.port ?? 443)"
    }
}
