import Foundation

/// What `docker inspect` says about a container beyond its row: for the detail view (`d`).
public struct ContainerDetails: Sendable, Equatable {
    /// The engine's error for the last start, e.g. "OCI runtime create failed: …".
    public var error: String
    public var restartPolicy: String
    public var healthFailingStreak: Int
    /// The newest health-check result's output.
    public var lastHealthOutput: String
    /// `8080/tcp → 0.0.0.0:18080`, one per published binding (or just the port when unpublished).
    public var ports: [String]
    public var labels: [String: String]
    /// `bind /srv/data → /data (ro)`.
    public var mounts: [String]

    public init(error: String = "", restartPolicy: String = "", healthFailingStreak: Int = 0, lastHealthOutput: String = "",
                ports: [String] = [], labels: [String: String] = [:], mounts: [String] = []) {
        self.error = error
        self.restartPolicy = restartPolicy
        self.healthFailingStreak = healthFailingStreak
        self.lastHealthOutput = lastHealthOutput
        self.ports = ports
        self.labels = labels
        self.mounts = mounts
    }
}
