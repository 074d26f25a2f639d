/// The slices of Kubernetes v1 JSON triage reads, every field optional.
///
/// Pods (the big, hot documents) are read by `KubePodScanner`, which skips everything not listed
/// here by byte scanning; nodes and events (small) go through Codable. Optional everywhere: a field
/// an old or odd API server leaves out costs that field, not the list.
enum KubeJSON {
    struct List<Item: Decodable>: Decodable {
        var kind: String?
        var metadata: ListMeta?
        var items: [Lenient<Item>]?
        var message: String?
    }

    /// One list item that decodes to nil instead of failing the whole list (a field of the wrong type).
    struct Lenient<Value: Decodable>: Decodable {
        var value: Value?

        init(from decoder: any Decoder) throws {
            value = try? Value(from: decoder)
        }
    }

    struct ListMeta: Decodable {
        var resourceVersion: String?
    }

    struct ObjectMeta: Decodable {
        var name: String?
        var namespace: String?
        var uid: String?
        var resourceVersion: String?
        var creationTimestamp: String?
        var deletionTimestamp: String?
        var labels: [String: String]?
        /// The controller owner's `Kind/name` (ownerReferences with controller: true, or the first).
        var owner: String?
    }

    struct Pod {
        var kind: String?
        var metadata: ObjectMeta?
        var spec: PodSpec?
        var status: PodStatus?
        // Set when the object is a Status (a watch ERROR event).
        var message: String?
        var reason: String?
        var code: Int?
    }

    struct PodSpec {
        var nodeName: String?
        var containers: [Container]?
        var initContainers: [Container]?
    }

    struct Container {
        var name: String?
        var restartPolicy: String?
        var image: String?
    }

    struct PodStatus {
        var phase: String?
        var reason: String?
        var message: String?
        var conditions: [Condition]?
        var containerStatuses: [ContainerStatus]?
        var initContainerStatuses: [ContainerStatus]?
        var podIP: String?
        var qosClass: String?
    }

    struct Condition: Decodable {
        var type: String?
        var status: String?
        var reason: String?
        var message: String?
        var lastTransitionTime: String?
    }

    struct ContainerStatus {
        var name: String?
        var ready: Bool?
        var started: Bool?
        var restartCount: Int?
        var state: ContainerState?
        var lastState: ContainerState?
    }

    struct ContainerState {
        var waiting: Waiting?
        var running: Running?
        var terminated: Terminated?
    }

    struct Waiting {
        var reason: String?
        var message: String?
    }

    struct Running {
        var startedAt: String?
    }

    struct Terminated {
        var exitCode: Int?
        var signal: Int?
        var reason: String?
        var message: String?
        var startedAt: String?
        var finishedAt: String?
    }

    struct Node: Decodable {
        var metadata: ObjectMeta?
        var spec: NodeSpec?
        var status: NodeStatus?
    }

    struct NodeSpec: Decodable {
        var unschedulable: Bool?
        var taints: [Taint]?
    }

    struct Taint: Decodable {
        var key: String?
        var value: String?
        var effect: String?
    }

    struct NodeStatus: Decodable {
        var conditions: [Condition]?
        var nodeInfo: NodeSystemInfo?
        var capacity: [String: String]?
        var allocatable: [String: String]?
    }

    struct NodeSystemInfo: Decodable {
        var kubeletVersion: String?
    }

    struct Event: Decodable {
        var metadata: ObjectMeta?
        var involvedObject: ObjectReference?
        var regarding: ObjectReference?
        var reason: String?
        var message: String?
        var note: String?
        var count: Int?
        var type: String?
        var lastTimestamp: String?
        var eventTime: String?
        var firstTimestamp: String?
        var series: EventSeries?
    }

    struct ObjectReference: Decodable {
        var kind: String?
        var name: String?
        var namespace: String?
    }

    struct EventSeries: Decodable {
        var count: Int?
        var lastObservedTime: String?
    }

    struct WatchEvent {
        var type: String?
        var object: Pod?
    }

    /// A watch event of a small object (node, event): the object, or a Status for ERROR events.
    struct TypedWatchEvent<Object: Decodable>: Decodable {
        var type: String?
        var object: Object?
        var status: Status?

        enum CodingKeys: String, CodingKey { case type, object }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try? container.decodeIfPresent(String.self, forKey: .type)
            object = try? container.decodeIfPresent(Object.self, forKey: .object)
            status = try? container.decodeIfPresent(Status.self, forKey: .object)
        }
    }

    struct Status: Decodable {
        var kind: String?
        var message: String?
        var reason: String?
        var code: Int?
        var metadata: ListMeta?
    }
}
