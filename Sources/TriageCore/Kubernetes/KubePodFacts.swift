import Foundation

/// The parts of a v1 Pod that kubectl's STATUS / READY / RESTARTS columns are computed from.
///
/// Kept separate from `PodInfo` so the column logic is a pure function of data the parser fills in.
public struct KubePodFacts: Sendable, Equatable {
    public var phase: String
    /// `status.reason` ("Evicted", "NodeLost", "UnexpectedAdmissionError"...), empty when unset.
    public var reason: String
    public var message: String
    public var deletionTimestamp: Date?
    /// `status.conditions` as type → status ("Ready" → "True").
    public var conditions: [String: String]
    /// `status.conditions` reasons by type (for `PodScheduled` / `SchedulingGated`).
    public var conditionReasons: [String: String]
    /// Names of `spec.containers`.
    public var containerNames: [String]
    /// Names of `spec.initContainers`, in order.
    public var initContainerNames: [String]
    /// Init containers with `restartPolicy: Always` (sidecars): they count in READY like app containers.
    public var restartableInitContainers: Set<String>
    public var initContainerStatuses: [KubeContainerStatus]
    public var containerStatuses: [KubeContainerStatus]

    public init(
        phase: String = "", reason: String = "", message: String = "", deletionTimestamp: Date? = nil,
        conditions: [String: String] = [:], conditionReasons: [String: String] = [:],
        containerNames: [String] = [], initContainerNames: [String] = [],
        restartableInitContainers: Set<String> = [],
        initContainerStatuses: [KubeContainerStatus] = [], containerStatuses: [KubeContainerStatus] = []
    ) {
        self.phase = phase
        self.reason = reason
        self.message = message
        self.deletionTimestamp = deletionTimestamp
        self.conditions = conditions
        self.conditionReasons = conditionReasons
        self.containerNames = containerNames
        self.initContainerNames = initContainerNames
        self.restartableInitContainers = restartableInitContainers
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
    }
}
