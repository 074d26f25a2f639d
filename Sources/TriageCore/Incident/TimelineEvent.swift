import Foundation

/// One line of the incident's timeline, as stored: who did what, when (UTC), in what words.
///
/// `automatic` marks what triage recorded on its own (probe transitions, timers), which the
/// timeline view dims. `text` is stored already redacted (see `SecretRedactor`).
public struct TimelineEvent: Sendable, Codable, Equatable, Identifiable {
    /// Assigned by the store, increasing in insertion order.
    public var id: Int64
    public var incidentID: String
    public var time: Date
    public var actor: String
    public var kind: TimelineKind
    public var text: String
    public var automatic: Bool

    public init(
        id: Int64, incidentID: String, time: Date, actor: String, kind: TimelineKind, text: String,
        automatic: Bool
    ) {
        self.id = id
        self.incidentID = incidentID
        self.time = time
        self.actor = actor
        self.kind = kind
        self.text = text
        self.automatic = automatic
    }
}
