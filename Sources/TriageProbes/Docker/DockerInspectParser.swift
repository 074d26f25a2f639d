import Foundation

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
        guard let id = JSONValue.string(object["Id"]) ?? JSONValue.string(object["ID"]), !id.isEmpty else { return nil }
        let state = object["State"] as? [String: Any] ?? [:]
        let health = state["Health"] as? [String: Any] ?? [:]
        let config = object["Config"] as? [String: Any] ?? [:]
        let log = health["Log"] as? [[String: Any]] ?? []
        var name = JSONValue.string(object["Name"]) ?? ""
        if name.hasPrefix("/") { name.removeFirst() }
        return DockerInspectEntry(
            fullID: id, name: name,
            image: JSONValue.string(config["Image"]) ?? JSONValue.string(object["Image"]) ?? "",
            status: (JSONValue.string(state["Status"]) ?? "").lowercased(),
            restarting: JSONValue.bool(state["Restarting"]) ?? false,
            oomKilled: JSONValue.bool(state["OOMKilled"]) ?? false,
            dead: JSONValue.bool(state["Dead"]) ?? false,
            exitCode: JSONValue.int(state["ExitCode"]),
            error: JSONValue.string(state["Error"]) ?? "",
            startedAt: (JSONValue.string(state["StartedAt"])).flatMap(RFC3339.parse),
            finishedAt: (JSONValue.string(state["FinishedAt"])).flatMap(RFC3339.parse),
            healthStatus: (JSONValue.string(health["Status"]) ?? "").lowercased(),
            healthFailingStreak: JSONValue.int(health["FailingStreak"]) ?? 0,
            lastHealthOutput: log.last.flatMap { JSONValue.string($0["Output"]) } ?? "",
            restartCount: JSONValue.int(object["RestartCount"]))
    }
}
