/// One PromQL query as configured (`prometheus:` in triage.yaml).
public struct PrometheusQuerySpec: Sendable, Equatable {
    public var name: String
    /// The server's base URL, e.g. `http://127.0.0.1:9090`; `/api/v1/query` is appended.
    public var serverURL: String
    public var query: String
    public var thresholds: ValueThresholds
    public var timeout: Duration
    public var interval: Duration?
    /// Sent with the request (e.g. `Authorization`), never displayed.
    public var headers: [HTTPHeader]
    public var verifyTLS: Bool
    /// `alert_if: any`: every returned series is a problem at this level (`alert_level`, default
    /// crit), as an alerting rule reads `up == 0`; nil: the thresholds judge each value.
    public var alertLevel: HealthState?
    /// The state of an empty result (`empty:`); nil: ok with `alert_if`, else unknown ("no data").
    public var emptyState: HealthState?
    public var policy: CheckStateMachine.Policy

    public init(
        name: String, serverURL: String, query: String, thresholds: ValueThresholds = ValueThresholds(),
        timeout: Duration = .seconds(5), interval: Duration? = nil, headers: [HTTPHeader] = [],
        verifyTLS: Bool = true, alertLevel: HealthState? = nil, emptyState: HealthState? = nil,
        policy: CheckStateMachine.Policy = .standard
    ) {
        self.name = name
        self.serverURL = serverURL
        self.query = query
        self.thresholds = thresholds
        self.timeout = timeout
        self.interval = interval
        self.headers = headers
        self.verifyTLS = verifyTLS
        self.alertLevel = alertLevel
        self.emptyState = emptyState
        self.policy = policy
    }

    /// `<server>/api/v1/query`, tolerant of a trailing slash in the configured URL.
    public var queryEndpoint: String {
        var base = serverURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/api/v1/query"
    }
}
