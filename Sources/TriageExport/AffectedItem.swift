import Foundation

/// Something the probes see broken right now: a failing check, a pod not ready, a container down.
///
/// Plain strings and dates on purpose, so any probe (HTTP checks, docker, kubectl, future ones) can
/// feed exports without TriageExport depending on its models: the caller turns its own rows into
/// these lines.
public struct AffectedItem: Sendable, Equatable, Hashable, Codable {
    /// `service`, `pod` or `container` (free text; other kinds are shown as given).
    public var kind: String
    public var name: String
    /// What the probe says now: `crit`, `CrashLoopBackOff`, `exited (137)`.
    public var state: String
    /// When it went bad, when known.
    public var since: Date?
    /// Why, in the probe's words: `HTTP 503`, `connection refused`, `OOMKilled`.
    public var reason: String

    public init(kind: String, name: String, state: String, since: Date? = nil, reason: String = "") {
        self.kind = kind
        self.name = name
        self.state = state
        self.since = since
        self.reason = reason
    }

    /// A failing service check.
    public static func service(name: String, state: String, since: Date?, reason: String) -> AffectedItem {
        AffectedItem(kind: "service", name: name, state: state, since: since, reason: reason)
    }

    /// A pod that is not ready.
    public static func pod(name: String, state: String, since: Date?, reason: String) -> AffectedItem {
        AffectedItem(kind: "pod", name: name, state: state, since: since, reason: reason)
    }

    /// A container that is down.
    public static func container(name: String, state: String, since: Date?, reason: String) -> AffectedItem {
        AffectedItem(kind: "container", name: name, state: state, since: since, reason: reason)
    }

    /// The name as a list shows it: services bare, others with their kind (`pod shop/web-1`).
    var label: String { kind == "service" ? name : "\(kind) \(name)" }
}
