import Foundation

/// One row of the Services pane: an HTTP, DNS, TCP or TLS check, a command check or a Prometheus
/// query, for one round.
public struct ServiceCheckResult: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case http
        case command
        case prometheus
        case dns
        case tcp
        case tls
    }

    public enum Detail: Sendable, Equatable {
        case http(HTTPCheckResult)
        case command(CommandCheckResult)
        case prometheus(PrometheusQueryResult)
        case dns(NetworkCheckResult)
        case tcp(NetworkCheckResult)
        case tls(NetworkCheckResult)
    }

    public var name: String
    public var detail: Detail
    public var checkedAt: Date

    public init(name: String, detail: Detail, checkedAt: Date) {
        self.name = name
        self.detail = detail
        self.checkedAt = checkedAt
    }

    public var kind: Kind {
        switch detail {
        case .http: .http
        case .command: .command
        case .prometheus: .prometheus
        case .dns: .dns
        case .tcp: .tcp
        case .tls: .tls
        }
    }

    /// This round's raw state (feed it to the check's `CheckStateMachine` for what to show).
    public var state: HealthState {
        switch detail {
        case .http(let result): result.state
        case .command(let result): result.state
        case .prometheus(let result): result.state
        case .dns(let result), .tcp(let result), .tls(let result): result.state
        }
    }

    public var reason: String? {
        switch detail {
        case .http(let result): result.reason
        case .command(let result): result.reason
        case .prometheus(let result): result.reason
        case .dns(let result), .tcp(let result), .tls(let result): result.reason
        }
    }

    /// The latency for the sparkline: HTTP total time, a command's or DNS/TCP/TLS tool's duration.
    public var latency: Duration? {
        switch detail {
        case .http(let result): result.timings.total
        case .command(let result): result.duration
        case .prometheus: nil
        case .dns(let result), .tcp(let result), .tls(let result): result.duration
        }
    }
}
