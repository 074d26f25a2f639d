import Foundation

/// One Kubernetes node with its Ready condition and the pressure conditions the Pods pane shows.
public struct NodeInfo: Sendable, Equatable, Identifiable {
    public var context: String
    public var name: String
    /// The Ready condition's status: "True", "False" or "Unknown" (kubelet gone quiet); nil when absent.
    public var readyStatus: String?
    public var memoryPressure: Bool
    public var diskPressure: Bool
    public var pidPressure: Bool
    public var networkUnavailable: Bool
    public var unschedulable: Bool
    public var kubeletVersion: String
    /// Message of the Ready condition when the node is not ready ("Kubelet stopped posting node status.").
    public var readyMessage: String
    /// Every condition, in the API server's order (for the node view).
    public var conditions: [NodeCondition] = []
    /// `key=value:Effect` (or `key:Effect`), as kubectl describe writes taints.
    public var taints: [String] = []
    /// Resource quantities as the API server writes them (`cpu: "4"`, `memory: "16374436Ki"`).
    public var capacity: [String: String] = [:]
    public var allocatable: [String: String] = [:]

    public var id: String { context + "/" + name }

    public init(
        context: String, name: String, readyStatus: String?, memoryPressure: Bool = false,
        diskPressure: Bool = false, pidPressure: Bool = false, networkUnavailable: Bool = false,
        unschedulable: Bool = false, kubeletVersion: String = "", readyMessage: String = ""
    ) {
        self.context = context
        self.name = name
        self.readyStatus = readyStatus
        self.memoryPressure = memoryPressure
        self.diskPressure = diskPressure
        self.pidPressure = pidPressure
        self.networkUnavailable = networkUnavailable
        self.unschedulable = unschedulable
        self.kubeletVersion = kubeletVersion
        self.readyMessage = readyMessage
    }

    public var isReady: Bool { readyStatus == "True" }

    /// The pressure conditions that are true, by their Kubernetes names.
    public var pressures: [String] {
        var out: [String] = []
        if memoryPressure { out.append("MemoryPressure") }
        if diskPressure { out.append("DiskPressure") }
        if pidPressure { out.append("PIDPressure") }
        if networkUnavailable { out.append("NetworkUnavailable") }
        return out
    }

    /// kubectl's STATUS column ("Ready", "NotReady", "Unknown", with ",SchedulingDisabled").
    public var statusText: String {
        var text: String
        switch readyStatus {
        case "True": text = "Ready"
        case "False": text = "NotReady"
        default: text = "Unknown"
        }
        if unschedulable { text += ",SchedulingDisabled" }
        return text
    }

    /// Not ready or unreachable network is critical; any other pressure warns; cordoned warns.
    public var healthState: HealthState {
        if !isReady || networkUnavailable { return .crit }
        if memoryPressure || diskPressure || pidPressure || unschedulable { return .warn }
        return .ok
    }

    /// Why the node is not ok, nil when it is.
    public var reason: String? {
        var parts: [String] = []
        if !isReady { parts.append(readyMessage.isEmpty ? statusText : "\(statusText): \(readyMessage)") }
        parts += pressures
        if unschedulable { parts.append("cordoned") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
