/// A condition under which to escalate ("Escalate to L2 if not resolved within 30 minutes").
public struct EscalationTrigger: Sendable, Equatable, Hashable, Codable {
    /// Who or which tier to escalate to (`L2`, `Engineering Manager`); `""` when the runbook does not say.
    public var level: String
    /// Minutes after the start of the incident; `nil` for a condition without a time ("Multiple services affected").
    public var afterMinutes: Int?
    public var condition: String
    /// 1-based line of the sentence, list item or table row.
    public var line: Int
    /// The severity this escalation belongs to (`SEV1` from an escalation matrix row); `nil` when it
    /// applies to every incident.
    public var severity: String?
    /// How to reach whom it names ("@lead", "+1 555…"), when the runbook says.
    public var contact: String?

    public init(level: String, afterMinutes: Int?, condition: String, line: Int, severity: String? = nil, contact: String? = nil) {
        self.level = level
        self.severity = severity
        self.contact = contact
        self.afterMinutes = afterMinutes
        self.condition = condition
        self.line = line
    }

    enum CodingKeys: String, CodingKey { case level, afterMinutes, condition, line, severity, contact }

    /// Writes `afterMinutes: null` rather than leaving the key out, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encode(afterMinutes, forKey: .afterMinutes)
        try container.encode(condition, forKey: .condition)
        try container.encode(line, forKey: .line)
        try container.encode(severity, forKey: .severity)
        try container.encode(contact, forKey: .contact)
    }

    /// Whether this escalation concerns an incident of `severity`: untied ones concern every incident.
    public func applies(toSeverity severity: String) -> Bool {
        guard let own = self.severity else { return true }
        return SeverityLevel.sameName(own, severity)
    }
}
