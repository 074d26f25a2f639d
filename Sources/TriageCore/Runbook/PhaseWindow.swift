/// A time window of the response, taken from a heading such as "Investigation Phase (15-60 minutes)".
///
/// Minutes count from the start of the incident. Items of the section (and its subsections) whose
/// window has passed while they are unticked are overdue.
public struct PhaseWindow: Sendable, Equatable, Hashable, Codable {
    public var title: String
    public var startMinutes: Int
    /// `nil` for an open-ended window ("After 2 hours").
    public var endMinutes: Int?
    /// 1-based line of the heading.
    public var line: Int
    /// Index into `Runbook.sections` of the heading's section.
    public var sectionIndex: Int

    public init(title: String, startMinutes: Int, endMinutes: Int?, line: Int, sectionIndex: Int) {
        self.title = title
        self.startMinutes = startMinutes
        self.endMinutes = endMinutes
        self.line = line
        self.sectionIndex = sectionIndex
    }

    enum CodingKeys: String, CodingKey { case title, startMinutes, endMinutes, line, sectionIndex }

    /// Writes `endMinutes: null` rather than leaving the key out, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(startMinutes, forKey: .startMinutes)
        try container.encode(endMinutes, forKey: .endMinutes)
        try container.encode(line, forKey: .line)
        try container.encode(sectionIndex, forKey: .sectionIndex)
    }
}
