/// The six panes, in focus order; the digit keys follow this order.
public enum PaneID: Int, Sendable, CaseIterable, Hashable, Codable {
    case services = 1, containers, pods, logs, incident, host

    public var title: String {
        switch self {
        case .services: "Services"
        case .containers: "Containers"
        case .pods: "Pods"
        case .logs: "Logs"
        case .incident: "Incident"
        case .host: "Host"
        }
    }

    public var digit: Character { Character(String(rawValue)) }

    public var next: PaneID { PaneID(rawValue: rawValue % 6 + 1)! }
    public var previous: PaneID { PaneID(rawValue: (rawValue + 4) % 6 + 1)! }
}
