import Foundation
import TriageCore

/// Turns decoded v1 Pod JSON into `PodInfo`, the value the Pods pane and the cache hold.
enum KubePodConversion {
    static func podInfo(_ pod: KubeJSON.Pod, context: String) -> PodInfo? {
        guard let meta = pod.metadata, let name = meta.name, !name.isEmpty else { return nil }
        let spec = pod.spec
        let status = pod.status
        var conditions: [String: String] = [:]
        var conditionReasons: [String: String] = [:]
        for condition in status?.conditions ?? [] {
            guard let type = condition.type else { continue }
            conditions[type] = condition.status ?? ""
            if let reason = condition.reason { conditionReasons[type] = reason }
        }
        let initSpecs = spec?.initContainers ?? []
        let facts = KubePodFacts(
            phase: status?.phase ?? "",
            reason: status?.reason ?? "",
            message: status?.message ?? "",
            deletionTimestamp: meta.deletionTimestamp.flatMap(RFC3339.parse),
            conditions: conditions,
            conditionReasons: conditionReasons,
            containerNames: (spec?.containers ?? []).map { $0.name ?? "" },
            initContainerNames: initSpecs.map { $0.name ?? "" },
            restartableInitContainers: Set(initSpecs.filter { $0.restartPolicy == "Always" }.compactMap(\.name)),
            initContainerStatuses: (status?.initContainerStatuses ?? []).map(containerStatus),
            containerStatuses: (status?.containerStatuses ?? []).map(containerStatus))
        var info = PodInfo(
            context: context, namespace: meta.namespace ?? "default", name: name, uid: meta.uid ?? "",
            node: spec?.nodeName.flatMap { $0.isEmpty ? nil : $0 },
            creationTimestamp: meta.creationTimestamp.flatMap(RFC3339.parse),
            labels: meta.labels ?? [:], resourceVersion: meta.resourceVersion ?? "", facts: facts)
        info.podIP = status?.podIP ?? ""
        info.qosClass = status?.qosClass ?? ""
        info.owner = meta.owner ?? ""
        for container in initSpecs + (spec?.containers ?? []) {
            if let name = container.name, let image = container.image { info.images[name] = image }
        }
        return info
    }

    static func containerStatus(_ json: KubeJSON.ContainerStatus) -> KubeContainerStatus {
        KubeContainerStatus(
            name: json.name ?? "", ready: json.ready ?? false, started: json.started,
            restartCount: json.restartCount ?? 0, state: state(json.state),
            lastTerminated: json.lastState?.terminated.map(terminated))
    }

    static func state(_ json: KubeJSON.ContainerState?) -> KubeContainerStatus.State {
        guard let json else { return .unset }
        if let waiting = json.waiting { return .waiting(reason: waiting.reason ?? "", message: waiting.message ?? "") }
        if let running = json.running { return .running(startedAt: running.startedAt.flatMap(RFC3339.parse)) }
        if let done = json.terminated { return .terminated(terminated(done)) }
        return .unset
    }

    static func terminated(_ json: KubeJSON.Terminated) -> KubeContainerStatus.Terminated {
        KubeContainerStatus.Terminated(
            exitCode: json.exitCode ?? 0, signal: json.signal ?? 0, reason: json.reason ?? "",
            message: json.message ?? "", startedAt: json.startedAt.flatMap(RFC3339.parse),
            finishedAt: json.finishedAt.flatMap(RFC3339.parse))
    }
}
