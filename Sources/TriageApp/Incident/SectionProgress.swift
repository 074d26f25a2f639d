/// How far one runbook section's checklist has got in an incident: "Detection 3/5", overdue or not.
public struct SectionProgress: Sendable, Equatable, Codable {
    /// Index into `Runbook.sections`.
    public var sectionIndex: Int
    public var title: String
    public var level: Int
    public var done: Int
    public var total: Int
    /// The section's phase window has ended while items are still unticked.
    public var overdue: Bool

    public init(sectionIndex: Int, title: String, level: Int, done: Int, total: Int, overdue: Bool) {
        self.sectionIndex = sectionIndex
        self.title = title
        self.level = level
        self.done = done
        self.total = total
        self.overdue = overdue
    }

    public var isComplete: Bool { done >= total }
}
