/// What one command check saw in one round.
public struct CommandCheckResult: Sendable, Equatable {
    /// The exit code when the command exited by itself; nil when it timed out, was killed or never ran.
    public var exitCode: Int32?
    /// "exited with status 1", "timed out", "killed by signal 9 (KILL)", "redis-cli: not found on PATH".
    public var statusText: String
    /// The start of stdout (or stderr when stdout is empty), at most a few lines, for the detail view.
    public var outputExcerpt: String
    public var duration: Duration
    public var state: HealthState
    public var reason: String?

    public init(exitCode: Int32?, statusText: String, outputExcerpt: String = "", duration: Duration = .zero, state: HealthState, reason: String? = nil) {
        self.exitCode = exitCode
        self.statusText = statusText
        self.outputExcerpt = outputExcerpt
        self.duration = duration
        self.state = state
        self.reason = reason
    }
}
