import Foundation

/// The time over which a check's availability is told: the open incident since it was detected,
/// or the last hour when none is open.
struct AvailabilityWindow: Equatable {
    var from: Date
    /// `over the incident`, `over the last hour`.
    var label: String

    static let lastHour: TimeInterval = 3600

    static func window(incidentStart: Date?, now: Date) -> AvailabilityWindow {
        if let incidentStart, incidentStart <= now { return AvailabilityWindow(from: incidentStart, label: "over the incident") }
        return AvailabilityWindow(from: now.addingTimeInterval(-lastHour), label: "over the last hour")
    }
}
