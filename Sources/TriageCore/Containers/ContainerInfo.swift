import Foundation

/// One container as the Containers pane shows it: `docker ps` identity, `docker inspect` state and the
/// latest `docker stats` sample, tagged with the docker host it came from.
///
/// Fields the engine did not report stay `nil` rather than zero, so "no data" never reads as "idle".
public struct ContainerInfo: Sendable, Equatable, Identifiable {
    /// The host tag shown in the row: the docker context name, or the `DOCKER_HOST` value.
    public var host: String
    /// The short (12 hex digits) container ID, as `docker ps` prints it.
    public var containerID: String
    public var name: String
    public var image: String
    public var state: ContainerRunState
    /// The engine's own wording: "Up 3 minutes (healthy)", "Exited (137) 2 seconds ago".
    public var statusText: String
    public var health: ContainerHealth
    public var restarts: Int?
    public var exitCode: Int?
    public var oomKilled: Bool
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Set by the probe when the restart count grew recently: a crash loop that `ps` shows as "Up 1 second".
    public var restartedRecently: Bool
    public var stats: ContainerStats?
    /// From `docker inspect`, once it has run for this container.
    public var details: ContainerDetails?

    /// Rows are keyed by host and ID: two hosts may run containers with the same name.
    public var id: String { host + "/" + containerID }

    public init(
        host: String, containerID: String, name: String, image: String = "",
        state: ContainerRunState, statusText: String = "", health: ContainerHealth = .none,
        restarts: Int? = nil, exitCode: Int? = nil, oomKilled: Bool = false,
        startedAt: Date? = nil, finishedAt: Date? = nil, restartedRecently: Bool = false,
        stats: ContainerStats? = nil
    ) {
        self.host = host
        self.containerID = containerID
        self.name = name
        self.image = image
        self.state = state
        self.statusText = statusText
        self.health = health
        self.restarts = restarts
        self.exitCode = exitCode
        self.oomKilled = oomKilled
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.restartedRecently = restartedRecently
        self.stats = stats
    }

    /// Memory use at or above this share of the limit warns.
    public static let memoryWarnPercent = 80.0

    /// A run state entered within this window is a recent change: the pane marks it ("▸ 12s") and
    /// lists it first among rows of the same severity.
    public static let recentChangeWindow: TimeInterval = 300

    /// When the container entered its current run state, as inspect reports it: its start for a
    /// running or paused one, its end for an exited or dead one, the later of the two for one that
    /// is restarting; nil when not known (not inspected yet, or a state without a time).
    public var stateSince: Date? {
        switch state {
        case .running, .paused: startedAt
        case .exited, .dead: finishedAt
        case .restarting: [startedAt, finishedAt].compactMap { $0 }.max()
        default: nil
        }
    }

    /// True when the run state changed within ``recentChangeWindow`` of `now`.
    public func changedRecently(now: Date) -> Bool {
        guard let since = stateSince else { return false }
        return now.timeIntervalSince(since) < Self.recentChangeWindow
    }

    /// How much attention the row needs: OOM kills, unhealthy, crash loops and non-zero exits are critical.
    public var healthState: HealthState { assessment.state }

    /// A few words saying why the row is not ok ("unhealthy", "exited 3", "memory 91% of limit"); nil when ok.
    public var reason: String? { assessment.reason }

    private var assessment: (state: HealthState, reason: String?) {
        if oomKilled { return (.crit, "OOM-killed") }
        if health == .unhealthy { return (.crit, "unhealthy") }
        switch state {
        case .restarting: return (.crit, "restarting")
        case .dead: return (.crit, "dead")
        case .exited:
            if let code = exitCode, code != 0 { return (.crit, "exited \(code)") }
            if exitCode == nil, let code = Self.exitCode(fromStatus: statusText), code != 0 {
                return (.crit, "exited \(code)")
            }
        default: break
        }
        if restartedRecently { return (.crit, "restarting (\(restarts ?? 0) restarts)") }
        if let percent = stats?.memoryPercentOfLimit, percent >= Self.memoryWarnPercent {
            return (.warn, "memory \(Int(percent.rounded()))% of limit")
        }
        switch state {
        case .paused: return (.warn, "paused")
        case .created: return (.unknown, "created, not started")
        case .removing: return (.warn, "being removed")
        case .other(let word): return (.unknown, "state \(word)")
        default: break
        }
        if health == .starting { return (.unknown, "health: starting") }
        return (.ok, nil)
    }

    /// The exit code inside a `docker ps` status such as "Exited (137) 2 seconds ago".
    public static func exitCode(fromStatus status: String) -> Int? {
        guard status.hasPrefix("Exited ("), let close = status.firstIndex(of: ")") else { return nil }
        let start = status.index(status.startIndex, offsetBy: 8)
        guard start <= close else { return nil }
        return Int(status[start..<close])
    }
}

/// The engine's lifecycle word for a container (`docker ps`'s `State`).
public enum ContainerRunState: Sendable, Equatable, Hashable {
    case created, running, paused, restarting, removing, exited, dead
    /// A word this code does not know, kept as the engine said it.
    case other(String)

    public init(engineWord: String) {
        switch engineWord.lowercased() {
        case "created", "configured", "initialized": self = .created
        case "running", "up": self = .running
        case "paused": self = .paused
        case "restarting": self = .restarting
        case "removing", "stopping": self = .removing
        case "exited", "stopped": self = .exited
        case "dead": self = .dead
        default: self = .other(engineWord)
        }
    }

    public var word: String {
        switch self {
        case .created: "created"
        case .running: "running"
        case .paused: "paused"
        case .restarting: "restarting"
        case .removing: "removing"
        case .exited: "exited"
        case .dead: "dead"
        case .other(let word): word
        }
    }
}

/// The healthcheck verdict `docker inspect` reports; `.none` when the container has no healthcheck.
public enum ContainerHealth: String, Sendable, Equatable, CaseIterable {
    case none, starting, healthy, unhealthy

    public init(engineWord: String?) {
        self = ContainerHealth(rawValue: (engineWord ?? "").lowercased()) ?? .none
    }
}
