import Foundation
import TriageCore

/// What one round of any registered probe produced, as one type, so a single engine can run every
/// source and a single sink can hand each kind to the picture.
///
/// A new probe kind adds a case here (and to `Kind`); see docs/ARCHITECTURE.md for the other files.
public enum ProbeData: Sendable {
    case host(HostSnapshot)
    /// One check group's results (HTTP checks, command checks or Prometheus queries of one interval).
    case services([ServiceCheckResult])
    case docker(DockerSnapshot)
    case kubernetes(KubeSnapshot)
    /// One Alertmanager's active alerts (or why it could not be read).
    case alertmanager(AlertmanagerSnapshot)
    /// Names of the containers a `logs:` glob matches, for following their logs.
    case containerNames([String], failure: String?)

    /// What a probe watches; with its name it identifies one source (`ProbeID`).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case host, http, command, prometheus, docker, kubernetes
        /// DNS, TCP and TLS checks (one runner for the three).
        case network
        case alertmanager
        case logSources = "log-sources"
    }

    /// Why this round could not read its source, in the tool's own words; nil when it answered.
    ///
    /// Per-check failures (a service answering HTTP 500) are data, not a source failure: a check
    /// group fails only when the engine gives up on its round (see `Probe.unanswered`).
    public var failure: String? {
        switch self {
        case .host, .services: nil
        case .docker(let snapshot): snapshot.failure
        case .kubernetes(let snapshot): snapshot.failure
        case .alertmanager(let snapshot): snapshot.failure
        case .containerNames(_, let failure): failure
        }
    }
}
