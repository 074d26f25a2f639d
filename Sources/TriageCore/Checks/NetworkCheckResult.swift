/// What one DNS, TCP or TLS check saw in one round, and the raw state that implies.
public struct NetworkCheckResult: Sendable, Equatable {
    /// The tool's wall time for the whole check (a process start included); nil when it never ran.
    public var duration: Duration?
    /// DNS: the response code (`NOERROR`, `NXDOMAIN`, `SERVFAIL`); nil when no answer came.
    public var dnsStatus: String?
    /// DNS: the answer records' data as dig printed them (`10.0.0.7`, `10 mail.example.com.`).
    public var answers: [String]
    /// TLS: the endpoint's certificate facts; nil when the handshake gave none.
    public var certificate: CertificateFacts?
    /// TLS: openssl's verdict on the chain and name (`ok`, `self-signed certificate`).
    public var verification: String?
    /// TLS: the certificate alone judged against `cert_warn`/`cert_crit`; nil without one.
    public var certificateState: HealthState?
    public var state: HealthState
    /// Why the state is not ok; nil when ok.
    public var reason: String?

    public init(
        duration: Duration? = nil, dnsStatus: String? = nil, answers: [String] = [], certificate: CertificateFacts? = nil,
        verification: String? = nil, certificateState: HealthState? = nil, state: HealthState, reason: String? = nil
    ) {
        self.duration = duration
        self.dnsStatus = dnsStatus
        self.answers = answers
        self.certificate = certificate
        self.verification = verification
        self.certificateState = certificateState
        self.state = state
        self.reason = reason
    }
}
