import Foundation
import TriageCore

/// What `docker inspect` adds to a `ps` line: health, restart count, exit code, OOM kill, start and end.
public struct DockerInspectEntry: Sendable, Equatable {
    /// The full 64-hex-digit ID.
    public var fullID: String
    public var name: String
    public var image: String
    public var status: String
    public var restarting: Bool
    public var oomKilled: Bool
    public var dead: Bool
    public var exitCode: Int?
    /// The engine's error text for a failed start ("executable file not found").
    public var error: String
    public var startedAt: Date?
    public var finishedAt: Date?
    /// "starting", "healthy", "unhealthy"; empty without a healthcheck.
    public var healthStatus: String
    public var healthFailingStreak: Int
    /// The output of the last healthcheck run, for the detail view.
    public var lastHealthOutput: String
    public var restartCount: Int?
    public var details = ContainerDetails()

    public init(
        fullID: String, name: String, image: String = "", status: String = "", restarting: Bool = false,
        oomKilled: Bool = false, dead: Bool = false, exitCode: Int? = nil, error: String = "",
        startedAt: Date? = nil, finishedAt: Date? = nil, healthStatus: String = "",
        healthFailingStreak: Int = 0, lastHealthOutput: String = "", restartCount: Int? = nil
    ) {
        self.fullID = fullID
        self.name = name
        self.image = image
        self.status = status
        self.restarting = restarting
        self.oomKilled = oomKilled
        self.dead = dead
        self.exitCode = exitCode
        self.error = error
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.healthStatus = healthStatus
        self.healthFailingStreak = healthFailingStreak
        self.lastHealthOutput = lastHealthOutput
        self.restartCount = restartCount
    }

    /// The 12-digit ID `docker ps` prints, to join the two.
    public var shortID: String { String(fullID.prefix(12)) }
}
