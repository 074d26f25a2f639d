import Foundation

/// Something the probes see broken right now: a failing check, a pod not ready, a container down.
///
/// Plain strings and dates on purpose, so any probe (HTTP checks, docker, kubectl, future ones) can
/// feed exports without TriageExport depending on its models: the caller turns its own rows into
/// these lines.
public struct AffectedItem: Sendable, Equatable, Hashable, Codable {
    /// Whether the item is down (critical) or only degraded (a warning). A status update lists the
    /// critical ones and counts the warnings: a WARN is never called failing or down.
    public enum Severity: String, Sendable, Codable, Hashable {
        case critical, warning
    }

    /// `service`, `pod` or `container` (free text; other kinds are shown as given).
    public var kind: String
    public var name: String
    /// What the probe says now: `crit`, `CrashLoopBackOff`, `exited (137)`.
    public var state: String
    /// When it went bad, when known.
    public var since: Date?
    /// Why, in the probe's words: `HTTP 503`, `connection refused`, `OOMKilled`.
    public var reason: String
    public var severity: Severity
    /// Where it runs, as a reader knows it (`db1`, a docker context); nil or `local` for this machine.
    public var host: String?

    public init(kind: String, name: String, state: String, since: Date? = nil, reason: String = "",
                severity: Severity = .critical, host: String? = nil) {
        self.kind = kind
        self.name = name
        self.state = state
        self.since = since
        self.reason = reason
        self.severity = severity
        self.host = host
    }

    /// A failing service check.
    public static func service(name: String, state: String, since: Date?, reason: String,
                               severity: Severity = .critical) -> AffectedItem {
        AffectedItem(kind: "service", name: name, state: state, since: since, reason: reason, severity: severity)
    }

    /// A pod that is not ready.
    public static func pod(name: String, state: String, since: Date?, reason: String,
                           severity: Severity = .critical) -> AffectedItem {
        AffectedItem(kind: "pod", name: name, state: state, since: since, reason: reason, severity: severity)
    }

    /// A container that is down; `host` is a short tag (see ``DockerHostTag``), never a socket URL.
    public static func container(name: String, state: String, since: Date?, reason: String,
                                 severity: Severity = .critical, host: String? = nil) -> AffectedItem {
        AffectedItem(kind: "container", name: name, state: state, since: since, reason: reason, severity: severity, host: host)
    }

    public var isCritical: Bool { severity == .critical }

    /// The name a reader knows it by: `redis-cache on db1`, bare on this machine.
    var readableName: String {
        guard let host, !host.isEmpty, host != "local" else { return name }
        return "\(name) on \(host)"
    }

    /// The name as a list shows it: services bare, others with their kind (`pod shop/web-1`).
    var label: String { kind == "service" ? readableName : "\(kind) \(readableName)" }
}
