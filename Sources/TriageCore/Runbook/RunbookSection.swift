/// One heading of a runbook and what sits directly under it (not under its subheadings).
public struct RunbookSection: Sendable, Equatable, Hashable, Codable {
    /// The heading text, as plain text (emphasis and code marks removed).
    public var title: String
    /// 1…6 for headings; 0 for the preamble section holding content before the first heading.
    public var level: Int
    /// 1-based line of the heading.
    public var line: Int
    /// Index into `Runbook.sections` of the enclosing section, `nil` at the top.
    public var parentIndex: Int?
    public var items: [ChecklistItem]
    public var commands: [RunbookCommand]
    public var templates: [RunbookTemplate]

    public init(
        title: String, level: Int, line: Int, parentIndex: Int? = nil, items: [ChecklistItem] = [],
        commands: [RunbookCommand] = [], templates: [RunbookTemplate] = []
    ) {
        self.title = title
        self.level = level
        self.line = line
        self.parentIndex = parentIndex
        self.items = items
        self.commands = commands
        self.templates = templates
    }

    enum CodingKeys: String, CodingKey { case title, level, line, parentIndex, items, commands, templates }

    /// Writes `parentIndex: null` rather than leaving the key out, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(level, forKey: .level)
        try container.encode(line, forKey: .line)
        try container.encode(parentIndex, forKey: .parentIndex)
        try container.encode(items, forKey: .items)
        try container.encode(commands, forKey: .commands)
        try container.encode(templates, forKey: .templates)
    }
}
