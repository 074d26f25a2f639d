import Foundation

/// Ages as kubectl prints them (apimachinery's `duration.HumanDuration`): "45s", "5m30s", "2h15m", "3d4h".
///
/// kubectl gets more precise as things get younger, which is what an operator compares against
/// during an incident ("restarted 4m12s ago"), so the Pods pane uses the same cut-offs.
public enum KubectlDuration {
    public static func human(seconds: Int) -> String {
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let rest = seconds % 60
            return rest == 0 ? "\(minutes)m" : "\(minutes)m\(rest)s"
        }
        if minutes < 180 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 {
            let rest = minutes % 60
            return rest == 0 ? "\(hours)h" : "\(hours)h\(rest)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let rest = hours % 24
            return rest == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(rest)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// The age of `date` at `now`, as kubectl's AGE column; "<unknown>" without a date.
    public static func since(_ date: Date?, now: Date) -> String {
        guard let date else { return "<unknown>" }
        return human(seconds: Int(now.timeIntervalSince(date).rounded(.down)))
    }
}
