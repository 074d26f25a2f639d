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
}
