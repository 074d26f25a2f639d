import Foundation

/// One of a node's conditions as the API server reports it (`Ready`, `MemoryPressure`, …), with
/// the kubelet's reason and message and when its status last changed: the node view lists them all.
public struct NodeCondition: Sendable, Equatable {
    public var type: String
    /// "True", "False" or "Unknown".
    public var status: String
    public var reason: String
    public var message: String
    public var lastTransition: Date?

    public init(type: String, status: String, reason: String = "", message: String = "", lastTransition: Date? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransition = lastTransition
    }

    /// Whether this status is the healthy one: `Ready` true, every other condition (pressures,
    /// NetworkUnavailable) false.
    public var isHealthy: Bool { type == "Ready" ? status == "True" : status == "False" }
}
