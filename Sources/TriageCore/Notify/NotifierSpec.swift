/// One `notify:` entry: a program told about incident events, the way a command check is run.
///
/// `argv` is run without a shell (the config refuses a shell string), in its own process group,
/// ended whole at `timeout`. Only from a trusted configuration (``TriageConfig``'s trust rules, as
/// for command checks), never from a read-only session (the wall).
public struct NotifierSpec: Sendable, Equatable {
    public var name: String
    public var argv: [String]
    /// The events it is run for; the config's default is all of them.
    public var events: Set<NotifierEvent>
    public var timeout: Duration

    public static let defaultTimeout: Duration = .seconds(10)

    public init(name: String, argv: [String], events: Set<NotifierEvent> = Set(NotifierEvent.allCases), timeout: Duration = NotifierSpec.defaultTimeout) {
        self.name = name
        self.argv = argv
        self.events = events
        self.timeout = timeout
    }
}
