/// A condition under which to escalate ("Escalate to L2 if not resolved within 30 minutes").
public struct EscalationTrigger: Sendable, Equatable, Hashable, Codable {
    /// Who or which tier to escalate to (`L2`, `Engineering Manager`); `""` when the runbook does not say.
    public var level: String
    /// Minutes after the start of the incident; `nil` for a condition without a time ("Multiple services affected").
    public var afterMinutes: Int?
    public var condition: String
    /// 1-based line of the sentence, list item or table row.
    public var line: Int

    public init(level: String, afterMinutes: Int?, condition: String, line: Int) {
        self.level = level
        self.afterMinutes = afterMinutes
        self.condition = condition
        self.line = line
    }

    enum CodingKeys: String, CodingKey { case level, afterMinutes, condition, line }

    /// Writes `afterMinutes: null` rather than leaving the key out, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encode(afterMinutes, forKey: .afterMinutes)
        try container.encode(condition, forKey: .condition)
        try container.encode(line, forKey: .line)
    }
}
