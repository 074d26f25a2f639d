import Foundation
import TriageCore
import TriageProbes

/// Runs one round of every probe of a `CheckPlan` at once: HTTP checks, command checks, Prometheus
/// queries, each docker host, each Kubernetes context and the host.
///
/// The probes are the dashboard's own registrations (`ProbeRegistry`), run once by `ProbeEngine` in
/// one-shot mode with the same deadlines, so a check says what the dashboard would. What the
/// dashboard keeps running in the background is replaced by one-shot runs (see `ProbeMode`). The
/// whole round takes about as long as its slowest probe, and every child is gone when `run()` returns.
public struct CheckRunner: Sendable {
    public var plan: CheckPlan
    /// The deadline of each docker and kubectl run (HTTP and command checks use their own timeouts).
    public var deadline: Duration
    public var docker: String
    public var kubectl: String

    public init(plan: CheckPlan, deadline: Duration = .seconds(10), docker: String = "docker", kubectl: String = "kubectl") {
        self.plan = plan
        self.deadline = deadline
        self.docker = docker
        self.kubectl = kubectl
    }

    /// The probes a check runs: the plan's registry without log discovery.
    public var registry: ProbeRegistry { ProbeRegistry(plan: plan, deadline: deadline, docker: docker, kubectl: kubectl) }

    public func run() async -> CheckRound {
        let started = Date()
        let deliveries = await ProbeEngine(clock: ContinuousClock()).runOnce(registry.checked)
        return CheckRound(deliveries: deliveries, plan: plan, startedAt: started, finishedAt: Date())
    }
}
