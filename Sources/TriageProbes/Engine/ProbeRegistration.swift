import TriageCore

/// One row of the probe table: which source, how often, within what deadline, how it backs off,
/// and how to make its probe for either mode.
public struct ProbeRegistration: Sendable {
    public var id: ProbeID
    public var interval: Duration
    public var deadline: Duration
    public var backoff: ProbeBackoff
    /// The source's place among those of its kind (config order of docker hosts, contexts, check groups).
    public var slot: Int
    public var make: @Sendable (ProbeMode) -> any Probe

    public init(
        id: ProbeID, interval: Duration, deadline: Duration, backoff: ProbeBackoff, slot: Int,
        make: @escaping @Sendable (ProbeMode) -> any Probe
    ) {
        self.id = id
        self.interval = interval
        self.deadline = deadline
        self.backoff = backoff
        self.slot = slot
        self.make = make
    }
}
