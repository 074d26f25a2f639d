import TriageCore

/// One event of `kubectl get pods|nodes|events -o json --watch --output-watch-events`.
public struct KubeWatchEvent: Sendable {
    public enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        case bookmark = "BOOKMARK"
        case error = "ERROR"
    }

    public var kind: Kind
    /// The pod of a pod watch (for ADDED / MODIFIED / DELETED); nil for BOOKMARK and ERROR.
    public var pod: PodInfo?
    /// The node of a node watch.
    public var node: NodeInfo?
    /// The event of a warning-event watch.
    public var event: KubeEvent?
    /// The Status message of an ERROR event ("too old resource version: 5 (1234)").
    public var errorMessage: String?
    /// The Status code of an ERROR event: 410 when the watch's resourceVersion is gone (relist).
    public var errorCode: Int?
    /// The object's resourceVersion, to resume a watch from.
    public var resourceVersion: String

    public init(
        kind: Kind, pod: PodInfo?, node: NodeInfo? = nil, event: KubeEvent? = nil, errorMessage: String? = nil,
        errorCode: Int? = nil, resourceVersion: String = ""
    ) {
        self.kind = kind
        self.pod = pod
        self.node = node
        self.event = event
        self.errorMessage = errorMessage
        self.errorCode = errorCode
        self.resourceVersion = resourceVersion
    }

    /// True for the API server's "your resourceVersion is too old" (410 Gone / Expired): relist.
    public var isExpired: Bool {
        kind == .error && (errorCode == 410 || errorMessage?.contains("too old resource version") == true)
    }
}
