import Foundation

/// Everything triage understood from one Markdown runbook: the checklist and what surrounds it.
///
/// Sections are a flat list in document order; the tree is given by `level` and `parentIndex`.
public struct Runbook: Sendable, Equatable, Hashable, Codable {
    public var title: String
    public var sections: [RunbookSection]
    public var severities: [SeverityLevel]
    public var phases: [PhaseWindow]
    public var escalations: [EscalationTrigger]
    /// Minutes between status updates when the runbook says ("post an update every 30 minutes").
    public var statusUpdateMinutes: Int?
    /// People to reach ("Engineering Lead: [Contact Info]"): shown beside escalations, never ticked.
    public var contacts: [RunbookContact]
    /// A severity stated for the runbook as a whole (`**Severity:** Critical` under an alert heading).
    public var declaredSeverity: String?
    /// A response target stated for the runbook as a whole (`**Expected Response Time:** < 5 minutes`):
    /// the target of any incident whose severity has none of its own.
    public var responseMinutes: Int?
    public var warnings: [RunbookWarning]
    /// The file it came from; `nil` for built-in or in-memory text.
    public var sourcePath: String?

    public init(
        title: String, sections: [RunbookSection] = [], severities: [SeverityLevel] = [], phases: [PhaseWindow] = [],
        escalations: [EscalationTrigger] = [], statusUpdateMinutes: Int? = nil, contacts: [RunbookContact] = [],
        declaredSeverity: String? = nil, responseMinutes: Int? = nil, warnings: [RunbookWarning] = [],
        sourcePath: String? = nil
    ) {
        self.contacts = contacts
        self.declaredSeverity = declaredSeverity
        self.responseMinutes = responseMinutes
        self.title = title
        self.sections = sections
        self.severities = severities
        self.phases = phases
        self.escalations = escalations
        self.statusUpdateMinutes = statusUpdateMinutes
        self.warnings = warnings
        self.sourcePath = sourcePath
    }

    enum CodingKeys: String, CodingKey {
        case title, sections, severities, phases, escalations, statusUpdateMinutes, contacts, declaredSeverity
        case responseMinutes, warnings, sourcePath
    }

    /// Writes `null` for absent optionals rather than leaving keys out, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(sections, forKey: .sections)
        try container.encode(severities, forKey: .severities)
        try container.encode(phases, forKey: .phases)
        try container.encode(escalations, forKey: .escalations)
        try container.encode(statusUpdateMinutes, forKey: .statusUpdateMinutes)
        try container.encode(contacts, forKey: .contacts)
        try container.encode(declaredSeverity, forKey: .declaredSeverity)
        try container.encode(responseMinutes, forKey: .responseMinutes)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(sourcePath, forKey: .sourcePath)
    }

    /// Every item in document order (sections in order, each section's items in order).
    public var allItems: [ChecklistItem] { sections.flatMap(\.items) }

    public var taskCount: Int { allItems.count(where: { $0.kind == .task }) }
    public var stepCount: Int { allItems.count(where: { $0.kind == .step }) }
    public var allCommands: [RunbookCommand] { sections.flatMap(\.commands) }
    public var allTemplates: [RunbookTemplate] { sections.flatMap(\.templates) }

    /// The phase window governing a section: its own, else the nearest enclosing section's.
    public func phase(forSection index: Int) -> PhaseWindow? {
        var current: Int? = index
        var guardCount = 0
        while let here = current, sections.indices.contains(here), guardCount <= sections.count {
            if let phase = phases.first(where: { $0.sectionIndex == here }) { return phase }
            current = sections[here].parentIndex
            guardCount += 1
        }
        return nil
    }

    /// Section titles from the outermost heading down to `index` (inclusive).
    /// The response target for an incident of `severity`: its level's, else the runbook-wide one.
    public func responseTarget(severity name: String) -> Int? {
        severity(named: name)?.responseMinutes ?? responseMinutes
    }

    /// Escalations that concern an incident of `severity`, each once.
    public func escalations(forSeverity name: String) -> [EscalationTrigger] {
        escalations.filter { $0.applies(toSeverity: name) }
    }

    public func titlePath(ofSection index: Int) -> [String] {
        var path: [String] = []
        var current: Int? = index
        while let here = current, sections.indices.contains(here), path.count <= sections.count {
            path.append(sections[here].title)
            current = sections[here].parentIndex
        }
        return path.reversed()
    }

    /// The severity level named `name` (case-insensitive; `SEV-1` finds `SEV1`).
    public func severity(named name: String) -> SeverityLevel? {
        severities.first { SeverityLevel.sameName($0.name, name) }
    }
}
