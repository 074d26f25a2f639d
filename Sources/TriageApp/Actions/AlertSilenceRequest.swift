import Foundation
import TriageCore
import TriageProbes

/// A silence of one alert as the person confirms it: on which Alertmanager, matching which labels,
/// for how long, by whom and why. Taken when `S` is pressed, so the answer silences exactly what
/// the question showed, whatever the probes say meanwhile.
struct AlertSilenceRequest: Sendable {
    var spec: AlertmanagerSpec
    var alert: FiringAlert
    var duration: Duration = AlertSilenceFlow.defaultDuration
    var createdBy: String
    var comment: String

    /// How the timeline and the confirmation name the alert.
    var title: String { DashboardSnapshot.alertTitle(alert) }
}
