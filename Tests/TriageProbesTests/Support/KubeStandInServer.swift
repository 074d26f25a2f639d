import Foundation
import Testing
import TriageProbes
import TriageTestSupport

/// The probes tests' name for the shared stand-in (TriageTestSupport's `KubeStandIn`).
typealias KubeStandInServer = KubeStandIn

extension KubeStandIn {
    /// Runs one of the scenario edits (`break-pod`, `add-pod NS NAME`...); a failed edit fails the test.
    func edit(_ arguments: String...) async {
        do { try await editScenario(arguments) } catch { Issue.record(error) }
    }

    /// Requests the stand-in has served so far, by verb and resource; a failed read fails the test.
    func requests() async -> [String: Int] {
        do { return try await requestCounts() } catch { Issue.record(error) }
        return [:]
    }

    /// Ends every open watch of `resource` with an ERROR event carrying 410 Expired; a failure fails the test.
    func expire(_ resource: String) async {
        do { try await expireWatches(resource) } catch { Issue.record(error) }
    }
}
