/// One series of an instant query: its labels and value, classified against the query's thresholds.
public struct PrometheusSample: Sendable, Equatable {
    public var labels: [String: String]
    public var value: Double
    /// Sample time as Prometheus reports it (Unix seconds).
    public var timestamp: Double
    public var state: HealthState

    public init(labels: [String: String], value: Double, timestamp: Double, state: HealthState = .ok) {
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
        self.state = state
    }

    /// `up{instance="a:9100", job="web"}`: the metric name first, then labels sorted by name.
    public var labelText: String {
        let name = labels["__name__"] ?? ""
        let rest = labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }
        if rest.isEmpty { return name.isEmpty ? "{}" : name }
        return name + "{" + rest.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ", ") + "}"
    }
}

/// What one PromQL query returned in one round.
public struct PrometheusQueryResult: Sendable, Equatable {
    /// `vector` or `scalar` (instant queries); others are reported as unsupported.
    public var resultType: String
    public var samples: [PrometheusSample]
    /// The worst sample's state; `unknown` for an empty result or an error.
    public var state: HealthState
    public var reason: String?

    public init(resultType: String, samples: [PrometheusSample], state: HealthState, reason: String? = nil) {
        self.resultType = resultType
        self.samples = samples
        self.state = state
        self.reason = reason
    }
}
