/// A DNS, TCP-connect or TLS-only check as configured: a `services:` entry with `dns:`, `tcp:` or
/// `tls:` instead of `url:`.
public struct NetworkCheckSpec: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        /// A lookup through `dig`.
        case dns(DNSQuestion)
        /// A TCP connection opened and closed (`nc -z`): is anything listening.
        case tcp(HostPort)
        /// A TLS handshake without HTTP (`openssl s_client`): the certificate's facts and trust.
        case tls(HostPort)
    }

    public var name: String
    public var target: Target
    public var timeout: Duration
    /// Answers slower than this are `warn`.
    public var warnLatency: Duration
    /// Per-check interval; nil: the global `refresh`.
    public var interval: Duration?
    /// `tls:` only: whether an untrusted chain or a name mismatch is `crit` (default true).
    public var verifyTLS: Bool
    /// `tls:` only: a certificate closer to expiry than this is `warn`.
    public var certWarn: Duration
    /// `tls:` only: a certificate closer to expiry than this, or expired, is `crit`.
    public var certCrit: Duration
    public var policy: CheckStateMachine.Policy

    public init(
        name: String, target: Target, timeout: Duration = .seconds(5), warnLatency: Duration = .seconds(2),
        interval: Duration? = nil, verifyTLS: Bool = true, certWarn: Duration = HTTPCheckSpec.defaultCertWarn,
        certCrit: Duration = HTTPCheckSpec.defaultCertCrit, policy: CheckStateMachine.Policy = .standard
    ) {
        self.name = name
        self.target = target
        self.timeout = timeout
        self.warnLatency = warnLatency
        self.interval = interval
        self.verifyTLS = verifyTLS
        self.certWarn = certWarn
        self.certCrit = certCrit
        self.policy = policy
    }

    public var kind: ServiceCheckResult.Kind {
        switch target {
        case .dns: .dns
        case .tcp: .tcp
        case .tls: .tls
        }
    }

    /// What the check looks at, for tables and the detail view: `A api.example.com @10.0.0.53:53`,
    /// `db:5432`.
    public var targetText: String {
        switch target {
        case .dns(let question): "\(question.type.rawValue) \(question.name)" + (question.server.map { " @\($0)" } ?? "")
        case .tcp(let endpoint), .tls(let endpoint): endpoint.description
        }
    }
}
