/// How healthy one thing is, in the four states every pane, export and exit code shares.
///
/// Ordered by how much attention it needs: `ok < unknown < warn < crit`, so `max()` of a set of
/// states is the one to show for the set. `unknown` outranks `ok` because "we cannot tell" during an
/// outage deserves a look, but not more than a known warning.
public enum HealthState: String, Sendable, Codable, CaseIterable, Comparable {
    case ok
    case unknown
    case warn
    case crit

    var rank: Int {
        switch self {
        case .ok: 0
        case .unknown: 1
        case .warn: 2
        case .crit: 3
        }
    }

    public static func < (lhs: HealthState, rhs: HealthState) -> Bool { lhs.rank < rhs.rank }

    /// A symbol that carries the state without colour (monochrome themes, `NO_COLOR`, screen readers).
    public var symbol: String {
        switch self {
        case .ok: "●"
        case .unknown: "?"
        case .warn: "▲"
        case .crit: "✖"
        }
    }

    /// The word shown in tables, exports and `triage check`.
    public var label: String {
        switch self {
        case .ok: "OK"
        case .unknown: "UNKNOWN"
        case .warn: "WARN"
        case .crit: "CRIT"
        }
    }
}

extension HealthState {
    /// Classifies a percentage against warning and critical thresholds (inclusive, as runbooks say "≥ 90 %").
    public static func classify(percent: Double, warnAt: Double, critAt: Double) -> HealthState {
        if percent.isNaN { return .unknown }
        if percent >= critAt { return .crit }
        if percent >= warnAt { return .warn }
        return .ok
    }
}
