import Foundation

/// What a TLS endpoint's certificate chain says, as one round saw it.
///
/// Belongs to the endpoint (host:port), not to a transfer: curl describes the chain only on the
/// transfer that made the connection, so every check on that endpoint gets these same facts.
public struct CertificateFacts: Sendable, Equatable {
    /// The leaf certificate's subject ("CN = api.example.com").
    public var subject: String
    /// The leaf certificate's issuer.
    public var issuer: String
    /// The earliest "not after" in the chain: the date the endpoint stops being trusted.
    public var notAfter: Date

    public init(subject: String, issuer: String, notAfter: Date) {
        self.subject = subject
        self.issuer = issuer
        self.notAfter = notAfter
    }

    /// Whole days from `now` until `notAfter`, rounded down (negative once expired).
    public func daysLeft(now: Date) -> Int {
        Int((notAfter.timeIntervalSince(now) / 86400).rounded(.down))
    }

    /// The certificate alone judged against a check's thresholds: `crit` once expired or closer
    /// than `crit`, `warn` closer than `warn`, else `ok`. The Services pane's "!" and the detail
    /// view's colour follow this, so they agree with the check's own `cert_warn`/`cert_crit`.
    public func state(now: Date, warn: Duration, crit: Duration) -> HealthState {
        let remaining = notAfter.timeIntervalSince(now)
        if remaining <= 0 || remaining < crit.seconds { return .crit }
        if remaining < warn.seconds { return .warn }
        return .ok
    }
}
