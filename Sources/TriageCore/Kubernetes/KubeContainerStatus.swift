import Foundation

/// One entry of a pod's `containerStatuses` / `initContainerStatuses`, reduced to what the STATUS,
/// READY and RESTARTS columns and the detail view need.
public struct KubeContainerStatus: Sendable, Equatable {
    /// The `terminated` state of a container (current or last).
    public struct Terminated: Sendable, Equatable {
        public var exitCode: Int
        public var signal: Int
        public var reason: String
        public var message: String
        public var startedAt: Date?
        public var finishedAt: Date?

        public init(
            exitCode: Int = 0, signal: Int = 0, reason: String = "", message: String = "",
            startedAt: Date? = nil, finishedAt: Date? = nil
        ) {
            self.exitCode = exitCode
            self.signal = signal
            self.reason = reason
            self.message = message
            self.startedAt = startedAt
            self.finishedAt = finishedAt
        }
    }

    /// Exactly one of waiting / running / terminated is set by the kubelet; `.unset` when none is.
    public enum State: Sendable, Equatable {
        case waiting(reason: String, message: String)
        case running(startedAt: Date?)
        case terminated(Terminated)
        case unset
    }

    public var name: String
    public var ready: Bool
    /// `started` as the kubelet reports it; nil on old servers.
    public var started: Bool?
    public var restartCount: Int
    public var state: State
    public var lastTerminated: Terminated?

    public init(
        name: String, ready: Bool = false, started: Bool? = nil, restartCount: Int = 0,
        state: State = .unset, lastTerminated: Terminated? = nil
    ) {
        self.name = name
        self.ready = ready
        self.started = started
        self.restartCount = restartCount
        self.state = state
        self.lastTerminated = lastTerminated
    }
}
