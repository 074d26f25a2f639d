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

    /// Requests the stand-in has served so far, by verb and resource: `["list nodes": 1, "watch nodes": 1]`.
    func requests() async -> [String: Int] {
        let outcome = await ProcessRunner.run(
            "python3", [KubeStandIn.script("kube-standin.py"), "requests", String(port)], deadline: .seconds(10))
        #expect(outcome.succeeded, "reading the stand-in's request counts failed: \(outcome.failureReason ?? "")")
        let object = try? JSONSerialization.jsonObject(with: Data(outcome.stdout))
        return (object as? [String: Int]) ?? [:]
    }

    /// Ends every open watch of `resource` with an ERROR event carrying 410 Expired, as compaction does.
    func expire(_ resource: String) async {
        let outcome = await ProcessRunner.run(
            "python3", [KubeStandIn.script("kube-standin.py"), "expire", String(port), resource], deadline: .seconds(10))
        #expect(outcome.succeeded, "expiring the \(resource) watches failed: \(outcome.failureReason ?? "")")
    }
}
