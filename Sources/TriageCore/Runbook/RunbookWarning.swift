/// Something a runbook's author (or the person about to rely on it) should know.
public struct RunbookWarning: Sendable, Equatable, Hashable, Codable {
    /// What kind of problem; the raw values are part of the documented JSON.
    public enum Kind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        /// Neither a task list nor a numbered procedure anywhere.
        case noChecklist
        /// A severity level without a response-time target.
        case severityWithoutTarget
        /// The same item twice in one section.
        case duplicateItem
        /// A command block that could take something down or delete data.
        case destructiveCommand
        /// The file was not clean UTF-8: bytes were read as Windows-1252 or mojibake was repaired.
        case encoding
        /// Markdown nested deeper than the parser follows; the deeper part was ignored.
        case nestingTooDeep
        /// A phase window starts before the one above it ("Verification (5-10 min)" after "Recovery (15-30 min)").
        case phaseOrder
        /// An escalation with a condition but no time: it never falls due on its own.
        case escalationWithoutTime
        /// A command uses `$VAR` that nothing in the runbook sets.
        case unsetVariable
        /// A destructive command with no read-only command before it in its section.
        case destructiveWithoutCheck
        /// The file has no structure a runbook has (no headings, lists, tables or commands).
        case notARunbook
    }

    public var kind: Kind
    /// 1-based source line, when the warning is about one place.
    public var line: Int?
    public var message: String

    public init(kind: Kind, line: Int?, message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case kind, line, message }

    /// Writes `line: null` rather than leaving the key out, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(line, forKey: .line)
        try container.encode(message, forKey: .message)
    }
}
