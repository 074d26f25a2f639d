import Foundation

/// One Kubernetes event (usually a Warning) as the Pods pane lists it.
public struct KubeEvent: Sendable, Equatable, Identifiable {
    public var context: String
    public var namespace: String
    /// The involved object's kind ("Pod", "Node").
    public var objectKind: String
    public var objectName: String
    public var reason: String
    public var message: String
    public var count: Int
    /// lastTimestamp, else eventTime, else firstTimestamp, else the event's creation time.
    public var lastSeen: Date?
    /// "Warning" or "Normal".
    public var type: String
    public var uid: String

    public var id: String { context + "/" + namespace + "/" + uid }

    /// "pod/payments-6b8d-crash", as kubectl's OBJECT column.
    public var object: String { objectKind.lowercased() + "/" + objectName }

    public var isWarning: Bool { type == "Warning" }

    public init(
        context: String, namespace: String, objectKind: String, objectName: String, reason: String,
        message: String, count: Int, lastSeen: Date?, type: String, uid: String = ""
    ) {
        self.context = context
        self.namespace = namespace
        self.objectKind = objectKind
        self.objectName = objectName
        self.reason = reason
        self.message = message
        self.count = count
        self.lastSeen = lastSeen
        self.type = type
        self.uid = uid.isEmpty ? "\(namespace)/\(objectKind)/\(objectName)/\(reason)" : uid
    }
}
