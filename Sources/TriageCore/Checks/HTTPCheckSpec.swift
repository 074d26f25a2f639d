/// One HTTP health check as configured (`services:` in triage.yaml).
public struct HTTPCheckSpec: Sendable, Equatable {
    /// Which response codes count as up.
    public enum ExpectedStatus: Sendable, Equatable {
        /// Any 2xx (the default).
        case anySuccess
        case codes([Int])

        public func accepts(_ code: Int) -> Bool {
            switch self {
            case .anySuccess: (200...299).contains(code)
            case .codes(let codes): codes.contains(code)
            }
        }

        public var description: String {
            switch self {
            case .anySuccess: "2xx"
            case .codes(let codes): codes.map(String.init).joined(separator: "/")
            }
        }
    }

    public var name: String
    public var url: String
    public var method: String
    public var expectStatus: ExpectedStatus
    /// A substring the body must contain; nil: the body is not read.
    public var expectBody: String?
    public var timeout: Duration
    /// Answers slower than this are `warn`.
    public var warnLatency: Duration
    /// Per-check interval; nil: the global `refresh`.
    public var interval: Duration?
    /// Sent with the request, never displayed or put on a command line.
    public var headers: [HTTPHeader]
    public var verifyTLS: Bool
    /// Whether the body must be read: a condition on it is set.
    public var readsBody: Bool { expectBody != nil || expectBodyRegex != nil || expectJSON != nil }
    /// A certificate closer to expiry than this is `warn` (`cert_warn`, default 14 days).
    public var certWarn: Duration
    /// A certificate closer to expiry than this, or expired, is `crit` (`cert_crit`, default 3 days).
    public var certCrit: Duration
    /// `follow_redirects`: follow 3xx answers (up to 10) and judge the last; default false.
    public var followRedirects: Bool = false
    /// `expect_body_regex`: an extended regular expression the body must match; nil: not asked.
    public var expectBodyRegex: String?
    /// `expect_json: {path, equals}`: the value at a JSONPath (subset) must read `equals`.
    public var expectJSON: JSONExpectation?
    /// `expect_header`: each header must be present and contain its value (name and value
    /// compared without case).
    public var expectHeaders: [HTTPHeader] = []
    /// `max_body`: at most this many body bytes are downloaded per round (default 1 MiB); the
    /// body conditions judge that prefix.
    public var maxBody: Int = 1 << 20
    public var policy: CheckStateMachine.Policy

    public static let defaultCertWarn: Duration = .seconds(14 * 86400)
    public static let defaultCertCrit: Duration = .seconds(3 * 86400)

    public init(
        name: String, url: String, method: String = "GET", expectStatus: ExpectedStatus = .anySuccess,
        expectBody: String? = nil, timeout: Duration = .seconds(5), warnLatency: Duration = .seconds(2),
        interval: Duration? = nil, headers: [HTTPHeader] = [], verifyTLS: Bool = true,
        certWarn: Duration = HTTPCheckSpec.defaultCertWarn, certCrit: Duration = HTTPCheckSpec.defaultCertCrit,
        policy: CheckStateMachine.Policy = .standard
    ) {
        self.name = name
        self.url = url
        self.method = method
        self.expectStatus = expectStatus
        self.expectBody = expectBody
        self.timeout = timeout
        self.warnLatency = warnLatency
        self.interval = interval
        self.headers = headers
        self.verifyTLS = verifyTLS
        self.certWarn = certWarn
        self.certCrit = certCrit
        self.policy = policy
    }
}

/// `expect_json`: the value at `path` (`$.status`, `$.checks[0].state`) must read `equals`.
public struct JSONExpectation: Sendable, Equatable {
    public var path: String
    public var equals: String

    public init(path: String, equals: String) {
        self.path = path
        self.equals = equals
    }
}

/// A request header; its value is a secret as far as the screen is concerned.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
