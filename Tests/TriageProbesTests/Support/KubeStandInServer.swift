import Foundation
import Testing
import TriageTestSupport

/// The probes tests' name for the shared stand-in (TriageTestSupport's `KubeStandIn`).
typealias KubeStandInServer = KubeStandIn

extension KubeStandIn {
    /// Runs one of the scenario edits (`break-pod`, `add-pod NS NAME`...); a failed edit fails the test.
    func edit(_ arguments: String...) async {
        do { try await editScenario(arguments) } catch { Issue.record(error) }
    }
}
