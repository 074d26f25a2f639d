/// One command check as configured (`checks:` in triage.yaml): an argv, never a shell string.
public struct CommandCheckSpec: Sendable, Equatable {
    public var name: String
    /// `[pg_isready, -h, db, -U, app]`; the first element is resolved on PATH once.
    public var argv: [String]
    public var expectExit: Int32
    /// A substring stdout or stderr must contain (`PONG`).
    public var expectOutput: String?
    public var timeout: Duration
    public var interval: Duration?
    public var environment: [String: String]
    public var policy: CheckStateMachine.Policy

    public init(
        name: String, argv: [String], expectExit: Int32 = 0, expectOutput: String? = nil,
        timeout: Duration = .seconds(5), interval: Duration? = nil, environment: [String: String] = [:],
        policy: CheckStateMachine.Policy = .standard
    ) {
        self.name = name
        self.argv = argv
        self.expectExit = expectExit
        self.expectOutput = expectOutput
        self.timeout = timeout
        self.interval = interval
        self.environment = environment
        self.policy = policy
    }
}
