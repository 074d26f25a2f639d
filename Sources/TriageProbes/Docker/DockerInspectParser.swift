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
        guard let id = LenientJSON.string(object["Id"]) ?? LenientJSON.string(object["ID"]), !id.isEmpty else { return nil }
        let state = object["State"] as? [String: Any] ?? [:]
        let health = state["Health"] as? [String: Any] ?? [:]
        let config = object["Config"] as? [String: Any] ?? [:]
        let log = health["Log"] as? [[String: Any]] ?? []
        var name = LenientJSON.string(object["Name"]) ?? ""
        if name.hasPrefix("/") { name.removeFirst() }
        return DockerInspectEntry(
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
    }
}
