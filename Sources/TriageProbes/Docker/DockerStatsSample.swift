import TriageCore

/// One row of a `docker stats --format '{{json .}}'` frame.
public struct DockerStatsSample: Sendable, Equatable {
    /// The ID as the engine printed it (12 hex digits with docker and podman).
    public var containerID: String
    /// The name as printed. Unreliable through podman: the docker CLI drops its first character.
    public var name: String
    public var stats: ContainerStats
    /// True when the line began a new frame (the engine's `ESC[H` cursor-home).
    public var startsFrame: Bool

    public init(containerID: String, name: String, stats: ContainerStats, startsFrame: Bool = false) {
        self.containerID = containerID
        self.name = name
        self.stats = stats
        self.startsFrame = startsFrame
    }
}
