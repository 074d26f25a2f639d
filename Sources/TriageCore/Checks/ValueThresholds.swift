import Foundation

/// Warning and critical bounds for a number, in either direction (`up` below 1, error rate above 0.05).
///
/// Bounds are inclusive, as runbooks say "≥ 0.05 is critical". Critical wins over warning, and a
/// NaN value (Prometheus returns `NaN` for 0/0 rates) is `unknown`, never silently `ok`.
public struct ValueThresholds: Sendable, Equatable, Codable {
    public var warnAbove: Double?
    public var critAbove: Double?
    public var warnBelow: Double?
    public var critBelow: Double?

    public init(warnAbove: Double? = nil, critAbove: Double? = nil, warnBelow: Double? = nil, critBelow: Double? = nil) {
        self.warnAbove = warnAbove
        self.critAbove = critAbove
        self.warnBelow = warnBelow
        self.critBelow = critBelow
    }

    public var isEmpty: Bool { warnAbove == nil && critAbove == nil && warnBelow == nil && critBelow == nil }

    public func classify(_ value: Double) -> HealthState {
        if value.isNaN { return .unknown }
        if let critAbove, value >= critAbove { return .crit }
        if let critBelow, value <= critBelow { return .crit }
        if let warnAbove, value >= warnAbove { return .warn }
        if let warnBelow, value <= warnBelow { return .warn }
        return .ok
    }

    /// Which bound `value` crossed, for a reason such as "0.07 ≥ crit_above 0.05"; nil when ok.
    public func explain(_ value: Double) -> String? {
        if value.isNaN { return "value is NaN" }
        let shown = Self.format(value)
        if let critAbove, value >= critAbove { return "\(shown) ≥ crit_above \(Self.format(critAbove))" }
        if let critBelow, value <= critBelow { return "\(shown) ≤ crit_below \(Self.format(critBelow))" }
        if let warnAbove, value >= warnAbove { return "\(shown) ≥ warn_above \(Self.format(warnAbove))" }
        if let warnBelow, value <= warnBelow { return "\(shown) ≤ warn_below \(Self.format(warnBelow))" }
        return nil
    }

    /// Short spelling of a sample value: `1`, `0.05`, `0.01235`, `4e-05`, `1.181e21` (`NumberText.plain`).
    public static func format(_ value: Double) -> String { NumberText.plain(value) }
}
