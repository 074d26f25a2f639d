import Foundation

/// One outage being worked: what it is, how bad, who leads it, and the moments that matter later.
///
/// `severity` is free text ("P1", "SEV2", "Critical") because runbooks use different schemes and the
/// incident keeps whichever one its runbook speaks. Times are absolute instants; screens show them in
/// local time and UTC, exports in RFC 3339 UTC.
public struct Incident: Sendable, Codable, Equatable, Identifiable {
    /// "INC-20261123-1942" (UTC start minute), with "-2", "-3"… when several start in the same minute.
    public var id: String
    public var title: String
    public var severity: String
    public var status: IncidentStatus
    public var commander: String?
    /// The runbook the checklist came from, and the hash of its content when the incident started.
    public var runbookPath: String?
    public var runbookHash: String?
    public var startedAt: Date
    /// When the problem was first noticed (an alert), which can be earlier than the declaration.
    public var detectedAt: Date?
    public var acknowledgedAt: Date?
    public var mitigatedAt: Date?
    public var resolvedAt: Date?

    public init(
        id: String, title: String, severity: String, status: IncidentStatus = .investigating,
        commander: String? = nil, runbookPath: String? = nil, runbookHash: String? = nil,
        startedAt: Date, detectedAt: Date? = nil, acknowledgedAt: Date? = nil,
        mitigatedAt: Date? = nil, resolvedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.status = status
        self.commander = commander
        self.runbookPath = runbookPath
        self.runbookHash = runbookHash
        self.startedAt = startedAt
        self.detectedAt = detectedAt
        self.acknowledgedAt = acknowledgedAt
        self.mitigatedAt = mitigatedAt
        self.resolvedAt = resolvedAt
    }

    /// Whether the incident still needs attention.
    public var isOpen: Bool { status.isOpen }
}
