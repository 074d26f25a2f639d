import Foundation
import TriageCore

/// One line of `docker events --format '{{json .}}'`: which container, and what happened to it.
///
/// The probe reads only which container an event names and what kind of change it is; the state
/// itself comes from `docker inspect` (or `docker ps` when the set of containers may have changed),
/// so an event the parser does not know still makes the container be looked at again.
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

    public init(containerID: String, action: String, names: [String] = []) {
        self.containerID = String(containerID.prefix(12))
        self.action = action
        self.names = names
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
        return DockerEvent(containerID: id, action: action, names: names.filter { !$0.isEmpty })
    }
}
