import Foundation

/// kubectl's READY, STATUS and RESTARTS columns for a pod, computed as `kubectl get pods` does.
///
/// A port of `printPod` in kubernetes/pkg/printers/internalversion/printers.go (v1.32), so the pane
/// says exactly what an operator's own terminal says: "Init:1/2", "CrashLoopBackOff", "Terminating",
/// "Completed" rather than a phase. Order matters and is kept: init containers first (the first
/// unfinished one decides), then app containers from last to first (so the first container's
/// reason wins), then deletion.
public struct KubectlPodColumns: Sendable, Equatable {
    public var readyContainers: Int
    public var totalContainers: Int
    public var status: String
    public var restarts: Int
    /// When the most recent restart's previous run ended (`lastState.terminated.finishedAt`).
    public var lastRestartAt: Date?

    public init(facts: KubePodFacts) {
        var restarts = 0
        var restartableInitRestarts = 0
        var total = facts.containerNames.count
        var ready = 0
        var lastRestart: Date?
        var lastRestartableInitRestart: Date?

        var reason = facts.phase
        if !facts.reason.isEmpty { reason = facts.reason }
        if facts.conditionReasons["PodScheduled"] == "SchedulingGated" { reason = "SchedulingGated" }

        total += facts.initContainerNames.filter { facts.restartableInitContainers.contains($0) }.count

        func later(_ a: Date?, _ b: Date?) -> Date? {
            guard let b else { return a }
            guard let a else { return b }
            return b > a ? b : a
        }

        var initializing = false
        for (index, container) in facts.initContainerStatuses.enumerated() {
            restarts += container.restartCount
            lastRestart = later(lastRestart, container.lastTerminated?.finishedAt)
            let restartable = facts.restartableInitContainers.contains(container.name)
            if restartable {
                restartableInitRestarts += container.restartCount
                lastRestartableInitRestart = later(lastRestartableInitRestart, container.lastTerminated?.finishedAt)
            }
            if case .terminated(let t) = container.state, t.exitCode == 0 { continue }
            if restartable, container.started == true {
                if container.ready { ready += 1 }
                continue
            }
            switch container.state {
            case .terminated(let t):
                if t.reason.isEmpty {
                    reason = t.signal != 0 ? "Init:Signal:\(t.signal)" : "Init:ExitCode:\(t.exitCode)"
                } else {
                    reason = "Init:" + t.reason
                }
            case .waiting(let waitingReason, _) where !waitingReason.isEmpty && waitingReason != "PodInitializing":
                reason = "Init:" + waitingReason
            default:
                reason = "Init:\(index)/\(facts.initContainerNames.count)"
            }
            initializing = true
            break
        }

        if !initializing || facts.conditions["Initialized"] == "True" {
            restarts = restartableInitRestarts
            lastRestart = lastRestartableInitRestart
            var hasRunning = false
            for container in facts.containerStatuses.reversed() {
                restarts += container.restartCount
                lastRestart = later(lastRestart, container.lastTerminated?.finishedAt)
                switch container.state {
                case .waiting(let waitingReason, _) where !waitingReason.isEmpty:
                    reason = waitingReason
                case .terminated(let t) where !t.reason.isEmpty:
                    reason = t.reason
                case .terminated(let t):
                    reason = t.signal != 0 ? "Signal:\(t.signal)" : "ExitCode:\(t.exitCode)"
                case .running where container.ready:
                    hasRunning = true
                    ready += 1
                default:
                    break
                }
            }
            if reason == "Completed" && hasRunning {
                reason = facts.conditions["Ready"] == "True" ? "Running" : "NotReady"
            }
        }

        if facts.deletionTimestamp != nil && facts.reason == "NodeLost" {
            reason = "Unknown"
        } else if facts.deletionTimestamp != nil && facts.phase != "Succeeded" && facts.phase != "Failed" {
            reason = "Terminating"
        }

        self.readyContainers = ready
        self.totalContainers = total
        self.status = reason
        self.restarts = restarts
        self.lastRestartAt = lastRestart
    }

    /// The RESTARTS cell: "0", "17", or "17 (3m12s ago)" like kubectl.
    public func restartsText(now: Date) -> String {
        guard restarts > 0, let last = lastRestartAt else { return "\(restarts)" }
        return "\(restarts) (\(KubectlDuration.since(last, now: now)) ago)"
    }
}

extension KubectlPodColumns {
    /// True when the restart count grew recently (the last restart ended inside
    /// ``PodInfo/recentRestartWindow``).
    public func restartedRecently(now: Date) -> Bool {
        guard restarts > 0, let last = lastRestartAt else { return false }
        return now.timeIntervalSince(last) < PodInfo.recentRestartWindow
    }

    /// The pod's state from its columns alone (``PodInfo/healthState(now:)``): reading a pod's
    /// columns in an array copies them, not the whole pod (docs/PERFORMANCE.md (a) round five).
    public func healthState(now: Date) -> HealthState {
        switch status {
        case "Completed", "Succeeded":
            return .ok
        case "Running":
            if readyContainers < totalContainers || restartedRecently(now: now) { return .warn }
            return .ok
        case "Pending", "ContainerCreating", "PodInitializing", "Terminating", "NotReady", "SchedulingGated":
            return .warn
        case "Unknown":
            return .unknown
        default:
            if PodInfo.isInitProgress(status) { return .warn }
            return .crit
        }
    }
}
