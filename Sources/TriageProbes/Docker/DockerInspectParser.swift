import Foundation
import TriageCore

/// Parses the JSON array `docker inspect ID...` prints.
///
/// Every field is optional: engines differ (podman leaves `Health` empty without a healthcheck,
/// older dockers omit `Health` entirely), and a container removed between `ps` and `inspect`
/// simply is not in the array.
public enum DockerInspectParser {
    public struct Failure: Error, Equatable, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func parse(_ data: Data) throws(Failure) -> [DockerInspectEntry] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw Failure(description: "docker inspect printed something that is not JSON")
        }
        guard let array = root as? [Any] else { throw Failure(description: "docker inspect did not print a JSON array") }
        return array.compactMap { ($0 as? [String: Any]).flatMap(entry) }
    }

    static func entry(_ object: [String: Any]) -> DockerInspectEntry? {
        guard let id = LenientJSON.string(object["Id"]) ?? LenientJSON.string(object["ID"]), !id.isEmpty else { return nil }
        let state = object["State"] as? [String: Any] ?? [:]
        let health = state["Health"] as? [String: Any] ?? [:]
        let config = object["Config"] as? [String: Any] ?? [:]
        let log = health["Log"] as? [[String: Any]] ?? []
        var name = LenientJSON.string(object["Name"]) ?? ""
        if name.hasPrefix("/") { name.removeFirst() }
        var entry = DockerInspectEntry(
            fullID: id, name: name,
            image: LenientJSON.string(config["Image"]) ?? LenientJSON.string(object["Image"]) ?? "",
            status: (LenientJSON.string(state["Status"]) ?? "").lowercased(),
            restarting: LenientJSON.bool(state["Restarting"]) ?? false,
            oomKilled: LenientJSON.bool(state["OOMKilled"]) ?? false,
            dead: LenientJSON.bool(state["Dead"]) ?? false,
            exitCode: LenientJSON.int(state["ExitCode"]),
            error: LenientJSON.string(state["Error"]) ?? "",
            startedAt: (LenientJSON.string(state["StartedAt"])).flatMap(RFC3339.parse),
            finishedAt: (LenientJSON.string(state["FinishedAt"])).flatMap(RFC3339.parse),
            healthStatus: (LenientJSON.string(health["Status"]) ?? "").lowercased(),
            healthFailingStreak: LenientJSON.int(health["FailingStreak"]) ?? 0,
            lastHealthOutput: log.last.flatMap { LenientJSON.string($0["Output"]) } ?? "",
            restartCount: LenientJSON.int(object["RestartCount"]))
        let hostConfig = object["HostConfig"] as? [String: Any] ?? [:]
        entry.details = ContainerDetails(
            error: entry.error,
            restartPolicy: LenientJSON.string((hostConfig["RestartPolicy"] as? [String: Any])?["Name"]) ?? "",
            healthFailingStreak: entry.healthFailingStreak, lastHealthOutput: entry.lastHealthOutput,
            ports: ports((object["NetworkSettings"] as? [String: Any])?["Ports"] as? [String: Any] ?? [:]),
            labels: (config["Labels"] as? [String: Any] ?? [:]).compactMapValues { LenientJSON.string($0) },
            mounts: (object["Mounts"] as? [[String: Any]] ?? []).map(mount))
        return entry
    }

    /// `{"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}` → `80/tcp → 0.0.0.0:8080`, sorted.
    static func ports(_ map: [String: Any]) -> [String] {
        map.keys.sorted().flatMap { port -> [String] in
            let bindings = map[port] as? [[String: Any]] ?? []
            if bindings.isEmpty { return [port] }
            return bindings.map { binding in
                let ip = LenientJSON.string(binding["HostIp"]) ?? ""
                return "\(port) → \(ip.isEmpty ? "" : ip + ":")\(LenientJSON.string(binding["HostPort"]) ?? "?")"
            }
        }
    }

    /// `{"Type": "bind", "Source": "/srv", "Destination": "/data", "RW": false}` → `bind /srv → /data (ro)`.
    static func mount(_ object: [String: Any]) -> String {
        let kind = LenientJSON.string(object["Type"]) ?? "mount"
        let source = LenientJSON.string(object["Name"]).flatMap { $0.isEmpty ? nil : $0 } ?? LenientJSON.string(object["Source"]) ?? "?"
        let readOnly = LenientJSON.bool(object["RW"]) == false ? " (ro)" : ""
        return "\(kind) \(source) → \(LenientJSON.string(object["Destination"]) ?? "?")\(readOnly)"
    }
}
