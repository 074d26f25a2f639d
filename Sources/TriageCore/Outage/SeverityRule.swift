import Foundation

/// One entry of `severity_rules:`: the severity to suggest when the picture meets every condition.
///
/// Rules are data (the config's, else ``SeveritySuggestion/defaultRules(for:)``) and are evaluated
/// top-down by ``SeveritySuggestion/evaluate(_:entities:now:)``; the first that holds is suggested.
public struct SeverityRule: Sendable, Equatable {
    /// At least this many, or at least this share of the counted entities.
    public enum Threshold: Sendable, Equatable {
        case count(Int)
        /// 0…1: `50%` in the config.
        case fraction(Double)

        func holds(_ n: Int, of total: Int) -> Bool {
            switch self {
            case .count(let least): n >= least
            case .fraction(let share): total > 0 && n > 0 && Double(n) >= share * Double(total)
            }
        }
    }

    public var severity: String
    /// The kinds counted (`service`, `container`, `pod`…); empty counts every kind but sources and events.
    public var kinds: Set<OutageEntity.Kind>
    /// At least this many (or this share) of the counted entities CRIT.
    public var crit: Threshold?
    /// At least this many (or this share) of the counted entities CRIT or WARN.
    public var warn: Threshold?
    /// Entities (by name, as the panes show it) that must be CRIT or WARN.
    public var failing: [String]
    /// Counted and named entities count only once failing this long (their `since` says so).
    public var duration: Duration?

    public init(
        severity: String, kinds: Set<OutageEntity.Kind> = [], crit: Threshold? = nil, warn: Threshold? = nil,
        failing: [String] = [], duration: Duration? = nil
    ) {
        self.severity = severity
        self.kinds = kinds
        self.crit = crit
        self.warn = warn
        self.failing = failing
        self.duration = duration
    }

    /// The kinds a `kind:` word names: a kind's own name, or its plural ("services", "pods").
    public static func kind(named word: String) -> OutageEntity.Kind? {
        let lower = word.lowercased()
        return OutageEntity.Kind.allCases.first { $0.rawValue == lower || $0.rawValue + "s" == lower }
    }
}
