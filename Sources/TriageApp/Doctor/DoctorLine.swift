import TriageCore

/// One verdict of `triage doctor`: what was checked, what was found, and what to do about it.
public struct DoctorLine: Sendable, Equatable {
    public enum Level: String, Sendable, Equatable, Comparable {
        case ok, warn, fail

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int {
            switch self {
            case .ok: 0
            case .warn: 1
            case .fail: 2
            }
        }
    }

    /// terminal, tools, state or config.
    public var section: String
    /// What was checked: "TERM", "docker", "free space", ….
    public var subject: String
    public var level: Level
    /// What was found.
    public var finding: String
    /// What to do; nil when there is nothing to do.
    public var advice: String?

    public init(_ section: String, _ subject: String, _ level: Level, _ finding: String, advice: String? = nil) {
        self.section = section
        self.subject = subject
        self.level = level
        self.finding = finding
        self.advice = advice
    }

    var json: JSONValue {
        .object([
            JSONField("section", .string(section)), JSONField("subject", .string(subject)),
            JSONField("level", .string(level.rawValue)), JSONField("finding", .string(finding)),
            JSONField("advice", .string(advice)),
        ])
    }
}
