import Foundation

/// One pod as the Pods pane shows it, with kubectl's own READY / STATUS / RESTARTS wording.
public struct PodInfo: Sendable, Equatable, Identifiable {
    /// The kubeconfig context the pod was read through.
    public var context: String
    public var namespace: String
    public var name: String
    public var uid: String
    public var node: String?
    public var creationTimestamp: Date?
    public var labels: [String: String]
    public var resourceVersion: String
    public var facts: KubePodFacts
    /// READY, STATUS, RESTARTS exactly as `kubectl get pods` computes them from `facts`.
    public var columns: KubectlPodColumns
    /// For the detail view: IP, QoS class, controlling owner, and each container's image.
    public var podIP = ""
    public var qosClass = ""
    public var owner = ""
    public var images: [String: String] = [:]

    public var id: String { context + "/" + namespace + "/" + name }

    public init(
        context: String, namespace: String, name: String, uid: String = "", node: String? = nil,
        creationTimestamp: Date? = nil, labels: [String: String] = [:], resourceVersion: String = "",
        facts: KubePodFacts
    ) {
        self.context = context
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.node = node
        self.creationTimestamp = creationTimestamp
        self.labels = labels
        self.resourceVersion = resourceVersion
        self.facts = facts
        self.columns = KubectlPodColumns(facts: facts)
    }

    public var status: String { columns.status }
    public var readyContainers: Int { columns.readyContainers }
    public var totalContainers: Int { columns.totalContainers }
    public var restarts: Int { columns.restarts }
    /// "1/2", as the READY column.
    public var readyText: String { "\(columns.readyContainers)/\(columns.totalContainers)" }

    /// The AGE column exactly as kubectl prints it: "45s", "5m30s", "121m", "2h15m", "24h", "3d4h".
    public func ageText(now: Date) -> String {
        KubectlDuration.since(creationTimestamp, now: now)
    }

    /// A restart within this window counts as "restarting" for the broken-only view.
    public static let recentRestartWindow: TimeInterval = 3600

    /// True when the restart count grew recently (the last restart ended inside the window).
    public func restartedRecently(now: Date) -> Bool { columns.restartedRecently(now: now) }

    /// Healthy and settled pods are Running with every container ready, or Completed.
    public func isBroken(now: Date) -> Bool {
        switch columns.status {
        case "Completed", "Succeeded": return false
        case "Running": return columns.readyContainers < columns.totalContainers || restartedRecently(now: now)
        default: return true
        }
    }

    /// Critical for failures (CrashLoopBackOff, ImagePullBackOff, OOMKilled, Error, Evicted, Init errors),
    /// warning for transitions (Pending, ContainerCreating, Terminating, Init:x/y, not ready, restarting).
    public func healthState(now: Date) -> HealthState { columns.healthState(now: now) }

    /// The waiting or terminated message behind the status, for the detail line ("back-off 5m0s ...").
    public var detail: String? {
        for container in facts.initContainerStatuses + facts.containerStatuses {
            switch container.state {
            case .waiting(_, let message) where !message.isEmpty: return message
            case .terminated(let t) where !t.message.isEmpty: return t.message
            default: continue
            }
        }
        return facts.message.isEmpty ? nil : facts.message
    }

    /// "Init:1/3" (progress) as opposed to "Init:CrashLoopBackOff" (failure).
    static func isInitProgress(_ status: String) -> Bool {
        guard status.hasPrefix("Init:") else { return false }
        let rest = status.dropFirst(5).split(separator: "/")
        return rest.count == 2 && rest.allSatisfy { Int($0) != nil }
    }
}
