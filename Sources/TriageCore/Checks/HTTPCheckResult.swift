/// What one HTTP check saw in one round, and the raw state that implies (before hysteresis).
public struct HTTPCheckResult: Sendable, Equatable {
    /// Phase times as curl measures them, each from the start of the transfer.
    public struct Timings: Sendable, Equatable {
        public var total: Duration?
        public var nameLookup: Duration?
        public var connect: Duration?
        /// Until the TLS handshake finished (`time_appconnect`); nil for plain HTTP.
        public var tlsHandshake: Duration?
        public var firstByte: Duration?

        public init(total: Duration? = nil, nameLookup: Duration? = nil, connect: Duration? = nil, tlsHandshake: Duration? = nil, firstByte: Duration? = nil) {
            self.total = total
            self.nameLookup = nameLookup
            self.connect = connect
            self.tlsHandshake = tlsHandshake
            self.firstByte = firstByte
        }
    }

    /// Nil when no HTTP response arrived (refused, DNS failure, timeout).
    public var statusCode: Int?
    public var timings: Timings
    /// curl's own error text ("Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server").
    public var transportError: String?
    public var curlExitCode: Int?
    /// Whole days until the server certificate expires; nil for http or when no transfer to the
    /// endpoint reported its chain this round.
    public var certificateDaysLeft: Int?
    /// The endpoint's certificate facts, the same for every check on that host:port.
    public var certificate: CertificateFacts?
    /// The certificate alone judged against this check's `cert_warn`/`cert_crit`; nil without one.
    public var certificateState: HealthState?
    /// Body bytes downloaded (curl's `size_download`); nil when curl did not say.
    public var bodyBytes: Int?
    /// Whether the body held `expect_body`; nil when not asked.
    public var bodyMatched: Bool?
    public var state: HealthState
    /// Why the state is not ok; nil when ok.
    public var reason: String?

    public init(
        statusCode: Int? = nil, timings: Timings = Timings(), transportError: String? = nil, curlExitCode: Int? = nil,
        certificateDaysLeft: Int? = nil, certificate: CertificateFacts? = nil, bodyMatched: Bool? = nil, state: HealthState,
        reason: String? = nil
    ) {
        self.statusCode = statusCode
        self.timings = timings
        self.transportError = transportError
        self.curlExitCode = curlExitCode
        self.certificateDaysLeft = certificateDaysLeft
        self.certificate = certificate
        self.bodyMatched = bodyMatched
        self.state = state
        self.reason = reason
    }
}
