import Foundation
import TriageCore

/// One line of `docker events --format '{{json .}}'`: which container, what happened to it, and
/// the facts the line itself carries (exit code, health verdict, when).
///
/// A start, a die with its exit code and a health verdict are applied to the row as the event says
/// (see `carriesItsChange`); anything else makes the container be inspected again, so an event
/// the parser does not know still makes it be looked at.
public struct DockerEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Containers may have come or gone (create, destroy, podman's remove, rename): list them again.
        case membership
        /// A health check ran or its verdict changed (podman reports every run, docker only a change).
        case health
        /// Anything else that changes one container's state: start, die, stop, kill, oom, pause, restart.
        case state
    }

    /// The 12-digit ID `docker ps` prints.
    public var containerID: String
    /// The engine's word ("die", "health_status: healthy").
    public var action: String
    /// The container's names the event carries (its name; for a rename also the old one), to tell
    /// whether a host's name globs show it. Empty when the event has none.
    public var names: [String]
    /// The exit code a die carries (`exitCode` in Actor.Attributes, docker and podman alike).
    public var exitCode: Int?
    /// The health verdict ("healthy", "unhealthy", "starting"): docker puts it in the action
    /// (`health_status: healthy`), podman 5 in Actor.Attributes; podman 4's Docker API drops it
    /// (the docker CLI does not print its top-level `HealthStatus`), so there it is nil.
    public var healthVerdict: String?
    /// When it happened, from `timeNano` (or `time`).
    public var time: Date?

    public init(
        containerID: String, action: String, names: [String] = [], exitCode: Int? = nil, healthVerdict: String? = nil,
        time: Date? = nil
    ) {
        self.containerID = String(containerID.prefix(12))
        self.action = action
        self.names = names
        self.exitCode = exitCode
        self.healthVerdict = healthVerdict
        self.time = time
    }

    /// False for a container none of `target`'s globs show (another project's, on a shared engine), so
    /// its events cost nothing; an event without a name counts.
    public func concerns(_ target: DockerHostTarget) -> Bool {
        names.isEmpty || names.contains { target.includes(name: $0) }
    }

    public var kind: Kind {
        if ["create", "destroy", "remove", "rename"].contains(action) { return .membership }
        if action.hasPrefix("health_status") { return .health }
        return .state
    }

    /// True when the line says all a row needs from this change, so the container needs no inspect
    /// for it: a start (running since `time`), a die with its exit code (exited then), a health
    /// verdict, and podman's restart and init, which only come between a die and a start. A die of
    /// 137 is SIGKILL, which may be the OOM killer's, and no event says which: it is inspected.
    /// Restart counts, OOM and the detail view's fields are confirmed by an inspect later (see
    /// `ContainerChanges`).
    public var carriesItsChange: Bool {
        guard time != nil else { return false }
        switch action {
        case "start", "restart", "init": return true
        case "die", "died": return exitCode.map { $0 != 137 } ?? false
        default: return kind == .health && healthVerdict != nil
        }
    }

    /// The actions the probe asks the engine for (`--filter event=...`). The exec_* events of every
    /// health check run and of `docker exec` change no container's state, so they never wake the probe.
    /// podman's Docker API filters on its own names, which differ for two of them (died, remove),
    /// while it prints docker's; docker ignores names it does not know.
    public static let watchedActions = [
        "create", "start", "restart", "die", "died", "kill", "oom", "stop", "pause", "unpause", "destroy", "remove",
        "rename", "update", "health_status",
    ]

    /// The argv after the global options: container events only, one JSON object a line.
    public static var streamArguments: [String] {
        ["events", "--filter", "type=container"] + watchedActions.flatMap { ["--filter", "event=" + $0] }
            + ["--format", "{{json .}}"]
    }

    /// nil for a line that is not a container event with an ID (a blank line, a warning).
    public static func parse(_ line: String) -> DockerEvent? {
        guard line.first == "{",
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        else { return nil }
        if let type = LenientJSON.string(object["Type"]), type != "container" { return nil }
        let actor = object["Actor"] as? [String: Any] ?? [:]
        guard let id = LenientJSON.string(actor["ID"]) ?? LenientJSON.string(object["id"]), !id.isEmpty,
            let action = LenientJSON.string(object["Action"]) ?? LenientJSON.string(object["status"]), !action.isEmpty
        else { return nil }
        let attributes = actor["Attributes"] as? [String: Any] ?? [:]
        // docker's rename carries the old name with its leading slash.
        let names = ["name", "oldName"].compactMap { LenientJSON.string(attributes[$0]) }.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }
        return DockerEvent(
            containerID: id, action: action, names: names.filter { !$0.isEmpty },
            exitCode: LenientJSON.int(attributes["exitCode"]), healthVerdict: healthVerdict(action: action, attributes: attributes),
            time: time(object))
    }

    /// docker: `health_status: healthy`; podman 5: a bare `health_status` with the verdict in the attributes.
    static func healthVerdict(action: String, attributes: [String: Any]) -> String? {
        guard action.hasPrefix("health_status") else { return nil }
        let inAction = action.split(separator: ":", maxSplits: 1).dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) }
        let verdict = inAction ?? ["health_status", "healthStatus", "HealthStatus"].lazy.compactMap { LenientJSON.string(attributes[$0]) }.first
        return verdict.flatMap { $0.isEmpty ? nil : $0.lowercased() }
    }

    static func time(_ object: [String: Any]) -> Date? {
        if let nanos = LenientJSON.int(object["timeNano"]), nanos > 0 { return Date(timeIntervalSince1970: Double(nanos) / 1e9) }
        return LenientJSON.int(object["time"]).map { Date(timeIntervalSince1970: Double($0)) }
    }
}
